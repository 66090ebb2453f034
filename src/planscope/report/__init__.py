"""Evaluation reports (中期评估 / 终期评估 / 年度监测) from one view model, in HTML, PDF, XLSX and JSON.

    report = EvaluationReport(plan=PlanInfo(...), year=2024, kind="mid_term", indicators=[IndicatorEvaluation(...)])
    render(report, "pdf", "out.pdf")

Summary counts, binding-indicator warnings and the no-data list are computed from the indicators unless given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from planscope.report.evaluation import (
    KIND_LABELS,
    METHOD_LABELS,
    STATUS_LABELS,
    Actual,
    BaseValue,
    EvaluationReport,
    IndicatorEvaluation,
    MethodNote,
    PlanInfo,
    Summary,
    TargetValue,
    binding_warnings,
    default_methods,
    summarize,
)

Format = Literal["html", "pdf", "xlsx", "json"]
FORMATS: tuple[str, ...] = ("html", "pdf", "xlsx", "json")


def render(report: EvaluationReport, fmt: Format | str, path: str | Path) -> Path:
    """Write `report` to `path` in `fmt`; returns the path. Renderers are imported lazily (WeasyPrint is heavy)."""
    if fmt == "html":
        from planscope.report.html import write_html as write
    elif fmt == "pdf":
        from planscope.report.pdf import write_pdf as write
    elif fmt == "xlsx":
        from planscope.report.xlsx import write_xlsx as write
    elif fmt == "json":
        from planscope.report.jsonout import write_json as write
    else:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return write(report, path)


__all__ = [
    "FORMATS",
    "KIND_LABELS",
    "METHOD_LABELS",
    "STATUS_LABELS",
    "Actual",
    "BaseValue",
    "EvaluationReport",
    "IndicatorEvaluation",
    "MethodNote",
    "PlanInfo",
    "Summary",
    "TargetValue",
    "binding_warnings",
    "default_methods",
    "render",
    "summarize",
]
