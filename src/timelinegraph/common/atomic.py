"""Atomic file writes: write a temp file next to the target, then ``os.replace`` it.

A crash or an exception mid-write never leaves a half-written export; the temp file is
removed on error. OSErrors become ``ExportError`` naming the target path.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from ..errors import ExportError

__all__ = [
    "atomic_open",
    "is_temp_of",
    "mode_to_keep",
    "utf8_safe",
    "write_bytes_atomic",
    "write_text_atomic",
]

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TEMP_SUFFIX = ".tmp"
# the 8 characters tempfile.mkstemp puts between our prefix and suffix
_TEMP_RANDOM = re.compile(r"[a-z0-9_]{8}")


def utf8_safe(text: str) -> str:
    """``text`` with lone surrogates (a JSON ``"\\ud800"`` escape, an undecodable file name)
    as U+FFFD: UTF-8 cannot encode them. The RDF and XML writers do the same."""
    return _LONE_SURROGATE.sub("\ufffd", text)


@contextmanager
def atomic_open(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a file to write; on clean exit it atomically becomes ``path``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=_temp_prefix(path.name), suffix=_TEMP_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        # newline="" so "\n" is written as-is on every platform (byte-identical exports)
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode_to_keep(path, 0o666))  # mkstemp makes 0600; exports are ordinary files
        os.replace(tmp, path)
    except BaseException as exc:
        with suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


def is_temp_of(name: str, target: str) -> bool:
    """True when ``name`` is what ``atomic_open`` calls its temp file for a ``target`` in the
    same folder: a write killed before its rename leaves one behind."""
    prefix = _temp_prefix(target)
    return (
        name.startswith(prefix)
        and name.endswith(_TEMP_SUFFIX)
        and _TEMP_RANDOM.fullmatch(name[len(prefix) : -len(_TEMP_SUFFIX)]) is not None
    )


def _temp_prefix(target: str) -> str:
    return f".{target}."


def write_text_atomic(path: Path, text: str) -> Path:
    with atomic_open(path) as handle:
        handle.write(text)
    return Path(path)


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    with atomic_open(path, binary=True) as handle:
        handle.write(data)
    return Path(path)


def mode_to_keep(path: Path, created: int) -> int:
    """The mode of what is at ``path``, kept when it is replaced; else ``created`` minus the
    umask, as ``open()`` (0o666) or ``mkdir`` (0o777) would make it."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return created & ~umask
