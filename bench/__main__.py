"""Run every benchmark in one go and print a table; results also go to bench/results.json.

    python -m bench [--docs 1000] [--quick] [--extract-only]

Figures are measured side by side with a plain baseline (read + split + one number regex), so each throughput
is also given as a ratio that does not depend on how fast this machine happens to be.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus_gen import generate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "bench" / "results.json"


def _mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def _time(fn: Callable[[], object], repeat: int = 1) -> float:
    return _times(fn, repeat)[0]


def _times(fn: Callable[[], object], repeat: int = 1) -> tuple[float, float]:
    """Best wall and best CPU seconds of `repeat` runs. CPU time is what one core spends: on a shared machine
    wall time also counts the waits for a core."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        best, best_cpu = min(best, time.perf_counter() - t), min(best_cpu, time.process_time() - c)
    return best, best_cpu


def baseline_extract(path: Path) -> int:
    """The plain baseline: decode, split lines, find every number. What any extractor must at least do."""
    text = path.read_bytes().decode("utf-8-sig")
    return sum(len(re.findall(r"\d+(?:\.\d+)?", line)) for line in text.splitlines())


def bench_extract(paths: list[Path], label: str, repeat: int) -> dict:
    """Throughput of a first pass: before each document the parsers' content-keyed caches (lines, cells, labels)
    are cleared, outside the timing, so no document profits from lines seen in another one or in an earlier
    repeat. Real documents of other regions share almost no lines, so this is what a new document costs."""
    mb = _mb(paths)
    runs = [_first_pass(paths) for _ in range(repeat)]
    t_ours, cpu_ours = min(r[0] for r in runs), min(r[1] for r in runs)
    _, cpu_base = _times(lambda: [baseline_extract(p) for p in paths], repeat)
    return {"label": label, "documents": len(paths), "mb": round(mb, 3), "seconds": round(t_ours, 3),
            "cpu_seconds": round(cpu_ours, 3), "mb_per_s_per_core": round(mb / cpu_ours, 2),
            "baseline_mb_per_s": round(mb / cpu_base, 2), "ratio_to_baseline": round(cpu_ours / cpu_base, 1)}


def _first_pass(paths: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds to extract `paths`, each document timed after the caches were cleared."""
    from planscope.parse import clear_caches, extract

    wall = cpu = 0.0
    for p in paths:
        clear_caches()
        t, c = time.perf_counter(), time.process_time()
        extract(p)
        wall, cpu = wall + time.perf_counter() - t, cpu + time.process_time() - c
    return wall, cpu


def _warm_up() -> None:
    """One small document through the whole pipeline first, so one-time costs (OpenCC dictionaries, lazily built
    tables, regexes compiled on first use) are not charged to the first documents measured."""
    from planscope.ingest import build_source
    from planscope.parse.extract import extract_source

    lines = ["某某市国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础",
             "地区生产总值增长6%左右，达到1.2万亿元。"]
    extract_source(build_source("warm-up.txt", "txt", lines))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--docs", type=int, default=1000, help="size of the generated corpus")
    ap.add_argument("--quick", action="store_true", help="fewer repeats and 100 generated documents")
    ap.add_argument("--extract-only", action="store_true",
                    help="only the extract figures (corpus and generated); bench/results.json is left as it is")
    args = ap.parse_args(argv)
    n_docs = 100 if args.quick else args.docs
    corpus = sorted(CORPUS.glob("0*.txt"))
    results: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}, "runs": []}
    _warm_up()
    results["runs"].append(bench_extract(corpus, "extract: corpus (5 docs)", repeat=1 if args.quick else 3))
    with tempfile.TemporaryDirectory() as tmp:
        gen = generate(CORPUS, Path(tmp) / "gen", n_docs)
        results["runs"].append(bench_extract(gen, f"extract: generated ({n_docs} docs)", repeat=1))
        for extra in [] if args.extract_only else _optional_benches():
            results["runs"].extend(extra(gen, args))
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    if not args.extract_only:
        RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    _print(results)
    return 0


def _optional_benches() -> list[Callable[[list[Path], argparse.Namespace], list[dict]]]:
    """Benchmarks of later layers (store, search, API), each in its own module under bench/."""
    found = []
    for name in ("bench_store", "bench_search", "bench_api", "bench_scale", "bench_load", "bench_related"):
        try:
            mod = __import__(f"bench.{name}", fromlist=["run"])
        except ImportError:
            continue
        found.append(mod.run)
    return found


def _print(results: dict) -> None:
    """One line per benchmark: its label, then its figures as key=value (runs have different figures)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title="PlanScope benchmarks", show_lines=False)
    table.add_column("benchmark", no_wrap=True)
    table.add_column("figures")
    for r in results["runs"]:
        figures = "  ".join(f"{k}={v}" for k, v in r.items() if k != "label" and not isinstance(v, list | dict))
        table.add_row(r["label"], figures)
    Console(width=200).print(table)
    print(f"peak RSS: {results['peak_rss_mb']} MB · cores: {results['machine']['cores']}")


if __name__ == "__main__":
    raise SystemExit(main())
