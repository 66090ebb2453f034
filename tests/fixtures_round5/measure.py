"""Per-document, per-area scores of `planscope extract` on the round-5 documents against expected.py.

Run: .venv/bin/python tests/fixtures_round5/measure.py   (prints one row per document and area)
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from expected import DOCS  # noqa: E402

_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]", "—": "-", "－": "-", "―": "-"})
_NUM = re.compile(r"\d+(?:\.\d+)?")


def norm(s: Any) -> str:
    return "" if s is None else re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(s))).translate(_BRACKETS)


def overlap(a: str, b: str) -> float:
    short, long_ = sorted((norm(a), norm(b)), key=len)
    return sum((Counter(short) & Counter(long_)).values()) / len(short) if short else 0.0


def _pr(correct: int, npred: int, ngold: int) -> tuple[float | None, float | None]:
    return (correct / npred if npred else None), (correct / ngold if ngold else None)


def score_meta(doc: dict, exp: dict) -> tuple[int, int]:
    got = {"title": norm(doc["title"]), "region": doc["region"], "kind": doc["kind"],
           "period": tuple(doc["period"]) if doc["period"] else None}
    want = {**exp, "title": norm(exp["title"])}
    return sum(got[k] == want[k] for k in want), len(want)


def score_outline(outline: list[dict], exp: list[tuple]) -> dict:
    want = {(norm(n), norm(t), line) for n, t, line in exp}
    got = [(norm(h.get("number")), norm(h.get("title")), h.get("line")) for h in outline]
    correct = sum(g in want for g in got)
    return {"n_pred": len(got), "n_gold": len(want), "correct": correct,
            "missed": sorted(want - set(got), key=lambda x: x[2]), "extra": [g for g in got if g not in want]}


def _row_key(r: dict) -> tuple:
    values: dict[str, str] = {}
    for v in r.get("values") or []:
        values.setdefault(v["role"], norm(v.get("raw")))
    return (norm(r.get("seq")), norm(r.get("name")), norm(r.get("unit")), r.get("attribute"),
            tuple(sorted(values.items())))


def score_rows(tables: list[dict], exp: list[tuple]) -> dict:
    want = [(norm(s), norm(n), norm(u), a, tuple(sorted((k, norm(v)) for k, v in vals.items())))
            for s, n, u, a, vals in exp]
    got = [_row_key(r) for t in tables for r in t.get("rows") or []]
    correct = sum(g in want for g in got)
    return {"n_pred": len(got), "n_gold": len(want), "correct": correct,
            "missed": [w for w in want if w not in got], "extra": [g for g in got if g not in want]}


def _pred_figures(ex: dict, scopes: list[tuple[int, int]]) -> list[dict]:
    out = []
    for kind, key in (("T", "targets"), ("O", "observations")):
        for f in ex.get(key) or []:
            if any(a <= (f.get("line") or 0) <= b for a, b in scopes):
                out.append({**f, "kind": kind})
    return out


def _same_value(gold: float, f: dict) -> bool:
    nums = [float(x) for x in _NUM.findall(unicodedata.normalize("NFKC", str(f.get("raw") or "")))]
    if f.get("value") is not None:
        nums.append(float(f["value"]))
    return any(abs(n - gold) < 1e-9 for n in nums)


def score_figures(ex: dict, exp: dict) -> dict:
    preds = _pred_figures(ex, exp["scopes"])
    used: set[int] = set()
    correct, year_ok, missed = 0, 0, []
    for kind, ind, value, _unit, year, line in exp["figures"]:
        hit = next((i for i, p in enumerate(preds) if i not in used and abs(p["line"] - line) <= 1
                    and _same_value(value, p) and p["kind"] == kind and overlap(ind, p["indicator"] or "") >= 0.6),
                   None)
        if hit is None:
            missed.append((kind, ind, value, line))
            continue
        used.add(hit)
        correct += 1
        year_ok += preds[hit].get("year") == year
    extra = [(p["kind"], p["indicator"], p["raw"], p["line"]) for i, p in enumerate(preds) if i not in used]
    return {"n_pred": len(preds), "n_gold": len(exp["figures"]), "correct": correct, "year_ok": year_ok,
            "missed": missed, "extra": extra}


def rendering_lines(path: Path, exp: dict) -> dict:
    """`exp` with its file lines moved to the lines of the text the HTML reader renders: PlanScope numbers an HTML
    page's lines that way (tests/test_outline_round3.py), where the contract says the file's own lines."""
    from planscope.ingest import read_document

    rendered = [norm(s) for s in read_document(path).lines]
    raw = path.read_text(encoding="utf-8").splitlines()

    def move(line: int) -> int:
        text = norm(re.sub(r"<[^>]+>", "", raw[line - 1])).replace("&lt;", "<")
        return next((i + 1 for i, s in enumerate(rendered) if text and (s == text or s.startswith(text))), -1)

    return {**exp, "outline": [(n, t, move(x)) for n, t, x in exp["outline"]],
            "scopes": [(move(a), move(b)) for a, b in exp["scopes"]],
            "figures": [(*f[:5], move(f[5])) for f in exp["figures"]]}


def measure(ex: dict, exp: dict) -> dict:
    return {"meta": score_meta(ex["document"], exp["document"]),
            "outline": score_outline(ex["outline"], exp["outline"]),
            "rows": score_rows(ex["indicator_tables"], exp["rows"]), "figures": score_figures(ex, exp)}


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def _fmt(s: dict) -> str:
    p, r = _pr(s["correct"], s["n_pred"], s["n_gold"])
    return f"P={_num(p)} R={_num(r)} ({s['correct']}/{s['n_pred']} pred, {s['n_gold']} gold)"


def main(verbose: bool = False, rendered: bool = False) -> None:
    from planscope.parse.extract import extract

    for name, exp in DOCS.items():
        if rendered and name.endswith(".html"):
            exp = rendering_lines(HERE / name, exp)
        res = measure(extract(HERE / name).to_json(), exp)
        m = res["meta"]
        label = name + (" (rendering lines)" if rendered and name.endswith(".html") else "")
        print(f"{label}: meta {m[0]}/{m[1]} | headings {_fmt(res['outline'])} | rows {_fmt(res['rows'])} | "
              f"figures {_fmt(res['figures'])} year {res['figures']['year_ok']}/{res['figures']['correct']}")
        if verbose:
            for area in ("outline", "rows", "figures"):
                for k in ("missed", "extra"):
                    for item in res[area][k]:
                        print(f"   {area} {k}: {item}")


if __name__ == "__main__":
    main("-v" in sys.argv, "--rendered" in sys.argv)
