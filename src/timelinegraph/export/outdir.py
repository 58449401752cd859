"""The ``--out`` folder: one build at a time, and a set of exports replaced all together.

Two builds into one folder would interleave their files, so a build holds an exclusive
lock on ``OUT/.timelinegraph.lock`` (``fcntl.flock``: the kernel drops it when the process
dies, even by SIGKILL, so a crashed build never leaves a stale lock). Exports are first
written into a staging folder inside ``OUT`` and moved into place only once all of them
are complete, so a build interrupted while writing leaves the previous exports untouched.

Moving a set of files in is one rename per file, and a build killed between two renames
would leave a mix. So before the first rename a commit marker (``COMMIT_NAME``, naming the
staging folder) is written atomically, and removed after the last: a marker found later
means a move was cut short, and ``finish_interrupted_commit`` completes it (roll forward:
the staged files are whole). The next build does so first, under the lock.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import ExportError
from .atomic import write_text_atomic

try:  # POSIX; elsewhere builds run unlocked (documented in the README)
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms CI runs
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "COMMIT_NAME",
    "LOCK_NAME",
    "STAGING_PREFIX",
    "finish_interrupted_commit",
    "output_lock",
    "staged_exports",
]

LOCK_NAME = ".timelinegraph.lock"
STAGING_PREFIX = ".staging-"
COMMIT_NAME = ".timelinegraph.commit"


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

    Call with the lock held: a move cut short by a killed build is completed, and any other
    staging folder it left is removed, first.
    """
    out = Path(out)
    finish_interrupted_commit(out)
    for stale in out.glob(STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise ExportError(f"{out}: cannot create a staging folder ({exc.strerror})") from None
    try:
        yield staging
        marker = write_text_atomic(out / COMMIT_NAME, staging.name + "\n")  # errors name it
        _move_in(staging, out)
        marker.unlink()
    finally:
        with suppress(OSError):
            shutil.rmtree(staging)


def finish_interrupted_commit(out: Path) -> bool:
    """Complete a move of exports that a killed build cut short (see the module docstring);
    True when there was one. Call with the lock held."""
    marker = Path(out) / COMMIT_NAME
    try:
        name = marker.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ExportError(f"cannot read {marker}: {exc.strerror}") from None
    staging = Path(out) / name
    if name.startswith(STAGING_PREFIX) and "/" not in name and staging.is_dir():
        _move_in(staging, Path(out))
        shutil.rmtree(staging, ignore_errors=True)
    marker.unlink()
    return True


def _move_in(staging: Path, out: Path) -> None:
    for staged in sorted(staging.iterdir()):
        try:
            os.replace(staged, out / staged.name)
        except OSError as exc:
            raise ExportError(f"cannot write {out / staged.name}: {exc.strerror}") from None
