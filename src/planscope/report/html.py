"""The evaluation report as one self-contained HTML page (inline CSS and SVG, no JavaScript, no external files)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from planscope.report.charts import indicator_chart, status_color, summary_chart
from planscope.report.evaluation import STATUS_LABELS, EvaluationReport, fmt_dec, status_label


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("planscope.report", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["dec"] = fmt_dec
    env.filters["status_label"] = status_label
    env.filters["status_color"] = status_color
    return env


def summary_sentence(report: EvaluationReport) -> str:
    """其中已完成3项、进度正常5项…: the counts in the order of STATUS_LABELS."""
    assert report.summary is not None
    counts = report.summary.by_status
    order = [s for s in STATUS_LABELS if counts.get(s)] + [s for s in counts if s not in STATUS_LABELS]
    return "、".join(f"{status_label(s)}{counts[s]}项" for s in order)


def to_html(report: EvaluationReport) -> str:
    assert report.summary is not None
    statuses = [s for s in STATUS_LABELS if report.summary.by_status.get(s)]
    statuses += [s for s in report.summary.by_status if s not in STATUS_LABELS]
    charts = [(i, Markup(svg)) for i in report.indicators if (svg := indicator_chart(i, width=320))]
    return environment().get_template("evaluation.html").render(
        r=report, statuses=statuses, sentence=summary_sentence(report),
        summary_svg=Markup(summary_chart(report.summary)), charts=charts, status_labels=STATUS_LABELS)


def write_html(report: EvaluationReport, path: str | Path) -> Path:
    p = Path(path)
    p.write_text(to_html(report), encoding="utf-8")
    return p
