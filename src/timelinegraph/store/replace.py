"""Replacing the embedded store's folder as a whole, so a killed ``load`` leaves the old store
or the new one, never a graph half replaced.

Oxigraph commits a transaction atomically, but replacing a named graph of a million triples
in one (``DROP`` then ``MOVE`` or ``INSERT DATA``) takes 2-4 minutes, and clearing it alone
45 s. So ``load`` builds the new store in a sibling folder (bulk-loaded: fast; not
transactional, but nobody else sees that folder) and then puts it in place of the old one in
one step: ``renameat2(RENAME_EXCHANGE)`` swaps the two folders atomically (Linux). Where the
system cannot swap folders, two renames: the finished store is first renamed
``.NAME.ready-*`` (that name says it is complete), then NAME is moved aside and the ready
folder moved in. A load killed between those two renames leaves no NAME but a ready folder:
queries open it instead, and the next load moves it into place (roll forward).

Loads of one store are serialized by ``fcntl.flock`` on ``.NAME.lock`` beside it (released by
the kernel when the process dies, even by SIGKILL). Other writers (an Oxigraph server on the
folder) are kept out by Oxigraph's own lock, which ``load`` holds on the old store while it
builds the new one, and by taking that lock file ourselves for the swap itself.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..common.atomic import mode_to_keep
from ..errors import StoreError

try:  # POSIX; elsewhere loads run unlocked
    import fcntl
except ImportError:  # pragma: no cover - not on the platforms CI runs
    fcntl = None  # type: ignore[assignment]

__all__ = ["is_store", "readable_store", "replacing_store", "store_lock"]

_NEW, _READY, _OLD = ".new-", ".ready-", ".old-"


def _find_renameat2() -> object | None:
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except (OSError, TypeError):  # no C library to ask (Windows)
        return None


_renameat2 = _find_renameat2()
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def is_store(folder: Path) -> bool:
    return (folder / "CURRENT").is_file()


def readable_store(folder: Path) -> Path:
    """The folder a query should open: ``folder``, or the finished store a load killed
    between its two renames left beside it (see the module docstring)."""
    if is_store(folder):
        return folder
    ready = _siblings(folder, _READY)
    return ready[-1] if ready else folder


@contextmanager
def store_lock(folder: Path) -> Iterator[None]:
    """Hold the load lock of the store at ``folder`` or fail at once naming the holder."""
    path = folder.parent / f".{folder.name}.lock"
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole load
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create the load lock ({exc.strerror})") from None
    with handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise StoreError(
                    f"{folder}: another timelinegraph load is writing this store ({holder})"
                ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield


@contextmanager
def replacing_store(folder: Path) -> Iterator[Path]:
    """A fresh folder beside the store at ``folder``; build the new store there and close it
    before the block ends: on clean exit it replaces ``folder`` in one step. On error the old
    store is left as it was. Call with ``store_lock`` held."""
    _finish_interrupted(folder)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}{_NEW}", dir=folder.parent))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create a folder beside it ({exc})") from None
    try:
        yield staging
        aside = _swap_in(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the new store on error, else the old one
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def _swap_in(new: Path, folder: Path) -> Path | None:
    """Put the store at ``new`` in place of ``folder``; the old store's folder when it is not
    ``new`` (which the caller removes anyway)."""
    try:
        os.chmod(new, mode_to_keep(folder, 0o777))  # mkdtemp makes 0700
        if not folder.exists():
            os.rename(new, folder)
            _sync_folder(folder.parent)
            return None
        if not is_store(folder):
            folder.rmdir()  # an empty folder only; load_into_store refused anything else
            os.rename(new, folder)
            _sync_folder(folder.parent)
            return None
        with _oxigraph_lock(folder):
            if _exchange(new, folder):
                _sync_folder(folder.parent)
                return None  # ``new`` now holds the old store: removed with it
            ready = new.with_name(new.name.replace(_NEW, _READY, 1))
            aside = new.with_name(new.name.replace(_NEW, _OLD, 1))
            os.rename(new, ready)  # complete: from here on, a roll forward is safe
            os.rename(folder, aside)
            os.rename(ready, folder)
            _sync_folder(folder.parent)
            return aside
    except OSError as exc:
        raise StoreError(f"{folder}: cannot put the new store in place ({exc})") from None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically; False where the system or file system cannot."""
    if _renameat2 is None:
        return False
    done = _renameat2(  # type: ignore[operator]
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code))


@contextmanager
def _oxigraph_lock(folder: Path) -> Iterator[None]:
    """Oxigraph's own lock on the store (RocksDB's ``LOCK``, an fcntl lock), held for the
    swap so that no other process opens the old store for writing just then."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(
                f"{folder}: another process opened the store during the load; nothing was replaced"
            ) from None
        yield
    finally:
        os.close(fd)


def _finish_interrupted(folder: Path) -> None:
    """Move in a finished store that a killed load left, and remove what else it left."""
    ready = _siblings(folder, _READY)
    if ready and not folder.exists():
        os.rename(ready.pop(), folder)
    for stale in [*ready, *_siblings(folder, _NEW), *_siblings(folder, _OLD)]:
        shutil.rmtree(stale, ignore_errors=True)


def _siblings(folder: Path, kind: str) -> list[Path]:
    """Folders a load makes beside ``folder`` (oldest first)."""
    found = folder.parent.glob(f".{folder.name}{kind}*")
    return sorted((p for p in found if p.is_dir()), key=lambda p: p.stat().st_mtime)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (a no-op where folders cannot be synced)."""
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
