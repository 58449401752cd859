"""The ``--out`` folder: one build at a time, and a set of exports replaced all together.

Two builds into one folder would interleave their files, so a build holds an exclusive
lock on ``OUT/.timelinegraph.lock`` (``fcntl.flock``: the kernel drops it when the process
dies, even by SIGKILL, so a crashed build never leaves a stale lock). Exports are first
written into a staging folder inside ``OUT`` and moved into place only once all of them
are complete, so an interrupted build leaves the previous exports untouched rather than
a mix of old and new files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import ExportError

try:  # POSIX; elsewhere builds run unlocked (documented in the README)
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms CI runs
    fcntl = None  # type: ignore[assignment]

__all__ = ["LOCK_NAME", "STAGING_PREFIX", "output_lock", "staged_exports"]

LOCK_NAME = ".timelinegraph.lock"
STAGING_PREFIX = ".staging-"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the build lock on ``out`` (created if needed), or fail at once naming the holder."""
    out = Path(out)
    path = out / LOCK_NAME
    try:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole build
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the build lock ({exc.strerror})") from None
    with handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise ExportError(
                    f"{out}: another build is writing here ({holder}); "
                    "wait for it to finish or choose another --out"
                ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


@contextmanager
def staged_exports(out: Path) -> Iterator[Path]:
    """A fresh staging folder inside ``out``; on clean exit its files replace ``out``'s.

    Call with the lock held: any staging folder left by a killed build is removed first.
    """
    out = Path(out)
    for stale in out.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise ExportError(f"{out}: cannot create a staging folder ({exc.strerror})") from None
    try:
        yield staging
        for staged in sorted(staging.iterdir()):
            try:
                os.replace(staged, out / staged.name)
            except OSError as exc:
                raise ExportError(f"cannot write {out / staged.name}: {exc.strerror}") from None
    finally:
        with suppress(OSError):
            shutil.rmtree(staging)
