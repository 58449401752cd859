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
the staged files are whole). Whatever stops a move part-way (a kill, Ctrl-C, a failed
rename) leaves the marker and the staged files for that; anything that can be seen before
the first rename (a folder where an export must go) stops the build with the previous
exports whole. The next build completes a pending move as soon as it holds the lock, and
the commands that read a build (``settle_exports``) do so before reading.

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
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from ..common.atomic import is_temp_of, write_text_atomic
from ..errors import ExportError
from ..registry import EXPORT_FILENAMES

try:  # POSIX; elsewhere builds run unlocked (documented in the README)
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms CI runs
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "COMMIT_NAME",
    "LOCK_NAME",
    "READ_WAIT",
    "STAGING_PREFIX",
    "check_writable",
    "finish_interrupted_commit",
    "is_output_folder",
    "output_lock",
    "settle_exports",
    "staged_exports",
]

LOCK_NAME = ".timelinegraph.lock"
STAGING_PREFIX = ".staging-"
COMMIT_NAME = ".timelinegraph.commit"
READ_WAIT = 10.0  # seconds a reader waits for a build that holds the lock over a pending move

# how tempfile.mkdtemp names our staging folders (prefix, then [a-z0-9_] characters)
_STAGING_NAME = re.compile(re.escape(STAGING_PREFIX) + r"[a-z0-9_]+")
# never through a link; not inherited by workers; a FIFO planted there cannot block us
_OWN_FILE = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | os.O_NONBLOCK
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def output_lock(out: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the build lock on ``out`` (created if needed). Held by another process: fail
    at once naming the holder, or after ``wait`` seconds of trying."""
    out = Path(out)
    fd = _open_own(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, doing="create the build lock")
    assert fd is not None  # O_CREAT: opened, or an error raised
    with open(fd, "r+", encoding="utf-8") as handle:  # held for the whole build
        if fcntl is not None:
            _acquire(handle, out, wait)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def _acquire(handle: IO[str], out: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() >= deadline:
                break
            time.sleep(0.05)
    handle.seek(0)
    holder = handle.read(200).strip() or "another process"
    advice = (
        f"it still held the lock after {wait:g} s; try again when it has finished"
        if wait
        else "wait for it to finish or choose another --out"
    )
    raise ExportError(f"{out}: another build is writing here ({holder}); {advice}")


def settle_exports(path: Path, *, wait: float = READ_WAIT) -> list[str]:
    """Before reading a build (``path``: its folder or a file in it): complete a move of
    exports that a build began and did not finish, so the reader sees one whole set.

    Returns notes for the user. Without a pending move this reads nothing else and takes no
    lock (a build running there leaves the exports alone until its own move). With one, it
    takes the lock, waiting up to ``wait`` seconds for a build that holds it (that build is
    completing the move itself), and fails in one line if it cannot.
    """
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    if not os.path.lexists(folder / COMMIT_NAME):
        return []
    if not os.access(folder, os.W_OK):
        raise ExportError(
            f"{folder}: a build's move of its exports was cut short here and this folder is "
            "not writable to complete it; the exports may mix two builds"
        )
    notes: list[str] = []
    with output_lock(folder, wait=wait):
        finish_interrupted_commit(folder, notes)
    return notes


@contextmanager
def staged_exports(out: Path, notes: list[str] | None = None) -> Iterator[Path]:
    """A fresh staging folder inside ``out``; on clean exit its files replace ``out``'s.

    Call with the lock held: a move cut short by a killed build is completed, and what
    killed builds left (staging folders, half-written markers) removed, first.
    """
    out = Path(out)
    finish_interrupted_commit(out, notes)
    _remove_leftovers(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
    except OSError as exc:
        raise ExportError(f"{out}: cannot create a staging folder ({exc.strerror})") from None
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _commit(out, staging.name, marked=False)


def finish_interrupted_commit(out: Path, notes: list[str] | None = None) -> bool:
    """Complete a move of exports that was cut short (see the module docstring); True when
    there was one. A marker whose staging folder is gone is dropped with a note in
    ``notes``. Call with the lock held."""
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
    if not os.path.lexists(out / name):
        if notes is not None:
            notes.append(
                f"{marker}: dropped, the staged exports it names ({name}) are gone: "
                f"the exports in {out} may mix two builds until a build replaces them"
            )
        marker.unlink()
        return True
    _commit(out, name, marked=True)
    if notes is not None:
        notes.append(f"{out}: completed the move of exports an interrupted build had begun")
    return True


def _commit(out: Path, staging: str, *, marked: bool) -> None:
    """Move the exports staged in ``out/staging`` into ``out``; ``marked``: the commit
    marker naming it is there already (completing an interrupted move). From the marker's
    writing until the last rename, whatever stops the move leaves the marker and the staged
    files for the next build or reader to complete it."""
    out_fd = os.open(out, _FOLDER)
    try:
        try:
            staging_fd = os.open(staging, _FOLDER | getattr(os, "O_NOFOLLOW", 0), dir_fd=out_fd)
        except OSError as exc:
            raise ExportError(
                f"{out / staging}: named by {COMMIT_NAME} but not a folder ({exc.strerror}: "
                "a link?); nothing was moved (remove both if no build of yours left them)"
            ) from None
        pending = marked
        try:
            names = _staged_exports(out / staging, staging_fd)
            _check_way_clear(out, out_fd, names)  # before the marker: the old set stays whole
            if not marked:
                pending = True
                write_text_atomic(out / COMMIT_NAME, staging + "\n")  # errors name it
            for name in names:
                try:
                    os.replace(name, name, src_dir_fd=staging_fd, dst_dir_fd=out_fd)
                except OSError as exc:
                    raise ExportError(
                        f"cannot write {out / name}: {exc.strerror}; the rest of the new "
                        f"exports wait in {out / staging} for the next build to move them in"
                    ) from None
            os.unlink(COMMIT_NAME, dir_fd=out_fd)
            pending = False
        finally:
            os.close(staging_fd)
            if not pending:
                shutil.rmtree(staging, dir_fd=out_fd, ignore_errors=True)
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


def _check_way_clear(out: Path, out_fd: int, names: list[str]) -> None:
    """A rename cannot replace a folder: name one in the way before anything moves."""
    for name in names:
        with suppress(FileNotFoundError):
            if stat.S_ISDIR(os.lstat(name, dir_fd=out_fd).st_mode):
                raise ExportError(
                    f"{out / name}: a folder is in the way of the export of that name; "
                    "move it away and build again"
                )


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
