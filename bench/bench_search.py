"""Search benchmark: 50 queries (p50/p95) over the benchmark's store of generated documents (1,000; 100 with --quick).

Queries mix the paths search takes: 2-character terms (the trigrams they start, from the index's vocabulary),
3+ character terms (FTS5 trigram MATCH + bm25), several terms, traditional characters, and filters (region, kind,
chapter). `python -m bench` runs it with the others; alone: `python -m bench.bench_search --docs 1000`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.scale_common import shared_store

SHORT = ["绿道", "5G", "碧道", "港口", "税收", "养老", "医保", "物流"]
LONG = ["研发经费", "国际消费中心城市", "新能源汽车", "高新技术企业", "乡村振兴", "营商环境", "粤港澳大湾区",
        "城市更新", "先进制造业", "公共服务"]
MULTI = ["新能源 汽车", "乡村 振兴 产业", "绿道 OR 碧道", "5G 基站", "研发 投入 强度", "\"数字 经济\""]
TRAD = ["研發經費", "營商環境", "綠道", "養老服務"]
FILTERED = [("绿道", {"region": "花都区"}), ("研发经费", {"kind": "five_year_plan"}),
            ("5G", {"chapter": "数字"}), ("乡村振兴", {"region": "番禺区"})]


def _queries() -> list[tuple[str, str, dict]]:
    qs = [("short", q, {}) for q in SHORT] + [("long", q, {}) for q in LONG] + [("multi", q, {}) for q in MULTI]
    qs += [("traditional", q, {}) for q in TRAD] + [("filtered", q, f) for q, f in FILTERED]
    while len(qs) < 50:  # second pages of the commonest ones
        kind, q, f = qs[len(qs) % 18]
        qs.append((kind, q, {**f, "offset": 20}))
    return qs[:50]


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p * (len(xs) - 1)))]


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    import planscope

    store = shared_store(gen_paths, args)  # 1,000 documents (100 with --quick), shared with the API benchmark
    n = store["n"]
    db = planscope.open(store["url"])
    paragraphs = db.table_counts()["paragraphs"]
    t = time.perf_counter()
    db.reindex()
    t_reindex = time.perf_counter() - t
    times: dict[str, list[float]] = {}
    found = 0
    for kind, q, f in _queries():
        t = time.perf_counter()
        hits = db.search(q, limit=20, **f)
        times.setdefault(kind, []).append(time.perf_counter() - t)
        found += bool(hits)
    every = [x for v in times.values() for x in v]
    out = [{"label": f"search: 50 queries, {n} docs SQLite", "documents": n, "paragraphs": paragraphs,
            "p50_ms": round(statistics.median(every) * 1000, 1), "p95_ms": round(_pct(every, 0.95) * 1000, 1),
            "queries_with_hits": found, "reindex_s": round(t_reindex, 2)}]
    for kind, xs in times.items():
        out.append({"label": f"search: {kind} ({len(xs)} queries)",
                    "p50_ms": round(statistics.median(xs) * 1000, 1), "p95_ms": round(_pct(xs, 0.95) * 1000, 1)})
    if n <= 300:  # related passages index every paragraph in memory first: bench_related measures their quality
        pid = db.search("5G 基站", limit=1)[0].paragraph_id
        t = time.perf_counter()
        db.related(pid, k=5)
        first = time.perf_counter() - t
        t = time.perf_counter()
        db.related(pid, k=5)
        out.append({"label": "search: related passages", "first_s": round(first, 2),
                    "cached_ms": round((time.perf_counter() - t) * 1000, 1)})
    db.close()
    return out


if __name__ == "__main__":
    from bench.corpus_gen import generate

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
        for row in run(generate(corpus, Path(d) / "gen", a.docs), argparse.Namespace(quick=a.docs <= 100)):
            print(row)
