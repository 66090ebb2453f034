"""The evaluation report as JSON in CONTRACT.md's shape for `planscope evaluate --format json` (fields only added)."""

from __future__ import annotations

import json
from pathlib import Path

from planscope.report.evaluation import EvaluationReport


def to_json_text(report: EvaluationReport, indent: int | None = 1) -> str:
    # Decimals become JSON numbers via model.dec_json, which prints exactly what the Decimal prints (16.4, not 16.39…).
    return json.dumps(report.to_json(), ensure_ascii=False, indent=indent)


def write_json(report: EvaluationReport, path: str | Path) -> Path:
    p = Path(path)
    p.write_text(to_json_text(report) + "\n", encoding="utf-8")
    return p
