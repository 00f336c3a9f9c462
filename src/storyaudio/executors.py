"""Where synthesis runs: this process, local worker processes, or a Dask cluster.

Each is a standard :class:`concurrent.futures.Executor`, so the synthesis
stage needs no queue of its own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from .errors import StoryAudioError


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
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _dask_executor(address: str) -> Iterator[Executor]:
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError("--dask needs the dask extra: pip install 'storyaudio[dask]'") from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ExecutorError(f"cannot reach the Dask scheduler at {address} ({error})") from None
    try:
        yield client.get_executor()
    finally:
        client.close()
