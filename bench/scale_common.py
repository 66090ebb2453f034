"""Helpers shared by the store, scale and API benchmarks: a throwaway PostgreSQL server, warmed Dask clients,
and one store of many generated documents built once (by bulk ingest, sampling the client's RSS as it grows)."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
_STORES: dict[tuple[str, int], dict[str, Any]] = {}
_PG: list[Any] = []


def quick(args: Any) -> bool:
    return bool(getattr(args, "quick", False))


def mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1e6


def pg_url() -> str | None:
    """A fresh database on a throwaway PostgreSQL server (tests/pg.py's), or None when PostgreSQL is missing."""
    if not _PG:
        import pytest  # tests/pg.py reports a missing server through pytest.fail

        sys.path.insert(0, str(ROOT / "tests"))
        try:
            from pg import PgServer

            server = PgServer(Path(tempfile.mkdtemp(prefix="planscope-bench-pg-")))
        except (Exception, pytest.fail.Exception) as e:  # pytest.fail raises a BaseException
            print(f"bench: PostgreSQL not available ({str(e).splitlines()[0]}): PostgreSQL rows skipped")
            _PG.append(None)
            return None
        import atexit

        atexit.register(server.stop)
        _PG.append(server)
    return _PG[0].new_database() if _PG[0] is not None else None


@contextmanager
def warm_client(workers: int) -> Iterator[Any]:
    """A LocalCluster client whose workers have already imported and run the parser once, so timings measure
    steady-state throughput, not process start-up."""
    from planscope.scale import dask_client, parse_file

    warm = str(next(CORPUS.glob("002_*.txt")))
    with dask_client(workers) as client:
        for w in client.nthreads():
            client.submit(parse_file, warm, workers=[w], pure=False).result()
        yield client


def bulk_store(gen_paths: list[Path], n: int, checkpoints: tuple[int, ...]) -> dict[str, Any]:
    """A SQLite store holding the first n generated documents, bulk-ingested once with 2 workers (cached for
    the other benchmarks); records the client's RSS when `checkpoints` documents are done."""
    key = (str(gen_paths[0].parent), n)
    if key in _STORES:
        return _STORES[key]
    from planscope.scale import bulk_ingest

    folder = gen_paths[0].parent.parent / "stores"
    folder.mkdir(exist_ok=True)
    url = f"sqlite:///{folder / f'bulk_{n}.db'}"
    rss: dict[int, float] = {}
    peak = [0.0]

    def sample(_r: Any, done: int, _total: int) -> None:
        now = rss_mb()
        peak[0] = max(peak[0], now)
        if done in checkpoints:
            rss[done] = round(now, 1)

    with warm_client(2) as client:
        start_rss = rss_mb()
        t = time.perf_counter()
        report = bulk_ingest(url, gen_paths[:n], client=client, progress=sample)
        seconds = time.perf_counter() - t
    _STORES[key] = {"url": url, "n": n, "seconds": seconds, "stats": report.stats, "summary": report.summary(),
                    "rss": rss, "start_rss": round(start_rss, 1), "peak_rss": round(peak[0], 1),
                    "mb": mb(gen_paths[:n])}
    return _STORES[key]


def shared_store(gen_paths: list[Path], args: Any) -> dict[str, Any]:
    """The store the search and API benchmarks measure: 1,000 generated documents (100 with --quick), bulk-ingested
    once for both, with the client's RSS recorded at three checkpoints on the way."""
    checkpoints = (25, 50, 100) if quick(args) else (100, 300, 1000)
    n = min(len(gen_paths), checkpoints[-1])
    return bulk_store(gen_paths, n, tuple(c for c in checkpoints if c <= n) or (n,))
