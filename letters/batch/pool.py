"""Run a batch's rows in worker processes, in row order, cleaning up when interrupted."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from .naming import DEFAULT_PATTERN
from .plan import Batch, Plan, Task, prepare
from .rows import RowResult, process

# Rows are rendered in worker processes (``fork`` where available); each worker is initialised
# once with the plan and writes its outputs atomically itself, so only small results travel back.
_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    """Set up a worker process once: keep the plan, leave Ctrl-C to the parent."""
    import signal

    global _PLAN
    _PLAN = plan
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(task: Task) -> RowResult:
    assert _PLAN is not None
    return process(_PLAN, task)


def sweep_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files an interrupted atomic write may leave in *folder*."""
    removed: list[Path] = []
    try:
        stray = list(folder.glob(".~*.tmp"))
    except OSError:
        return removed
    for p in stray:
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


def default_jobs() -> int:
    """Return the default number of worker processes (the CPUs this process may use)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run(
    batch: Batch, jobs: int | None = None, chunksize: int | None = None
) -> Generator[RowResult, None, None]:
    """Yield the result of every row in row order, rendering with *jobs* processes.

    With one job (or one row) everything runs in this process.  Otherwise a ``fork`` pool is
    used where available; workers ignore SIGINT, so Ctrl-C reaches only this process, which
    terminates the pool and removes any temporary file before re-raising KeyboardInterrupt.
    Closing the generator early terminates the pool the same way.
    """
    plan = batch.plan
    if batch.problems or not len(batch):
        return
    jobs = max(1, min(jobs or default_jobs(), len(batch)))
    if jobs == 1:
        done = False
        try:
            for task in batch.tasks():
                yield process(plan, task)
            done = True
        finally:
            if not done:
                sweep_temporaries(plan.outdir)
        return
    chunksize = chunksize or max(1, min(8, len(batch) // (jobs * 4)))
    tasks = batch.tasks()
    first = next(tasks)
    pool = _start_pool(plan, jobs, first)
    done = False
    try:
        # the pool's feeder thread pulls tasks lazily (bounded by the pipe): rows are never all held
        yield from pool.imap(_work, itertools.chain([first], tasks), chunksize)
        done = True
    finally:
        if done:
            pool.close()
        else:
            pool.terminate()
        pool.join()
        if not done:
            sweep_temporaries(plan.outdir)


def _start_pool(plan: Plan, jobs: int, first: Task) -> Any:
    """Warm this process's caches (imports, compiled template), then fork *jobs* workers."""
    import contextlib
    import gc
    import multiprocessing
    import signal
    import threading
    from dataclasses import replace

    # a dry run of the first row imports the renderers and compiles the template once; the row
    # itself reports any problem later
    with contextlib.suppress(Exception):
        process(replace(plan, mode="none"), first)
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    gc.freeze()  # keep the inherited objects' pages shared (no refcount/GC writes to them)
    try:
        return ctx.Pool(jobs, initializer=_init_worker, initargs=(plan,))
    finally:
        gc.unfreeze()
        if main:
            signal.signal(signal.SIGINT, previous)


def render_batch(
    base: Path,
    clients: Path,
    outdir: Path,
    *,
    pattern: str = DEFAULT_PATTERN,
    formats: Sequence[str] | None = None,
    templates: Sequence[str | os.PathLike[str]] = (),
    jobs: int | None = 1,
    on_result: Callable[[RowResult], None] | None = None,
) -> tuple[int, int, list[Diagnostic]]:
    """Render a whole batch; return (letters produced, rows failed, every finding).

    A convenience for Python callers and the benchmark; the CLI streams :func:`run` itself.
    """
    batch = prepare(base, clients, outdir, pattern, formats, templates)
    if batch.problems:
        return 0, len(batch), list(batch.problems)
    made = failed = 0
    found: list[Diagnostic] = []
    for r in run(batch, jobs):
        made += r.ok
        failed += not r.ok
        found.extend(r.diagnostics)
        if on_result is not None:
            on_result(r)
    return made, failed, found
