"""API benchmark: latency (p50/p95, ms) of the dashboard's heaviest pages and API endpoints over a store of
1,000 generated documents (100 with --quick), through FastAPI's TestClient (no network). Skipped, with a
row saying why, when the API is not installed."""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bench.scale_common import bulk_store, quick


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p * (len(xs) - 1)))]


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    try:
        from fastapi.testclient import TestClient

        from planscope.api import create_app
    except ImportError as e:
        return [{"label": f"api: skipped ({e})"}]
    import planscope

    checkpoints = (25, 50, 100) if quick(args) else (100, 300, 1000)
    n = min(len(gen_paths), checkpoints[-1])
    store = bulk_store(gen_paths, n, checkpoints)
    db = planscope.open(store["url"])
    plan_id = db.plans()[len(db.plans()) // 2].id
    db.close()
    endpoints = [("dashboard home /", "/"), ("GET /api/plans", "/api/plans?limit=50"),
                 ("GET /api/plans/{id}", f"/api/plans/{plan_id}"),
                 ("GET /api/indicators", f"/api/indicators?plan={plan_id}"),
                 ("page /plans/{id}", f"/plans/{plan_id}"), ("page /plans/{id}/monitor", f"/plans/{plan_id}/monitor"),
                 ("GET /api/search", "/api/search?q=%E7%A0%94%E5%8F%91%E7%BB%8F%E8%B4%B9")]
    repeat = 10 if quick(args) else 30
    out = []
    with TestClient(create_app(store["url"])) as client:
        for label, url in endpoints:
            first = client.get(url)  # warm caches (templates, statements) before timing
            if first.status_code != 200:
                out.append({"label": f"api: {label} ({n} docs)", "status": first.status_code})
                continue
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - t)
            out.append({"label": f"api: {label} ({n} docs)", "documents": n, "status": 200,
                        "p50_ms": round(1000 * statistics.median(times), 1),
                        "p95_ms": round(1000 * _pct(times, .95), 1),
                        "kb": round(len(first.content) / 1024, 1)})
    return out
