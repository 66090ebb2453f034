"""Store benchmark: ingest throughput into SQLite and PostgreSQL at N generated documents (20 with --quick,
100 otherwise), and where the time goes, in CPU as well as wall time (the machine may be shared):
- prepare: store.load.prepare, the per-document Python a Dask worker does after parsing (rows, JSON, folding);
- write only: store.load.write of prepared documents, per file (one transaction each, as `planscope ingest`)
  and in batches of 16 (planscope.scale's writer: one transaction per batch, a savepoint per file). On
  PostgreSQL the server's CPU is given apart (it runs on this machine too).

    python -m bench.bench_store [--docs 60] [--no-pg]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.scale_common import CORPUS, mb, pg_url, quick

CHUNK = 16


def server_cpu() -> float:
    """CPU seconds used so far by the benchmark's PostgreSQL server: the postmaster, its live backends, and the
    backends that have exited (counted in the postmaster's children times). Other servers on a shared machine
    are not counted."""
    import psutil

    from bench import scale_common

    server = scale_common._PG[0] if scale_common._PG else None
    if server is None:
        return 0.0
    pm = psutil.Process(int((Path(server.data) / "postmaster.pid").read_text().split()[0]))
    t = pm.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in pm.children(recursive=True):
        try:
            c = child.cpu_times()
            total += c.user + c.system
        except psutil.Error:  # exited meanwhile: its time is in the postmaster's children times now
            continue
    return total


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _ingest(url: str, paths: list[Path], label: str) -> dict:
    import planscope

    db = planscope.open(url)
    t, c = time.perf_counter(), time.process_time()
    report = db.ingest(paths)
    s, cpu = time.perf_counter() - t, time.process_time() - c
    db.close()
    n = report.count("loaded") + report.count("new_version")
    return {"label": f"store: ingest → {label} ({len(paths)} docs)", "documents": n, "mb": round(mb(paths), 2),
            "seconds": round(s, 2), "docs_per_s": round(n / s, 2), "mb_per_s": round(mb(paths) / s, 2),
            "cpu_ms_per_doc": round(1000 * cpu / n, 1), "load_avg": load_average()}


def _prepared(paths: list[Path]) -> tuple[list, float]:
    """Each file read, parsed and prepared as a worker does; returns the Parsed items and prepare CPU seconds."""
    from planscope.ingest import read_document
    from planscope.parse import extract_source
    from planscope.scale import Parsed
    from planscope.store.load import prepare, sha256_bytes

    items, cpu = [], 0.0
    for p in paths:
        data = p.read_bytes()
        src = read_document(p)
        ex = extract_source(src)
        c = time.process_time()
        prep = prepare(src, ex, path=str(p.resolve()), sha256=sha256_bytes(data), size=len(data))
        cpu += time.process_time() - c
        items.append(Parsed(str(p), str(p.resolve()), sha256_bytes(data), len(data), prep))
    return items, cpu


def _write_only(url_file: str, url_batch: str, paths: list[Path], label: str) -> list[dict]:
    """Prepare a chunk, then time only the writing: per file into one store, batched into another."""
    import planscope
    from planscope.scale.write import store_batch, writer_engine
    from planscope.store import load
    from planscope.store.db import session_factory

    pg = url_file.startswith("postgresql")
    planscope.open(url_file).close()
    planscope.open(url_batch).close()
    per_file, batched = writer_engine(url_file), writer_engine(url_batch)
    files, batches = session_factory(per_file), session_factory(batched)
    spent = {k: 0.0 for k in ("prep_cpu", "file_s", "file_cpu", "file_srv", "batch_s", "batch_cpu", "batch_srv")}

    def timed(kind: str, fn) -> None:  # type: ignore[no-untyped-def]
        t, c, v = time.perf_counter(), time.process_time(), server_cpu() if pg else 0.0
        fn()
        spent[f"{kind}_s"] += time.perf_counter() - t
        spent[f"{kind}_cpu"] += time.process_time() - c
        spent[f"{kind}_srv"] += (server_cpu() - v) if pg else 0.0

    def each_file(chunk: list) -> None:  # type: ignore[type-arg]
        for it in chunk:
            with files.begin() as ses:
                load.write(ses, it.prepared)

    for i in range(0, len(paths), CHUNK):
        chunk, prep_cpu = _prepared(paths[i:i + CHUNK])
        spent["prep_cpu"] += prep_cpu
        timed("file", lambda: each_file(chunk))  # noqa: B023
        timed("batch", lambda: store_batch(batches, chunk))  # noqa: B023
    per_file.dispose()
    batched.dispose()
    n = len(paths)
    ms = lambda k: round(1000 * spent[k] / n, 1)  # noqa: E731
    out = [{"label": f"store: prepare (on the worker) → {label}", "documents": n, "cpu_ms_per_doc": ms("prep_cpu")}]
    for kind, name in (("file", "per file"), ("batch", f"batches of {CHUNK}")):
        row = {"label": f"store: write only, {name} → {label}", "documents": n,
               "seconds": round(spent[f"{kind}_s"], 2), "docs_per_s": round(n / spent[f"{kind}_s"], 2),
               "ms_per_doc": ms(f"{kind}_s"), "cpu_ms_per_doc": ms(f"{kind}_cpu")}
        if pg:
            row["server_cpu_ms_per_doc"] = ms(f"{kind}_srv")
        row["load_avg"] = load_average()
        out.append(row)
    return out


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    n = min(len(gen_paths), 20 if quick(args) else getattr(args, "store_docs", 100))
    paths = gen_paths[:n]
    stores = paths[0].parent.parent / "stores"
    stores.mkdir(exist_ok=True)
    out = [_ingest(f"sqlite:///{stores / 'store_ingest.db'}", paths, "SQLite")]
    out += _write_only(f"sqlite:///{stores / 'store_w1.db'}", f"sqlite:///{stores / 'store_wb.db'}",
                       paths[:min(n, 64)], "SQLite")
    if not getattr(args, "no_pg", False) and (url := pg_url()) is not None:
        out.append(_ingest(url, paths, "PostgreSQL"))
        a, b = pg_url(), pg_url()
        assert a and b
        out += _write_only(a, b, paths[:min(n, 64)], "PostgreSQL")
    return out


def main(argv: list[str] | None = None) -> int:
    from bench.corpus_gen import generate

    ap = argparse.ArgumentParser(prog="python -m bench.bench_store")
    ap.add_argument("--docs", type=int, default=60, help="generated documents")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = ap.parse_args(argv)
    args.store_docs = args.docs
    with tempfile.TemporaryDirectory() as tmp:
        gen = generate(CORPUS, Path(tmp) / "gen", args.docs)
        for row in run(gen, args):
            print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
