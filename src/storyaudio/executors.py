"""Where synthesis runs: this process, local worker processes, or a Dask cluster.

Each is a standard :class:`concurrent.futures.Executor`, so the synthesis
stage needs no queue of its own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from .errors import StoryAudioError, install_hint


class ExecutorError(StoryAudioError, ValueError):
    """``--jobs`` or ``--dask`` cannot be used as given."""


def default_jobs() -> int:
    """Worker processes for a build: one per core.

    Measured on a 2-core machine: two processes with one ONNX thread each
    synthesise faster than one process using both cores (bench/bench_build.py --jobs).
    """
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


@contextlib.contextmanager
def make_executor(jobs: int | None = None, dask: str | None = None) -> Iterator[Executor | None]:
    """Yield the executor for ``jobs`` local processes or a Dask scheduler; ``None`` means in-process."""
    if dask:
        with _dask_executor(dask) as executor:
            yield executor
        return
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ExecutorError(f"--jobs must be 1 or more, not {jobs}")
    if jobs == 1:
        yield None
        return
    # spawn: a fresh interpreter per worker, never a fork of a process that may hold threads.
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_watch_parent, initargs=(os.getpid(),))
    try:
        yield executor
    except BaseException:
        # Stopped (Ctrl-C, SIGTERM) or failed: end the workers now rather than wait for the
        # sentence each is synthesising; the resource tracker ends once they are gone.
        executor.shutdown(wait=False, cancel_futures=True)
        _end_workers()
        raise
    executor.shutdown(wait=True, cancel_futures=True)


PARENT_CHECK_S = 1.0
"""How often a worker looks whether the build that started it is still there."""


def _watch_parent(parent: int) -> None:
    """In each worker: exit once the build process is gone (``kill -9`` gives it no chance to end
    its workers, and an orphan would hold hundreds of MB of voice model for ever)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="storyaudio-parent-watch", daemon=True).start()


def _end_workers(grace_s: float = 2.0) -> None:
    """Terminate this process's worker processes, waiting up to *grace_s* for them to go."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    deadline = time.monotonic() + grace_s
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            child.kill()


@contextlib.contextmanager
def _dask_executor(address: str) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError(f"--dask needs the dask extra: {install_hint('dask')}") from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    try:
        yield client.get_executor()
    finally:
        client.close()
