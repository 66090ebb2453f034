"""Store benchmark: ingest throughput into SQLite and PostgreSQL at N generated documents (20 with --quick,
100 otherwise), and where the time goes: the same documents written per file (`Database.load`, one transaction
each) and in batches of 16 (planscope.scale's writer: one transaction per batch, a savepoint per file)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.scale_common import mb, pg_url, quick

CHUNK = 16


def _ingest(url: str, paths: list[Path], label: str) -> dict:
    import planscope

    db = planscope.open(url)
    t = time.perf_counter()
    report = db.ingest(paths)
    s = time.perf_counter() - t
    db.close()
    n = report.count("loaded") + report.count("new_version")
    return {"label": f"store: ingest → {label} ({len(paths)} docs)", "documents": n, "mb": round(mb(paths), 2),
            "seconds": round(s, 2), "docs_per_s": round(n / s, 2), "mb_per_s": round(mb(paths) / s, 2)}


def _write_only(url_file: str, url_batch: str, paths: list[Path], label: str) -> list[dict]:
    """Parse a chunk, then time only the writing: per file into one store, batched into another."""
    import planscope
    from planscope.scale import parse_file
    from planscope.scale.write import store_batch, writer_engine
    from planscope.store.db import session_factory

    per_file, batched = planscope.open(url_file), planscope.open(url_batch)
    engine = writer_engine(url_batch)
    sessions = session_factory(engine)
    t_file = t_batch = 0.0
    for i in range(0, len(paths), CHUNK):
        chunk = [parse_file(str(p)) for p in paths[i:i + CHUNK]]
        t = time.perf_counter()
        for it in chunk:
            per_file.load(it.source, it.extraction, path=it.resolved, sha256=it.sha256, size=it.size)
        t_file += time.perf_counter() - t
        t = time.perf_counter()
        store_batch(sessions, chunk)
        t_batch += time.perf_counter() - t
    engine.dispose()
    per_file.close()
    batched.close()
    n = len(paths)
    return [{"label": f"store: write only, per file → {label}", "documents": n, "seconds": round(t_file, 2),
             "docs_per_s": round(n / t_file, 2), "ms_per_doc": round(1000 * t_file / n, 1)},
            {"label": f"store: write only, batches of {CHUNK} → {label}", "documents": n,
             "seconds": round(t_batch, 2), "docs_per_s": round(n / t_batch, 2),
             "ms_per_doc": round(1000 * t_batch / n, 1)}]


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    n = min(len(gen_paths), 20 if quick(args) else 100)
    paths = gen_paths[:n]
    stores = paths[0].parent.parent / "stores"
    stores.mkdir(exist_ok=True)
    out = [_ingest(f"sqlite:///{stores / 'store_ingest.db'}", paths, "SQLite")]
    out += _write_only(f"sqlite:///{stores / 'store_w1.db'}", f"sqlite:///{stores / 'store_wb.db'}",
                       paths[:min(n, 48)], "SQLite")
    if (url := pg_url()) is not None:
        out.append(_ingest(url, paths, "PostgreSQL"))
        a, b = pg_url(), pg_url()
        assert a and b
        out += _write_only(a, b, paths[:min(n, 48)], "PostgreSQL")
    return out
