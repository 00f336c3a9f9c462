"""Write files so that readers only ever see the old or the new version.

Every file storyaudio publishes goes through :func:`atomic_write` or
:func:`atomic_path`: the content is written to a temporary file in the same
folder, flushed to disk, then renamed over the final name. A build killed at
any moment therefore never leaves a half-written MP3 or feed behind.

A publish renames many files (MP3s, side files, pages, the feed): an
:class:`AtomicBatch` renames them one after another in a few milliseconds,
after recording the list in a journal. A build killed inside those
milliseconds leaves the journal, and the next publish (see
:func:`finish_commit`) completes the renames before anything else.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to *path*; rename it onto *path* if the block succeeds.

    For writers that need a file name (ffmpeg, mutagen) rather than bytes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def durable_temp_beside(path: Path, data: bytes) -> Path:
    """Write *data* to a new temporary file next to *path*, flushed to disk; return its path.

    The caller renames or links it into place (and removes it if it does
    not); on failure nothing is left behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def atomic_write(path: Path, data: str | bytes) -> bool:
    """Write *data* (text as UTF-8) to *path* atomically; return False when it was already there.

    A file that already holds exactly *data* is left untouched, so unchanged
    files keep their modification times (and deploys copy only what changed).
    """
    batch = AtomicBatch()
    changed = batch.write(path, data)
    batch.commit()
    return changed


class AtomicBatch:
    """Many files written first to temporary names, then renamed into place one after another.

    Everything slow (rendering, writing, flushing) happens before :meth:`commit`,
    so the moment in which some files are new and others old is a handful of
    renames long. Unchanged files are skipped.
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._journalled = False

    def write(self, path: Path, data: str | bytes) -> bool:
        """Write *data* to a temporary name beside *path*; False when *path* already holds it."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            if path.stat().st_size == len(payload) and path.read_bytes() == payload:
                return False
        except OSError:
            pass  # missing or unreadable: write it
        self._pending.append((durable_temp_beside(path, payload), path))
        return True

    def move(self, source: Path, path: Path) -> None:
        """Schedule an already written file (a staged MP3) to be renamed onto *path*."""
        self._pending.append((source, path))

    def commit(self, journal: Path | None = None) -> None:
        """Rename every file into place.

        With *journal*, the list of renames is first written there (whole
        and on disk) and removed at the end, so a process killed halfway
        leaves what :func:`finish_commit` needs to complete them.
        """
        if journal is not None and self._pending:
            # Relative to the journal's folder, so a later build run from any folder completes them.
            base = journal.parent
            renames = [[os.path.relpath(source, base), os.path.relpath(path, base)] for source, path in self._pending]
            os.replace(durable_temp_beside(journal, json.dumps(renames).encode()), journal)
            self._journalled = True
        for source, path in self._pending:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, path)
        self._pending.clear()
        if journal is not None:
            journal.unlink(missing_ok=True)

    def discard(self) -> None:
        """Remove the temporary files, unless a journal lists them: then the next publish renames them."""
        if not self._journalled:
            for source, _ in self._pending:
                if source.name.endswith(".tmp"):
                    source.unlink(missing_ok=True)
        self._pending.clear()


_LIVE_FOLDERS: dict[Path, FileLock] = {}
"""Working folders this process is filling, each with its lock held until it is removed or we exit."""


def claim_working_folder(folder: Path) -> Path:
    """Create *folder* and hold a lock beside it (``FOLDER.lock``) for as long as this process lives.

    A process that is killed lets go of its locks, so :func:`remove_abandoned` can tell a
    working folder a build left behind from one a running build is still filling.
    """
    # The lock first, then the folder: another build's publish removes working folders whose lock
    # it can take (remove_abandoned), and a folder made before its lock was held could be taken for
    # an abandoned one, and its lock held by that build for the moment it removes it.
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(f"{folder}.lock")
    lock.acquire(timeout=0)
    _LIVE_FOLDERS[folder] = lock
    folder.mkdir(exist_ok=True)
    return folder


def release_working_folder(folder: Path) -> None:
    """Remove *folder* (if still there) and let go of its lock."""
    shutil.rmtree(folder, ignore_errors=True)
    lock = _LIVE_FOLDERS.pop(folder, None)
    if lock is not None:
        lock.release()
    Path(f"{folder}.lock").unlink(missing_ok=True)


def remove_abandoned(folders: Iterable[Path], temporaries: Iterable[Path] = ()) -> int:
    """Remove the working *folders* no live process holds, and the stray *temporaries*; return how many.

    Call it holding the lock that publishes into the same place, so no
    temporary file listed belongs to a commit still running.
    """
    removed = 0
    for folder in folders:
        if folder in _LIVE_FOLDERS or not folder.is_dir():
            continue
        lock = FileLock(f"{folder}.lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            continue  # another build is still filling it
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
        finally:
            lock.release()
            Path(f"{folder}.lock").unlink(missing_ok=True)
    for path in temporaries:
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def finish_commit(journal: Path) -> bool:
    """Complete the renames of a commit that was stopped halfway; False when there was none.

    Call it holding the lock that commits into the same folder hold, so the
    journal cannot belong to a commit still running. The files not yet
    renamed are exactly those still at their temporary names. Paths are
    resolved against the journal's folder, and a rename that would leave that
    folder (a damaged or forged journal) is never made.
    """
    try:
        renames = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError):  # unreadable: nothing can be completed from it
        journal.unlink(missing_ok=True)
        return False
    base = journal.parent.resolve()
    for entry in renames if isinstance(renames, list) else []:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(p, str) for p in entry)):
            continue
        source, path = (base / entry[0]).resolve(), (base / entry[1]).resolve()
        if not (source.is_relative_to(base) and path.is_relative_to(base)):
            continue
        if source.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, path)
    journal.unlink(missing_ok=True)
    return True


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read a megabyte at a time (an episode's MP3 can be hundreds of MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()
