"""Bulk ingest on Dask distributed: workers read, parse and prepare the rows, the client writes, memory stays flat.

    from planscope.scale import bulk_ingest
    report = bulk_ingest("postgresql+psycopg://…", ["/data/plans"], workers=8)            # a LocalCluster
    report = bulk_ingest(db, paths, scheduler="tcp://10.0.0.5:8786")                      # any Dask cluster

- Files whose content hash is already stored are skipped before anything is submitted (idempotent, resumable).
- At most a window of files is in flight; results are written as they complete (`as_completed`), in batches
  of up to `batch_size` files per transaction with a savepoint per file, then dropped: the client never holds
  more than one window of documents, however many files there are.
- A file that fails (unreadable, unparsable, or a worker raising on it) is reported and the others load.
- The search index is deferred (`defer_index`, on by default: the standard bulk-load technique, store/fts.py):
  on SQLite the paragraphs go into FTS5 in one go at the end, on PostgreSQL the GIN index is dropped for the load
  and built once at the end (when the load is at least DEFER_PG_SHARE of the stored documents: rebuilding a big
  index for a few files costs more than maintaining it). A crash in between loses nothing: the next ingest,
  open (PostgreSQL) or `planscope search --reindex` catches the index up.
- Workers open the files by path, so on a multi-machine cluster the paths must be on a shared filesystem
  (see docs/scale.md). Nothing is written by workers: only the client talks to the database. (Workers writing
  in parallel would race on shared rows: regions are get-or-create without a unique key, and parent-plan links
  are set from what the loading transaction can see.)
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from planscope.ingest import SUPPORTED_SUFFIXES
from planscope.scale.work import Parsed, parse_file, parse_group
from planscope.scale.write import store_batch, stored_hashes, writer_engine
from planscope.store import db as dbmod
from planscope.store import fts
from planscope.store import schema as s
from planscope.store.api import ERROR, UNCHANGED, Database, FileResult, IngestReport, Progress, collect_files

# Files per Dask task at most: one task per file costs the client ~1 ms more per file (scheduling, messages).
GROUP_MAX = 4
BATCH_SIZE = 16  # files per write transaction at most (fewer when the writer keeps up: see _drain)
# PostgreSQL: drop the GIN index for a load of at least this share of the documents already stored. Building it
# costs ~27 ms of server CPU per stored document, maintaining it ~55 ms per loaded one (docs/scale.md), so a
# rebuild pays once a load brings about half as many documents as there are.
DEFER_PG_SHARE = 0.5


@dataclass
class BulkReport(IngestReport):
    """An ingest report plus where the time went (seconds): parsing on workers, writing on the client."""

    stats: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "stats": self.stats}


def file_hash(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


@contextmanager
def dask_client(workers: int = 2, scheduler: str | None = None, *, processes: bool = True) -> Iterator[Any]:
    """A Dask client: on the scheduler at `scheduler` (tcp://host:8786), else on a new LocalCluster of `workers`
    single-threaded workers (parsing is pure Python: processes, not threads, give parallelism)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # dashboard_address=":0": a free port, so two clusters on one machine (tests, benchmarks) never collide.
    # direct_to_workers: results come straight from the worker, not through the scheduler (which, in a LocalCluster,
    # lives in this process too: every result would cross the loopback twice and be handled twice here).
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster, direct_to_workers=True) as client:
        yield client


def bulk_ingest(store: Database | str | os.PathLike[str], paths: Iterable[str | os.PathLike[str]] | str,
                *, workers: int = 2, scheduler: str | None = None, client: Any = None, processes: bool = True,
                batch_size: int = BATCH_SIZE, progress: Progress | None = None,
                parse: Callable[[str], Parsed] = parse_file, defer_index: bool = True) -> BulkReport:
    """Ingest files and folders with Dask. `store`: a Database, a URL or a SQLite path. Give `client` to reuse a
    running Dask client, else one is made from `scheduler` or a LocalCluster of `workers`. Returns the same
    report as `Database.ingest` (one result per file, in input order) plus timing stats. `defer_index`: update
    the search index once at the end rather than per document (see above)."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    url = store.url if isinstance(store, Database) else dbmod.resolve_url(store)
    if not isinstance(store, Database):  # create or migrate the schema once, before any writing
        Database(url).close()
    files, missing = collect_files(paths)
    engine = writer_engine(url)
    try:
        run = _Run(dbmod.session_factory(engine), files, batch_size, progress, parse)
        run.report.files.extend(missing)
        todo = run.skip_known()
        if todo:
            run.defer = defer_index and _defer_pays(engine, len(todo))
            run.catch_up_engine = engine if engine.dialect.name == "sqlite" else None
            with fts.suspended(engine) if run.defer else nullcontext():
                if client is not None:
                    run.execute(client, todo)
                else:
                    with dask_client(workers, scheduler, processes=processes) as c:
                        run.execute(c, todo)
        run.catch_up(engine)  # also what an earlier, crashed load left pending
        return run.finish()
    finally:
        engine.dispose()


def group_size(remaining: int, threads: int) -> int:
    """Files per Dask task: up to GROUP_MAX while much is left, down to one file per task towards the end, so no
    worker waits for another's last group (guided self-scheduling)."""
    return max(1, min(GROUP_MAX, remaining // (4 * threads)))


def _defer_pays(engine: Any, n: int) -> bool:
    """Whether deferring the search index pays for a load of n files (always on SQLite: see DEFER_PG_SHARE)."""
    if engine.dialect.name != "postgresql":
        return True
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(s.Document)).scalar_one()
    return n >= DEFER_PG_SHARE * stored


class _Run:
    """One bulk ingest: the bookkeeping between the file list, the Dask futures and the writer."""

    def __init__(self, sessions: Any, files: list[Path], batch_size: int, progress: Progress | None,
                 parse: Callable[[str], Parsed]) -> None:
        self.sessions, self.files, self.batch_size, self.progress, self.parse = \
            sessions, files, max(1, batch_size), progress, parse
        self.report = BulkReport()
        self.results: dict[int, FileResult] = {}
        self.t0, self.cpu0 = time.perf_counter(), time.process_time()
        # *_s: wall seconds; *_cpu_s: CPU seconds (what a machine shared with other work does not inflate):
        # parse_cpu_s summed over workers, write_cpu_s the client's writing thread, client_cpu_s the whole client
        # process (writing plus Dask's scheduler and communication threads, which unpickle the results).
        # index_s / index_cpu_s: catching the search index up at the end (client thread; on PostgreSQL the index
        # build is the server's CPU, not in index_cpu_s).
        self.stats: dict[str, float] = {"hash_s": 0.0, "parse_s": 0.0, "parse_cpu_s": 0.0, "write_s": 0.0,
                                        "write_cpu_s": 0.0, "batches": 0, "index_s": 0.0, "index_cpu_s": 0.0}
        self.defer = False  # search rows deferred to `catch_up` (set by bulk_ingest)
        self.catch_up_engine: Any = None  # SQLite: catch up a chunk during the load (set by bulk_ingest)
        self.pending = 0  # paragraphs written since the last catch-up

    def _done(self, index: int, result: FileResult) -> None:
        self.results[index] = result
        if self.progress:
            self.progress(result, len(self.results), len(self.files))

    def skip_known(self) -> list[int]:
        """Hash every file (streamed, cheap next to parsing) and settle the ones already stored: nothing of
        theirs is sent to a worker. Returns the indexes of files to parse."""
        t = time.perf_counter()
        hashes: dict[int, str] = {}
        for i, f in enumerate(self.files):
            if f.suffix.lower() not in SUPPORTED_SUFFIXES:
                self._done(i, FileResult(str(f), ERROR, f"unsupported file type {f.suffix or '(none)'!r} "
                                                        f"(supported: {', '.join(SUPPORTED_SUFFIXES)})"))
                continue
            try:
                hashes[i] = file_hash(f)
            except OSError as e:
                self._done(i, FileResult(str(f), ERROR, f"cannot read: {e.strerror or e}"))
        known = stored_hashes(self.sessions, hashes.values())
        todo = []
        for i, sha in hashes.items():
            if sha in known:
                self._done(i, FileResult(str(self.files[i]), UNCHANGED,
                                         f"already stored as document {known[sha]}", known[sha]))
            else:
                todo.append(i)
        self.stats["hash_s"] = time.perf_counter() - t
        return todo

    def execute(self, client: Any, todo: list[int]) -> None:
        from distributed import as_completed

        threads = sum(client.nthreads().values()) or 1
        window = 2 * threads + self.batch_size  # files in flight at once: workers stay busy while a batch is written
        queue = deque(todo)
        files_of: dict[str, list[int]] = {}  # task key → indexes of its files
        ac = as_completed()
        in_flight = 0

        def submit(indexes: list[int]) -> None:
            paths = [str(self.files[i]) for i in indexes]
            fut = (client.submit(self.parse, paths[0], pure=False, retries=0) if len(paths) == 1 else
                   client.submit(parse_group, self.parse, paths, pure=False, retries=0))
            files_of[fut.key] = indexes
            ac.add(fut)

        def fill() -> None:
            nonlocal in_flight
            while queue and in_flight < window:
                k = min(group_size(len(queue), threads), window - in_flight, len(queue))
                submit([queue.popleft() for _ in range(k)])
                in_flight += k

        fill()
        batch: list[tuple[int, Parsed]] = []
        try:
            for fut in ac:
                indexes = files_of.pop(fut.key)
                try:
                    got = fut.result()
                    parsed = got if isinstance(got, list) else [got]
                except Exception as e:  # the worker raised on this file, or died under it
                    fut.release()
                    if len(indexes) > 1:  # a group: try its files one by one, so that only the culprit fails
                        for i in indexes:
                            submit([i])
                        continue
                    f = self.files[indexes[0]]
                    parsed = [Parsed(str(f), str(f.resolve()), error=f"worker failed: {type(e).__name__}: {e}")]
                fut.release()  # let the worker drop the result now
                in_flight -= len(indexes)
                fill()
                for i, p in zip(indexes, parsed, strict=True):
                    self.stats["parse_s"] += p.seconds
                    self.stats["parse_cpu_s"] += p.cpu_s
                    batch.append((i, p))
                # Write when the batch is full, or at once when nothing else is ready: batches grow only while
                # the writer is the bottleneck, which is when one commit per batch pays off.
                if len(batch) >= self.batch_size or not ac.has_ready():
                    self._write(batch)
                    batch = []
            if batch:
                self._write(batch)
        finally:
            with ac.lock:  # the futures still running (Dask's thread removes them as they finish)
                left = list(ac.futures)
            for fut in left:  # an error in the client: stop the remaining work
                fut.cancel()

    def _write(self, batch: list[tuple[int, Parsed]]) -> None:
        t, c = time.perf_counter(), time.thread_time()
        results = store_batch(self.sessions, [p for _, p in batch], defer_index=self.defer)
        if self.defer and self.catch_up_engine is not None:
            # SQLite: index a chunk as soon as one is pending, so a long load becomes searchable as it goes
            # and the pending rows (and the work left for the end) stay bounded. (Smaller chunks, caught up while
            # the workers parse, leave less for the end but cost more in all: 16,000 paragraphs, +40% FTS5 CPU.)
            self.pending += sum(len(p.prepared.paragraphs) for _, p in batch if p.prepared is not None)
            if self.pending >= fts.CATCH_UP_CHUNK:
                self.catch_up(self.catch_up_engine)
                self.pending = 0
        self.stats["write_s"] += time.perf_counter() - t
        self.stats["write_cpu_s"] += time.thread_time() - c
        self.stats["batches"] += 1
        for (i, _), r in zip(batch, results, strict=True):
            self._done(i, r)

    def catch_up(self, engine: Any) -> None:
        t, c = time.perf_counter(), time.thread_time()
        fts.catch_up(engine)
        self.stats["index_s"] += time.perf_counter() - t
        self.stats["index_cpu_s"] += time.thread_time() - c

    def finish(self) -> BulkReport:
        self.report.files.extend(self.results[i] for i in sorted(self.results))
        self.stats["wall_s"] = time.perf_counter() - self.t0
        self.stats["client_cpu_s"] = time.process_time() - self.cpu0
        self.report.stats = {k: round(v, 3) if isinstance(v, float) else v for k, v in self.stats.items()}
        return self.report
