"""Scale benchmark: Dask bulk ingest with 1 and 2 workers (speed-up ratio, and where the time goes: parsing
summed over workers vs writing on the client), into SQLite and PostgreSQL; and the client's memory as the
number of documents grows (RSS at 100/300/1000 documents; 25/50/100 with --quick)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.scale_common import bulk_store, mb, pg_url, quick, warm_client


def _bulk(url: str, paths: list[Path], workers: int) -> dict:
    from planscope.scale import bulk_ingest

    with warm_client(workers) as client:
        t = time.perf_counter()
        report = bulk_ingest(url, paths, client=client)
        s = time.perf_counter() - t
    st = report.stats
    return {"documents": report.count("loaded") + report.count("new_version"), "seconds": round(s, 2),
            "docs_per_s": round(len(paths) / s, 2),
            "mb_per_s": round(mb(paths) / s, 2), "parse_s": st["parse_s"], "write_s": st["write_s"],
            "batches": st["batches"]}


def _speedup(paths: list[Path], label: str, url_of) -> list[dict]:  # type: ignore[no-untyped-def]
    one, two = _bulk(url_of(), paths, 1), _bulk(url_of(), paths, 2)
    return [{"label": f"scale: bulk ingest, 1 worker → {label}", **one},
            {"label": f"scale: bulk ingest, 2 workers → {label}", **two,
             "speedup": round(one["seconds"] / two["seconds"], 2)}]


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    stores = gen_paths[0].parent.parent / "stores"
    stores.mkdir(exist_ok=True)
    m = min(len(gen_paths), 16 if quick(args) else 100)
    names = iter(range(1000))
    out = _speedup(gen_paths[:m], f"SQLite ({m} docs)", lambda: f"sqlite:///{stores / f'scale_{next(names)}.db'}")
    if pg_url() is not None:
        out += _speedup(gen_paths[:m], f"PostgreSQL ({m} docs)", pg_url)
    checkpoints = (25, 50, 100) if quick(args) else (100, 300, 1000)
    n = min(len(gen_paths), checkpoints[-1])
    big = bulk_store(gen_paths, n, checkpoints)
    rss = big["rss"]
    row = {"label": f"scale: client RSS MB at {'/'.join(str(c) for c in checkpoints if c in rss)} docs",
           "documents": n, "seconds": round(big["seconds"], 1), "docs_per_s": round(n / big["seconds"], 2),
           "rss_mb": " / ".join(str(rss[c]) for c in checkpoints if c in rss), "peak_rss_mb": big["peak_rss"]}
    if len(rss) >= 2:
        first, last = rss[min(rss)], rss[max(rss)]
        row["rss_growth_mb"] = round(last - first, 1)
    out.append(row)
    return out
