"""Load test, loopback only: the real server (uvicorn on 127.0.0.1, one process) under N concurrent clients doing a
fixed number of mixed requests — dashboard pages, API reads, full-text search, and POSTed observations as an
editor. Reports throughput, p50/p95 latency, the error rate, and lost writes (acknowledged 201s minus the rows
found in the store afterwards). The load is bounded (clients × requests), never open-ended.

    python -m bench.bench_load [--clients 8] [--requests 40] [--docs 20]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

SEARCH_TERMS = ["发展", "地区生产总值", "创新", "生态环境", "基础设施"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p * (len(xs) - 1)))] if xs else float("nan")


def _prepare(paths: list[Path], folder: Path) -> dict[str, Any]:
    import planscope
    from planscope.store.auth import add_user

    url = f"sqlite:///{folder / 'load.db'}"
    db = planscope.open(url)
    db.ingest(paths)
    plans = [p.id for p in db.plans()]
    rows = {}
    for pid in plans:
        # rows by id ("row:ID"): a seq can repeat across a plan's tables, which the API rightly refuses as ambiguous
        ids = [f"row:{rid}" for st in db.plan(pid).stored_tables() for rid in st.row_ids]
        if ids:
            rows[pid] = ids
    with db.session() as s:
        _, token = add_user(s, "load-editor", "editor")
        s.commit()
    db.close()
    return {"url": url, "plans": plans, "rows": rows, "token": token}


def _start(url: str, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PLANSCOPE_DB": url, "PLANSCOPE_DATA": str(folder / "data")}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "planscope.api.app:app", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning", "--no-access-log"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.monotonic() + 60
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/api/plans", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def _client(base: str, store: dict[str, Any], n: int, seed: int, out: dict[str, list[Any]],
            lock: threading.Lock) -> None:
    import httpx

    rng = random.Random(seed)
    writable = list(store["rows"].items())
    lat: list[float] = []
    errors: list[str] = []
    acked = 0
    with httpx.Client(base_url=base, timeout=60) as c:
        for k in range(n):
            roll = rng.random()
            plan = rng.choice(store["plans"])
            try:
                t = time.perf_counter()
                if roll < 0.2 and writable:
                    pid, seqs = rng.choice(writable)
                    # a distinct value per request, in the plan period: every 201 is one new row (a correction of
                    # an earlier value is a new row too), so acknowledged writes can be counted afterwards
                    body = {"plan_id": pid, "indicator": rng.choice(seqs), "year": 2021 + (seed + k) % 5,
                            "value": f"{seed}.{k:04d}"}
                    r = c.post("/api/observations", json=body, headers={"Authorization": f"Bearer {store['token']}"})
                    ok = r.status_code in (200, 201)
                    acked += r.status_code == 201
                elif roll < 0.4:
                    r = c.get("/api/search", params={"q": rng.choice(SEARCH_TERMS)})
                    ok = r.status_code == 200
                elif roll < 0.6:
                    r = c.get(f"/plans/{plan}", headers={"accept": "text/html"})
                    ok = r.status_code == 200
                elif roll < 0.8:
                    r = c.get(f"/api/plans/{plan}")
                    ok = r.status_code == 200
                else:
                    r = c.get("/", headers={"accept": "text/html"})
                    ok = r.status_code == 200
                lat.append(time.perf_counter() - t)
                if not ok:
                    errors.append(f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text[:160]}")
            except httpx.HTTPError as e:
                errors.append(f"{type(e).__name__}: {e}")
    with lock:
        out["lat"].extend(lat)
        out["errors"].extend(errors)
        out["acked"].append(acked)


def _stored_entries(url: str) -> int:
    import planscope

    db = planscope.open(url)
    try:
        return db.table_counts()["entered_observations"]
    finally:
        db.close()


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    quick = bool(getattr(args, "quick", False))
    n_docs = min(len(gen_paths), int(getattr(args, "load_docs", 0) or (10 if quick else 30)))
    clients = int(getattr(args, "clients", 0) or (4 if quick else 8))
    per_client = int(getattr(args, "requests", 0) or (25 if quick else 50))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = _prepare(gen_paths[:n_docs], folder)
        proc, base = _start(store["url"], folder)
        out: dict[str, list[Any]] = {"lat": [], "errors": [], "acked": []}
        lock = threading.Lock()
        threads = [threading.Thread(target=_client, args=(base, store, per_client, i + 1, out, lock))
                   for i in range(clients)]
        t = time.perf_counter()
        try:
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            wall = time.perf_counter() - t
        finally:
            proc.kill()  # SIGKILL, no graceful shutdown: acknowledged writes must already be durable
            proc.wait(10)
        acked = sum(out["acked"])
        stored = _stored_entries(store["url"])
    total = clients * per_client
    lat_ms = [x * 1000 for x in out["lat"]]
    return [{"label": f"load: {clients} clients x {per_client} requests ({n_docs} docs, loopback)",
             "requests": total, "seconds": round(wall, 2), "req_per_s": round(total / wall, 1),
             "p50_ms": round(_pct(lat_ms, 0.5), 1), "p95_ms": round(_pct(lat_ms, 0.95), 1),
             "mean_ms": round(statistics.fmean(lat_ms), 1) if lat_ms else None,
             "error_rate": round(len(out["errors"]) / total, 4), "writes_acked": acked,
             "lost_writes": acked - stored, "first_errors": out["errors"][:3]}]


def main(argv: list[str] | None = None) -> int:
    import json

    from bench.corpus_gen import generate

    ap = argparse.ArgumentParser(prog="python -m bench.bench_load")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=40, help="requests per client")
    ap.add_argument("--docs", dest="load_docs", type=int, default=20)
    args = ap.parse_args(argv)
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(corpus, Path(tmp) / "gen", args.load_docs)
        rows = run(paths, args)
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0 if all(r["error_rate"] == 0 and r["lost_writes"] == 0 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
