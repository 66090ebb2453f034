"""API benchmark: latency (p50/p95, ms) of the dashboard's heaviest pages and API endpoints over a store of
generated documents (1,000 by default, 100 with --quick), through FastAPI's TestClient (no network). Skipped,
with a row saying why, when the API is not installed.

    python -m bench.bench_api [--docs 1000] [--store sqlite:///bulk.db] [--repeat 30]

Part of `python -m bench`; on its own it generates --docs documents and bulk-ingests them (or reuses --store).
The monitor page is timed twice: as served (the evaluation cached until the store changes) and uncached (the
cache emptied before each request: what the first visitor after a write waits for).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.scale_common import CORPUS, bulk_store, quick, shared_store

SEARCH_Q = "%E7%A0%94%E5%8F%91%E7%BB%8F%E8%B4%B9"  # 研发经费


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p * (len(xs) - 1)))]


def _targets(url: str) -> tuple[int, int | None]:
    """The plan every page is asked about (the middle one, as before) and the first row of its main table."""
    import planscope

    db = planscope.open(url)
    try:
        plans = db.plans()
        plan_id = plans[len(plans) // 2].id
        main = next((t for t in db.plan(plan_id).stored_tables() if t.table.kind == "main"), None)
        row = main.row_ids[0] if main and main.row_ids else None
    finally:
        db.close()
    return plan_id, row


def _clear_evaluations() -> None:
    """What a write does to the caches (every entry keyed by the old data version misses afterwards)."""
    try:
        from planscope.monitor.cache import DOCUMENT_FACTS, EVALUATIONS
    except ImportError:  # a tree without the caches: every request is uncached anyway
        return
    EVALUATIONS.clear()
    DOCUMENT_FACTS.clear()


def measure(url: str, n: int, repeat: int) -> list[dict]:
    try:
        from fastapi.testclient import TestClient

        from planscope.api import create_app
    except ImportError as e:
        return [{"label": f"api: skipped ({e})"}]
    plan_id, row = _targets(url)
    endpoints: list[tuple[str, str, Callable[[], None] | None]] = [
        ("dashboard home /", "/", None), ("GET /api/plans", "/api/plans?limit=50", None),
        ("GET /api/plans/{id}", f"/api/plans/{plan_id}", None),
        ("GET /api/plans/{id}/indicators", f"/api/plans/{plan_id}/indicators", None),
        ("page /plans/{id}", f"/plans/{plan_id}", None),
        ("page /plans/{id}/monitor", f"/plans/{plan_id}/monitor", None),
        ("page /plans/{id}/monitor, uncached", f"/plans/{plan_id}/monitor", _clear_evaluations),
        ("page /search", f"/search?q={SEARCH_Q}", None),
        ("GET /api/search", f"/api/search?q={SEARCH_Q}", None)]
    if row is not None:
        endpoints.insert(6, ("page /plans/{id}/indicators/{row}", f"/plans/{plan_id}/indicators/{row}", None))
    out = []
    with TestClient(create_app(url)) as client:
        for label, path, before in endpoints:
            first = client.get(path, headers={"accept": "text/html"})  # warm templates and statements first
            if first.status_code != 200:
                out.append({"label": f"api: {label} ({n} docs)", "status": first.status_code})
                continue
            times = []
            for _ in range(repeat):
                if before is not None:
                    before()
                t = time.perf_counter()
                client.get(path, headers={"accept": "text/html"})
                times.append(time.perf_counter() - t)
            out.append({"label": f"api: {label} ({n} docs)", "documents": n, "status": 200,
                        "p50_ms": round(1000 * statistics.median(times), 1),
                        "p95_ms": round(1000 * _pct(times, .95), 1),
                        "kb": round(len(first.content) / 1024, 1)})
    return out


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    """The `python -m bench` entry: a bulk store of the generated documents (1,000, or 100 with --quick)."""
    store = shared_store(gen_paths, args)
    return measure(store["url"], store["n"], 10 if quick(args) else 30)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_api")
    ap.add_argument("--docs", type=int, default=1000, help="documents in the store (generated and bulk-ingested)")
    ap.add_argument("--store", help="measure this existing store instead (its document count is reported)")
    ap.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    ap.add_argument("--json", help="also write the rows to this file")
    args = ap.parse_args(argv)
    if args.store:
        import planscope

        db = planscope.open(args.store)
        n = len(db.documents(include_old_versions=True))  # old versions are stored documents too
        db.close()
        rows = measure(args.store, n, args.repeat)
    else:
        from bench.corpus_gen import generate

        with tempfile.TemporaryDirectory() as tmp:
            gen = generate(CORPUS, Path(tmp) / "gen", args.docs)
            store = bulk_store(gen, args.docs, (args.docs,))
            rows = measure(store["url"], args.docs, args.repeat)
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":  # Dask's workers import this module: build nothing unless run as a script
    raise SystemExit(main())
