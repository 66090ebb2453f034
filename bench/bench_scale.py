"""Scale benchmark: Dask bulk ingest with 1 and 2 workers (speed-up ratio, and where the time goes), into SQLite
and PostgreSQL; and the client's memory as the number of documents grows (RSS at 100/300/1000 documents;
25/50/100 with --quick).

Where the time goes is given in CPU seconds as well as wall seconds, since a shared machine inflates wall time:
parse_cpu_s (reading, parsing and preparing rows, summed over workers), write_cpu_s (the client's writing
thread), client_cpu_s (the whole client process: writing plus Dask's scheduler and communication), and on
PostgreSQL server_cpu_s (the database server, on this machine too). The 1→2 worker speed-up is bounded by the
cores: with 2 cores the client, the workers (and the PostgreSQL server) share them.

    python -m bench.bench_scale [--docs 60] [--no-pg] [--rss] [--defer on|off|both] [--repeat N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_store import load_average, server_cpu
from bench.scale_common import CORPUS, bulk_store, mb, pg_url, quick, warm_client

_NAMES = itertools.count()


def _bulk(url: str, paths: list[Path], workers: int, defer: bool = True) -> dict:
    from planscope.scale import bulk_ingest
    from planscope.store.api import Database

    pg = url.startswith("postgresql")
    # An existing, empty store: creating the schema (0.1-0.2 s, once per store) is not part of the load measured.
    Database(url).close()
    with warm_client(workers) as client:
        t, c, srv = time.perf_counter(), time.process_time(), server_cpu() if pg else 0.0
        report = bulk_ingest(url, paths, client=client, defer_index=defer)
        s, cpu = time.perf_counter() - t, time.process_time() - c
        srv = server_cpu() - srv if pg else 0.0
    st = report.stats
    n = report.count("loaded") + report.count("new_version")
    row = {"documents": n, "seconds": round(s, 2), "docs_per_s": round(len(paths) / s, 2),
           "mb_per_s": round(mb(paths) / s, 2), "parse_s": st["parse_s"], "parse_cpu_s": st.get("parse_cpu_s"),
           "write_s": st["write_s"], "write_cpu_s": st.get("write_cpu_s"), "index_s": st.get("index_s"),
           "index_cpu_s": st.get("index_cpu_s"), "client_cpu_s": round(cpu, 2), "batches": st["batches"],
           "index_deferred": defer}
    if pg:
        row["server_cpu_s"] = round(srv, 2)
    row["load_avg"] = load_average()
    return row


def _speedup(paths: list[Path], label: str, url_of, defer: bool = True) -> list[dict]:  # type: ignore[no-untyped-def]
    one, two = _bulk(url_of(), paths, 1, defer), _bulk(url_of(), paths, 2, defer)
    how = "" if defer else ", index per document"
    return [{"label": f"scale: bulk ingest, 1 worker{how} → {label}", **one},
            {"label": f"scale: bulk ingest, 2 workers{how} → {label}", **two,
             "speedup": round(one["seconds"] / two["seconds"], 2),
             "cpu_bound_speedup": round(_busy(one, 1) / _busy(two, 2), 2)}]


def _busy(row: dict, workers: int) -> float:
    """A lower bound of the run's wall time from its CPU seconds alone (what a busy machine does not inflate): the
    busiest single process (the client, the server, or one worker's share of parsing), or all the CPU used spread
    over the cores, whichever is larger. Its 1→2 worker ratio is the speed-up an idle machine would at best show."""
    import os

    server = row.get("server_cpu_s", 0.0)
    total = row["client_cpu_s"] + row["parse_cpu_s"] + server
    return max(row["client_cpu_s"], server, row["parse_cpu_s"] / workers, total / (os.cpu_count() or 1))


def speedups(paths: list[Path], stores: Path, with_pg: bool = True, defer: tuple[bool, ...] = (True,)) -> list[dict]:
    m = len(paths)
    names = _NAMES  # a new SQLite file for every run, repeats included
    out = []
    for d in defer:
        out += _speedup(paths, f"SQLite ({m} docs)", lambda: f"sqlite:///{stores / f'scale_{next(names)}.db'}", d)
        if with_pg and pg_url() is not None:
            out += _speedup(paths, f"PostgreSQL ({m} docs)", pg_url, d)
    return out


def memory(gen_paths: list[Path], checkpoints: tuple[int, ...]) -> dict:
    n = min(len(gen_paths), checkpoints[-1])
    big = bulk_store(gen_paths, n, checkpoints)
    rss = big["rss"]
    row = {"label": f"scale: client RSS MB at {'/'.join(str(c) for c in checkpoints if c in rss)} docs",
           "documents": n, "seconds": round(big["seconds"], 1), "docs_per_s": round(n / big["seconds"], 2),
           "rss_mb": " / ".join(str(rss[c]) for c in checkpoints if c in rss), "peak_rss_mb": big["peak_rss"]}
    if len(rss) >= 2:
        first, last = rss[min(rss)], rss[max(rss)]
        row["rss_growth_mb"] = round(last - first, 1)
    return row


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    stores = gen_paths[0].parent.parent / "stores"
    stores.mkdir(exist_ok=True)
    m = min(len(gen_paths), 16 if quick(args) else getattr(args, "scale_docs", 100))
    defer = {"on": (True,), "off": (False,), "both": (True, False)}[getattr(args, "defer", "on")]
    out = []
    for _ in range(getattr(args, "repeat", 1)):
        out += speedups(gen_paths[:m], stores, not getattr(args, "no_pg", False), defer)
    if getattr(args, "rss", True):
        out.append(memory(gen_paths, (25, 50, 100) if quick(args) else (100, 300, 1000)))
    return out


def main(argv: list[str] | None = None) -> int:
    from bench.corpus_gen import generate

    ap = argparse.ArgumentParser(prog="python -m bench.bench_scale")
    ap.add_argument("--docs", type=int, default=60, help="generated documents for the speed-up runs")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--rss", action="store_true", help="also the client-memory run (100/300/1000 documents)")
    ap.add_argument("--defer", choices=["on", "off", "both"], default="on",
                    help="bulk ingest's deferred search index (default on, as in production), off, or both")
    ap.add_argument("--repeat", type=int, default=1, help="run the speed-up measurements this many times")
    args = ap.parse_args(argv)
    args.scale_docs = args.docs
    with tempfile.TemporaryDirectory() as tmp:
        gen = generate(CORPUS, Path(tmp) / "gen", max(args.docs, 1000 if args.rss else 0))
        for row in run(gen, args):
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
