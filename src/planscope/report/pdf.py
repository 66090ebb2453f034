"""The evaluation report as PDF: WeasyPrint renders the very HTML of html.py (same template, print CSS)."""

from __future__ import annotations

from pathlib import Path

from planscope.report.evaluation import EvaluationReport
from planscope.report.html import to_html


def to_pdf(report: EvaluationReport) -> bytes:
    from weasyprint import HTML  # imported late: it loads Pango and fonts, which the other formats do not need

    return HTML(string=to_html(report)).write_pdf()


def write_pdf(report: EvaluationReport, path: str | Path) -> Path:
    p = Path(path)
    p.write_bytes(to_pdf(report))
    return p
