"""The evaluation report as one self-contained HTML page (inline CSS and SVG, no JavaScript, no external files)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from planscope.report.charts import indicator_chart, legend_svg, status_color, summary_chart
from planscope.report.evaluation import (
    STATUS_LABELS,
    EvaluationReport,
    IndicatorEvaluation,
    fmt_dec,
    status_label,
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("planscope.report", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["dec"] = fmt_dec
    env.filters["status_label"] = status_label
    env.filters["status_color"] = status_color
    env.filters["short"] = short
    env.globals["actuals_view"] = actuals_view
    return env


def summary_sentence(report: EvaluationReport) -> str:
    """其中已完成3项、进度正常5项…: the counts in the order of STATUS_LABELS."""
    assert report.summary is not None
    counts = report.summary.by_status
    order = [s for s in STATUS_LABELS if counts.get(s)] + [s for s in counts if s not in STATUS_LABELS]
    return "、".join(f"{status_label(s)}{counts[s]}项" for s in order)


def short(text: str, limit: int = 30) -> str:
    """A chart caption must fit two lines; the table beside it keeps the full name."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class ActualsView:
    rows: list[tuple[int, str, str]]  # year, value as printed, reference (line, person, note)
    source: str | None  # the one document all the values come from, shown once instead of on every line


def actuals_view(ind: IndicatorEvaluation) -> ActualsView:
    """Actual values of one indicator with their provenance, compact: a shared source document is named once."""
    items = sorted(ind.actuals.items())
    sources = {a.source for _, a in items}
    common = next(iter(sources)) if len(sources) == 1 and None not in sources and len(items) > 1 else None
    rows = []
    for y, a in items:
        if common:
            ref = "；".join(x for x in (f"第{a.line}行" if a.line else "",
                                       f"录入：{a.entered_by}" if a.entered_by else "") if x)
        else:
            ref = a.provenance()
        if a.note:
            ref += f"（{a.note}）"
        rows.append((y, a.raw or fmt_dec(a.value), ref))
    return ActualsView(rows, common)


def to_html(report: EvaluationReport) -> str:
    assert report.summary is not None
    statuses = [s for s in STATUS_LABELS if report.summary.by_status.get(s)]
    statuses += [s for s in report.summary.by_status if s not in STATUS_LABELS]
    charts = [(i, Markup(svg)) for i in report.indicators if (svg := indicator_chart(i))]
    return environment().get_template("evaluation.html").render(
        r=report, statuses=statuses, sentence=summary_sentence(report),
        summary_svg=Markup(summary_chart(report.summary)),
        legend_svg=Markup(legend_svg()), charts=charts, status_labels=STATUS_LABELS)


def write_html(report: EvaluationReport, path: str | Path) -> Path:
    p = Path(path)
    p.write_text(to_html(report), encoding="utf-8")
    return p
