"""Batch audit: discover files, review them in parallel, resume from the cache, run batch checks.

Local runs use a process pool with a sliding window of in-flight tasks, each of a
few files when there are many (the parent's bookkeeping per task would otherwise
cost a tenth of reviewing a text report). A worker that dies (segfault, OOM kill,
``kill -9``) breaks the pool; the files of every unfinished task are then re-run
one by one in a fresh single-worker pool, so the culprit is identified and reported
as ``gk.input.crash`` while every other file is still reviewed. Past one machine
the same per-file function runs on a Dask cluster (``dask="local"`` or a scheduler
address); results are ordered by path, so the output is identical whichever
backend ran it. The workers stay up for the batch stage, whose independent work
(the duplicate checker's pair comparisons) they share through ``backend.map``.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import multiprocessing as mp
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from gkreview.cache import ResultCache, file_digest
from gkreview.config import Settings
from gkreview.discovery import DEFAULT_INCLUDE, discover
from gkreview.document import Location
from gkreview.findings import Finding, Severity
from gkreview.parsers.base import Limits
from gkreview.registry import check_modules, rules
from gkreview.results import AuditResult, FileResult
from gkreview.spill import SpillFolder, inline_summaries
from gkreview.worker import process_file, process_files

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunOptions:
    """How to run an audit (not what to check: that is :class:`Settings`)."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float | None = 120.0
    max_memory_mb: int | None = 4096
    cache_dir: str | None = None
    dask: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)


def _init_worker(max_memory_mb: int | None) -> None:
    """Cap the worker's address space so one hostile file cannot exhaust the machine, and freeze what the
    fork server preloaded (models, gazetteer, tables: ~50k objects that live for the whole run) out of the
    cyclic collector's sight, so its full collections stop walking them every few files. BLAS gets one
    thread: the doc-type model's matrix products are tiny, and OpenBLAS's idle threads otherwise spin on
    the cores the other workers need."""
    gc.freeze()
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    if max_memory_mb:
        limit = max_memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _crash_result(path: str, detail: str) -> dict[str, Any]:
    rule = rules()["gk.input.crash"]
    f = Finding(rule.id, Severity.ERROR, Location(path=path),
                {"zh": f"{rule.summary_zh}（{detail}）", "en": f"{rule.summary_en} ({detail})"},
                {"detail": detail})
    return FileResult(path=path, error={"code": rule.id, "type": "WorkerCrash", "message": detail},
                      findings=[f]).to_dict()


def _make_pool(workers: int, opts: RunOptions) -> ProcessPoolExecutor:
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["gkreview.worker", "gkreview.warmup"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(opts.max_memory_mb,))


def _run_isolated(path: str, settings: Settings, opts: RunOptions, spill_dir: str | None) -> dict[str, Any]:
    """Run one file alone in a fresh worker; a second crash is reported, not retried."""
    with _make_pool(1, opts) as pool:
        try:
            return pool.submit(process_file, path, settings, opts.limits, opts.timeout, spill_dir).result()
        except BrokenProcessPool:
            return _crash_result(path, "the worker process died while reviewing this file")
        except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be sent back: report, go on
            return _crash_result(path, f"{type(exc).__name__}: {exc}")


def _chunk_size(n_left: int, jobs: int, cap: int = 8, per_worker: int = 4) -> int:
    """Items in the next task (guided scheduling): ``1/per_worker`` of what is left per worker, at most
    ``cap``, shrinking to one as the queue drains, so that no worker is still on a long task while the
    others wait. Files go at most 8 a task (each task costs the parent ~0.5 ms of executor bookkeeping, a
    tenth of reviewing a text report)."""
    return max(1, min(cap, n_left // (jobs * per_worker)))


def _guided_chunks(items: list[Any], jobs: int, cap: int = 64) -> list[list[Any]]:
    """``items`` cut in order into :func:`_chunk_size` chunks of a third of what is left per worker.

    Large early chunks keep neighbouring items together (a document's pair comparisons
    share its decoded stream, which a process decodes once) and cost few tasks; the small
    last ones let every worker finish at about the same time.
    """
    chunks: list[list[Any]] = []
    i = 0
    while i < len(items):
        size = _chunk_size(len(items) - i, jobs, cap, per_worker=3)
        chunks.append(items[i : i + size])
        i += size
    return chunks


def _map_chunk(fn: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    """Worker side of :meth:`_LocalBackend.map`: one task applies ``fn`` to a few items."""
    return [fn(x) for x in items]


class _LocalBackend:
    """Reviews files in this process (one job) or in a process pool, then lends the pool to the batch stage.

    The pool outlives the last file so that the batch checks' pair comparisons run on
    the same workers instead of serially in this process (on two cores a serial batch
    stage would cap the 1→2 job speed-up well below 2).
    """

    def __init__(self, settings: Settings, opts: RunOptions, spill_dir: str | None = None) -> None:
        self.settings, self.opts, self.spill_dir = settings, opts, spill_dir
        self.pool: ProcessPoolExecutor | None = None

    def review(self, paths: Sequence[str]) -> Iterator[dict[str, Any]]:
        """Yield results as files finish, using a sliding window of 2×jobs in-flight tasks of a few files each.

        When a worker dies, every file of its unfinished tasks is rerun alone in a fresh
        worker, so the one that kills workers is reported and the others are reviewed.
        """
        settings, opts, spill_dir = self.settings, self.opts, self.spill_dir
        todo = list(reversed(paths))
        if opts.jobs <= 1:
            yield from _run_here(todo, settings, opts, spill_dir)
            return
        window = max(2, opts.jobs * 2)
        while todo:
            pool = self._fresh_pool()
            if not _pool_works(pool):
                self.close()
                print("gkreview: worker processes cannot start here; reviewing in this process instead",
                      file=sys.stderr)
                yield from _run_here(todo, settings, opts, spill_dir)
                return
            inflight: dict[Future[list[dict[str, Any]]], list[str]] = {}
            broken: list[str] = []
            try:
                while (todo or inflight) and not broken:
                    while todo and len(inflight) < window:
                        batch = [todo.pop() for _ in range(min(_chunk_size(len(todo), opts.jobs), len(todo)))]
                        try:
                            inflight[pool.submit(process_files, batch, settings, opts.limits, opts.timeout, spill_dir)] = batch
                        except BrokenProcessPool:
                            broken.extend(batch)
                            break
                    if not inflight:
                        break
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    for fut in done:
                        batch = inflight.pop(fut)
                        try:
                            results = fut.result()
                        except Exception:  # noqa: BLE001 - a dead worker or a task that failed: each file alone
                            broken.extend(batch)
                            continue
                        yield from results
            finally:
                for batch in inflight.values():
                    broken.extend(batch)
                if broken:
                    self.close()
            for p in broken:
                yield _run_isolated(p, settings, opts, spill_dir)

    def _fresh_pool(self) -> ProcessPoolExecutor:
        self.close()
        self.pool = _make_pool(self.opts.jobs, self.opts)
        return self.pool

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """``[fn(x) for x in items]``, in order, on the pool's workers when there is a working pool.

        Items go in chunks that shrink towards the end (:func:`_guided_chunks`). If a worker
        dies, the items of the chunks not yet returned are computed here instead: slower,
        never lost.
        """
        items = list(items)
        if self.pool is None or len(items) < 2:
            return [fn(x) for x in items]
        chunks = _guided_chunks(items, self.opts.jobs)
        try:
            futures = [self.pool.submit(_map_chunk, fn, c) for c in chunks]
        except BrokenProcessPool:
            self.close()
            return [fn(x) for x in items]
        out: list[Any] = []
        for fut, c in zip(futures, chunks, strict=True):
            try:
                out.extend(fut.result())
            except Exception:  # noqa: BLE001 - dead worker, or cancelled once the pool was closed: compute here
                self.close()
                out.extend(fn(x) for x in c)
        return out

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None


def _probe() -> int:
    """A trivial task: proves that the pool can start a worker and run code in it."""
    return os.getpid()


def _pool_works(pool: ProcessPoolExecutor) -> bool:
    """Whether workers start at all (they cannot when, e.g., ``__main__`` is not importable)."""
    try:
        pool.submit(_probe).result(timeout=120)
    except (BrokenProcessPool, TimeoutError, OSError):
        return False
    return True


def _run_here(todo: list[str], settings: Settings, opts: RunOptions, spill_dir: str | None
              ) -> Iterator[dict[str, Any]]:
    """Review files in this process (``todo`` is consumed from its end, as in the pool loop).

    A background warm-up (see :func:`_warm_in_background`) is waited for first, so two
    threads never fill the process-wide caches at once.
    """
    with _WARMING:
        pass
    while todo:
        yield process_file(todo.pop(), settings, opts.limits, opts.timeout, spill_dir)


def _dask_worker_setup() -> Any:
    """A Dask worker plugin: each worker, present or joining later, is prepared as a pool worker is
    (:func:`_init_worker`: BLAS on one thread, start-up objects frozen); Dask enforces its own memory limit.
    Built here because Dask is imported only for Dask runs (Dask pickles the class by value)."""
    from distributed import WorkerPlugin

    class GkreviewWorkerSetup(WorkerPlugin):
        name = "gkreview-worker-setup"
        idempotent = True

        def setup(self, worker: Any) -> None:
            _init_worker(None)

    return GkreviewWorkerSetup()


class _DaskBackend:
    """Reviews files on a Dask cluster (``"local"`` starts a LocalCluster of ``jobs`` processes); the batch
    stage's comparisons then run on the same cluster."""

    def __init__(self, settings: Settings, opts: RunOptions, spill_dir: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        self.settings, self.opts, self.spill_dir = settings, opts, spill_dir
        self.cluster = None
        if opts.dask == "local":
            self.cluster = LocalCluster(n_workers=max(1, opts.jobs), threads_per_worker=1, processes=True,
                                        dashboard_address=None,
                                        memory_limit=(opts.max_memory_mb or 0) * 1024 * 1024 or "auto")
            self.client = Client(self.cluster)
        else:
            self.client = Client(opts.dask)
        self.client.register_plugin(_dask_worker_setup())

    def review(self, paths: Sequence[str]) -> Iterator[dict[str, Any]]:
        """Yield results as the cluster finishes them; a lost worker's file is reported, not retried forever.

        Workers that can read the files (a local cluster, or shared storage) get their
        names; otherwise this process reads each file and sends its content.
        """
        paths = list(paths)
        if not paths:
            return
        if self._workers_see(paths[0]):
            yield from self._review_by_name(paths)
        else:
            yield from self._review_by_content(paths)

    def _workers_see(self, path: str) -> bool:
        """True when every worker can read ``path``: a local cluster, or a remote one on shared storage."""
        if self.cluster is not None:
            return True
        try:
            seen = self.client.run(os.access, path, os.R_OK)
        except Exception:  # noqa: BLE001 - a worker that cannot answer cannot be trusted to read the file either
            return False
        return bool(seen) and all(seen.values())

    def _review_by_name(self, paths: list[str]) -> Iterator[dict[str, Any]]:
        from dask.distributed import as_completed

        futures = self.client.map(process_file, paths, settings=self.settings, limits=self.opts.limits,
                                  timeout=self.opts.timeout, spill_dir=self.spill_dir, pure=False)
        index = {f.key: p for f, p in zip(futures, paths, strict=True)}
        for fut in as_completed(futures):
            yield self._result(fut, index)

    def _review_by_content(self, paths: list[str]) -> Iterator[dict[str, Any]]:
        """Send each file's bytes with its task, a few tasks per worker thread at a time (so a folder of
        100,000 files is never all in memory here). A file this process cannot read, or one over the size
        limit, gets its error result here, as a worker would give it."""
        from dask.distributed import as_completed

        window = max(8, 4 * sum(self.client.nthreads().values()))
        todo = list(reversed(paths))
        running = as_completed()
        index: dict[str, str] = {}
        while todo or index:
            while todo and len(index) < window:
                path = todo.pop()
                data = self._read(path)
                if data is None:
                    yield process_file(path, self.settings, self.opts.limits, self.opts.timeout)
                    continue
                fut = self.client.submit(process_file, path, self.settings, self.opts.limits, self.opts.timeout,
                                         None, data, pure=False)
                index[fut.key] = path
                running.add(fut)
            if index:
                yield self._result(next(running), index)

    def _read(self, path: str) -> bytes | None:
        try:
            if os.stat(path).st_size > self.opts.limits.max_file_bytes:
                return None
            with open(path, "rb") as fh:
                return fh.read()
        except OSError:
            return None

    @staticmethod
    def _result(fut: Any, index: dict[str, str]) -> dict[str, Any]:
        path = index.pop(fut.key)
        try:
            return fut.result()
        except Exception as exc:  # noqa: BLE001 - KilledWorker and friends
            return _crash_result(path, f"{type(exc).__name__}: {exc}")

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> list[Any]:
        """``[fn(x) for x in items]`` on the cluster, in order; items whose task fails are computed here."""
        items = list(items)
        if len(items) < 2:
            return [fn(x) for x in items]
        futures = self.client.map(fn, items, pure=False)
        out: list[Any] = []
        for fut, x in zip(futures, items, strict=True):
            try:
                out.append(fut.result())
            except Exception:  # noqa: BLE001 - a lost worker costs time, not the finding
                out.append(fn(x))
        return out

    def close(self) -> None:
        """Disconnect (and stop a local cluster)."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _rebase(result: dict[str, Any], path: str) -> dict[str, Any]:
    """A cached result found under another path (same content): point it at ``path``."""
    old = result["path"]
    if old == path:
        return result
    result = dict(result)
    result["path"] = path
    result["findings"] = [
        {**f, "location": {**f["location"], "path": path if f["location"].get("path") == old else
                           f["location"].get("path")}} for f in result["findings"]]
    return result


def run_batch_checks(files: Iterable[FileResult], settings: Settings,
                     parallel_map: Callable[[Callable[[Any], Any], Iterable[Any]], list[Any]] | None = None,
                     errors: dict[str, str] | None = None) -> list[Finding]:
    """Checks across documents (duplicates, cross-year) over the per-document summaries.

    ``parallel_map`` (``fn, items -> list``, in order) is offered to every batch check
    that takes one, to spread its independent work (the duplicate pair comparisons)
    over the run's workers; without it the work runs here. A batch check that fails
    (a spill file removed under a running audit, a defect) is recorded in ``errors``
    and the other checks and every file's own findings stay; without ``errors`` it raises.
    """
    files = list(files)
    out: list[Finding] = []
    for mod in check_modules():
        if not hasattr(mod, "check_batch"):
            continue
        items: list[dict[str, Any]] = []
        for fr in files:
            for doc in fr.documents:
                s = doc.summaries.get(mod.__name__)
                if s is not None:
                    items.append({**s, "path": fr.path, "segment": doc.segment})
        takes_map = parallel_map is not None and "parallel_map" in inspect.signature(mod.check_batch).parameters
        try:
            found = list(mod.check_batch(items, settings, parallel_map=parallel_map) if takes_map else
                         mod.check_batch(items, settings))
        except Exception as exc:
            if errors is None:
                raise
            errors[mod.__name__] = f"{type(exc).__name__}: {exc}"
            print(f"gkreview: batch check {mod.__name__} failed: {errors[mod.__name__]}", file=sys.stderr)
            continue
        out.extend(found)
    return settings.apply_all(out)


_WARMING = threading.Lock()  # held while a background warm-up loads modules and models


def _warm_in_background() -> threading.Thread:
    """Load the check modules and models in this process while the workers review files.

    The batch checks run here after the last file; loading their modules, the
    gazetteer and the boilerplate model first then (~0.5 s) would leave both cores
    idle at the end of every run. The parent is otherwise only waiting on workers.
    """
    def warm() -> None:
        try:
            with contextlib.suppress(Exception):
                import gkreview.warmup  # noqa: F401
        finally:
            _WARMING.release()

    _WARMING.acquire()  # taken here, not in the thread, so a reviewer that asks next always waits
    thread = threading.Thread(target=warm, name="gkreview-warm", daemon=True)
    thread.start()
    return thread


def audit(paths: Sequence[str | os.PathLike[str]], settings: Settings | None = None,
          options: RunOptions | None = None, progress: Progress | None = None) -> AuditResult:
    """Review every report under ``paths``; never stops on a bad file.

    ``progress(done, total)`` is called after each file. With ``options.cache_dir``
    finished files are stored as they complete and reused on the next run.
    """
    settings = settings or Settings()
    opts = options or RunOptions()
    t0 = time.perf_counter()
    files = [str(p) for p in discover(paths, opts.include, opts.exclude)]
    cache = ResultCache(opts.cache_dir, repr(settings) + repr(opts.limits)) if opts.cache_dir else None
    results: dict[str, dict[str, Any]] = {}
    digests: dict[str, str] = {}
    todo: list[str] = []
    for p in files:
        if cache is not None:
            try:
                digests[p] = file_digest(p)
            except OSError:
                todo.append(p)
                continue
            hit = cache.get(digests[p])
            if hit is not None:
                results[p] = _rebase(hit, p)
                continue
        todo.append(p)
    n_cached = len(results)
    if progress:
        progress(len(results), len(files))
    # workers on this machine keep the large summary fields in a folder of the run (gkreview.spill)
    spill = SpillFolder() if todo and opts.dask in (None, "local") else None
    spill_dir = spill.path if spill is not None else None
    backend = (_DaskBackend if opts.dask else _LocalBackend)(settings, opts, spill_dir) if todo else None
    warming = _warm_in_background() if todo and (opts.dask or opts.jobs > 1) else None
    try:
        for res in backend.review(todo) if backend is not None else ():
            results[res["path"]] = res
            if cache is not None and res["path"] in digests and (res.get("error") or {}).get("code") not in (
                    "gk.input.crash", "gk.input.timeout"):
                cache.put(digests[res["path"]], inline_summaries(res))
            if progress:
                progress(len(results), len(files))
        file_results = [FileResult.from_dict(results[p]) for p in files]
        if warming is not None:
            warming.join()
        batch_errors: dict[str, str] = {}
        batch = run_batch_checks(file_results, settings, backend.map if backend is not None else None, batch_errors)
    except BaseException:
        if spill is not None:
            spill.remove()
        raise
    finally:
        if backend is not None:
            backend.close()
    elapsed = time.perf_counter() - t0
    stats = {
        "files": len(files), "documents": sum(len(fr.documents) for fr in file_results),
        "errors": sum(1 for fr in file_results if not fr.ok), "cached": n_cached,
        "processed": len(todo), "seconds": round(elapsed, 3),
        "files_per_second": round(len(todo) / elapsed, 2) if elapsed > 0 and todo else None,
        "jobs": opts.jobs, "backend": f"dask:{opts.dask}" if opts.dask else "local",
        "python": sys.version.split()[0],
    }
    if batch_errors:
        stats["batch_errors"] = batch_errors
    result = AuditResult(files=file_results, batch_findings=batch, stats=stats)
    if spill is not None:
        spill.attach(result)  # the results' summaries refer to it
    return result
