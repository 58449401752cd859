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

Whoever can write into ``OUT`` must not be able to make a build touch anything outside it:
our own files there are opened without following links (``O_NOFOLLOW``), and a marker is
obeyed only if it names a real folder directly inside ``OUT`` named as ours are, holding
only regular files named as exports; the moves go through folder descriptors, so nothing
can be swapped for a link between the check and the rename.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import ExportError
from ..registry import EXPORT_FILENAMES
from .atomic import is_temp_of, write_text_atomic

try:  # POSIX; elsewhere builds run unlocked (documented in the README)
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms CI runs
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "COMMIT_NAME",
    "LOCK_NAME",
    "STAGING_PREFIX",
    "check_writable",
    "finish_interrupted_commit",
    "is_output_folder",
    "output_lock",
    "staged_exports",
]

LOCK_NAME = ".timelinegraph.lock"
STAGING_PREFIX = ".staging-"
COMMIT_NAME = ".timelinegraph.commit"

# how tempfile.mkdtemp names our staging folders (prefix, then [a-z0-9_] characters)
_STAGING_NAME = re.compile(re.escape(STAGING_PREFIX) + r"[a-z0-9_]+")
# never through a link; not inherited by workers; a FIFO planted there cannot block us
_OWN_FILE = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | os.O_NONBLOCK
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the build lock on ``out`` (created if needed), or fail at once naming the holder."""
    out = Path(out)
    fd = _open_own(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, doing="create the build lock")
    with open(fd, "r+", encoding="utf-8") as handle:  # held for the whole build
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

    Call with the lock held: a move cut short by a killed build is completed, and what
    killed builds left (staging folders, half-written markers) removed, first.
    """
    out = Path(out)
    finish_interrupted_commit(out)
    _remove_leftovers(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise ExportError(f"{out}: cannot create a staging folder ({exc.strerror})") from None
    try:
        yield staging
        _commit(out, staging.name, marked=False)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def finish_interrupted_commit(out: Path) -> bool:
    """Complete a move of exports that a killed build cut short (see the module docstring);
    True when there was one. Call with the lock held."""
    out = Path(out)
    marker = out / COMMIT_NAME
    fd = _open_own(marker, os.O_RDONLY, doing="read the commit marker")
    if fd is None:
        return False
    with open(fd, "rb") as handle:
        name = handle.read(256).decode("utf-8", "replace").strip()
    if not _STAGING_NAME.fullmatch(name):
        raise ExportError(
            f"{marker}: names {name!r}, not a staging folder of a build; nothing was moved "
            "(remove the marker if no build of yours left it)"
        )
    if os.path.lexists(out / name):
        _commit(out, name, marked=True)
        shutil.rmtree(out / name, ignore_errors=True)
    marker.unlink(missing_ok=True)
    return True


def _commit(out: Path, staging: str, *, marked: bool) -> None:
    """Move the exports staged in ``out/staging`` into ``out``; ``marked``: the commit
    marker naming it is there already (completing an interrupted move)."""
    out_fd = os.open(out, _FOLDER)
    try:
        try:
            staging_fd = os.open(staging, _FOLDER | getattr(os, "O_NOFOLLOW", 0), dir_fd=out_fd)
        except OSError as exc:
            raise ExportError(
                f"{out / staging}: named by {COMMIT_NAME} but not a folder ({exc.strerror}: "
                "a link?); nothing was moved (remove both if no build of yours left them)"
            ) from None
        try:
            names = _staged_exports(out / staging, staging_fd)
            if not marked:
                write_text_atomic(out / COMMIT_NAME, staging + "\n")  # errors name it
            for name in names:
                try:
                    os.replace(name, name, src_dir_fd=staging_fd, dst_dir_fd=out_fd)
                except OSError as exc:
                    raise ExportError(f"cannot write {out / name}: {exc.strerror}") from None
            os.unlink(COMMIT_NAME, dir_fd=out_fd)
        finally:
            os.close(staging_fd)
    finally:
        os.close(out_fd)


def _staged_exports(staging: Path, staging_fd: int) -> list[str]:
    """The names in a staging folder, in moving order, once all are checked to be exports
    (regular files with an export's name): nothing else is ever moved."""
    names = sorted(os.listdir(staging_fd))
    for name in names:
        mode = os.lstat(name, dir_fd=staging_fd).st_mode
        if name not in EXPORT_FILENAMES or not stat.S_ISREG(mode):
            raise ExportError(
                f"{staging / name}: not an export a build writes (a regular file named as "
                "one); nothing was moved"
            )
    return names


def _remove_leftovers(out: Path) -> None:
    """What killed builds leave in ``out``: staging folders and half-written commit markers.
    Only real folders and regular files named as ours are, never through a link."""
    with os.scandir(out) as entries:
        for entry in entries:
            if _STAGING_NAME.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            elif is_temp_of(entry.name, COMMIT_NAME) and entry.is_file(follow_symlinks=False):
                with suppress(FileNotFoundError):
                    os.unlink(entry.path)


def _open_own(path: Path, flags: int, *, doing: str) -> int | None:
    """A descriptor on one of our own files in ``--out``: never through a link, and only a
    regular file with no other name, so a planted link or FIFO cannot make us truncate,
    block on or read someone else's file. None when it is missing (and not created)."""
    try:
        fd = os.open(path, flags | _OWN_FILE, 0o666)
    except FileNotFoundError:
        if flags & os.O_CREAT:
            raise ExportError(f"{path.parent}: cannot {doing} (no such folder)") from None
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK) or os.path.islink(path):
            raise ExportError(
                f"{path}: is a symbolic link; timelinegraph never follows one for its own "
                "files (remove it)"
            ) from None
        raise ExportError(f"{path.parent}: cannot {doing} ({exc.strerror})") from None
    info = os.fstat(fd)
    problem = (
        "not a regular file"
        if not stat.S_ISREG(info.st_mode)
        else "has other names (hard links)"
        if info.st_nlink > 1
        else None
    )
    if problem:
        os.close(fd)
        raise ExportError(f"{path}: {problem}; timelinegraph keeps its own files (remove it)")
    return fd


def is_output_folder(folder: Path) -> bool:
    """True for a folder a build writes into (it holds our lock file): its files are exports,
    never articles, so the reader skips it."""
    return os.path.lexists(Path(folder) / LOCK_NAME)


def check_writable(out: Path) -> None:
    """Create ``out`` if needed and fail at once, in one line, if files cannot be made there
    (before minutes of extraction). The probe file has no name to plant a link at."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create output folder ({exc.strerror})") from None
    if not out.is_dir():
        raise ExportError(f"{out}: not a folder")
    try:
        with tempfile.TemporaryFile(dir=out):  # O_TMPFILE where there is one, else unlinked
            pass
    except OSError as exc:
        raise ExportError(f"{out}: output folder is not writable ({exc.strerror})") from None
