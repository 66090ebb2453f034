"""The evaluation report as an Excel workbook (openpyxl): summary with a bar chart, the indicator sheet with real
numbers (so auditors can recompute), one line chart per numeric indicator, and the methods."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planscope.report.charts import status_color
from planscope.report.evaluation import STATUS_LABELS, EvaluationReport, IndicatorEvaluation, status_label

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="EEF2F7")
WRAP = Alignment(wrap_text=True, vertical="top")


def _years(report: EvaluationReport) -> list[int]:
    ys: set[int] = set()
    for i in report.indicators:
        ys |= set(i.annual_targets) | set(i.actuals)
    return sorted(ys)


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    for c, label in enumerate(labels, 1):
        cell = ws.cell(row, c, label)
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, Alignment(wrap_text=True, vertical="center")


def _summary_sheet(ws: Worksheet, report: EvaluationReport) -> None:
    assert report.summary is not None
    ws.title = "概况"
    ws["A1"] = report.title
    ws["A1"].font = Font(bold=True, size=14)
    meta = [("规划", report.plan.title), ("地区", report.plan.region),
            ("规划期", f"{report.plan.period[0]}—{report.plan.period[1]}"), ("评估类型", report.kind_label),
            ("评估年度", report.year), ("生成时间", report.generated_at.strftime("%Y-%m-%d %H:%M")),
            ("规划编号", report.plan.id)]
    if report.author:
        meta.insert(5, ("编制单位", report.author))
    for k, (label, value) in enumerate(meta, 3):
        ws.cell(k, 1, label).font = BOLD
        ws.cell(k, 2, value)
    row = 4 + len(meta)
    attrs = list(report.summary.by_attribute)
    _header(ws, row, ["状态", "指标数", *attrs])
    statuses = [s for s in STATUS_LABELS if s in report.summary.by_status]
    statuses += [s for s in report.summary.by_status if s not in STATUS_LABELS]
    for k, s in enumerate(statuses, row + 1):
        ws.cell(k, 1, status_label(s))
        ws.cell(k, 2, report.summary.by_status[s])
        for c, a in enumerate(attrs, 3):
            ws.cell(k, c, report.summary.by_attribute[a].get(s, 0))
    last = row + len(statuses)
    if statuses:
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
        chart.title, chart.y_axis.title = "各状态指标数", "指标数"
        data = Reference(ws, min_col=3, max_col=2 + len(attrs), min_row=row, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=row + 1, max_row=last))
        chart.height, chart.width = 7, 14
        ws.add_chart(chart, "E3")
    row = max(last, 18) + 2
    for title, items in (("约束性指标预警", report.warnings or []), ("无数据指标", report.no_data or []),
                         ("说明", report.notes)):
        ws.cell(row, 1, title).font = BOLD
        if not items:
            ws.cell(row, 2, "无")
        for k, text in enumerate(items):
            ws.cell(row + k, 2, text)
        row += max(len(items), 1) + 1
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60


def _indicator_sheet(ws: Worksheet, report: EvaluationReport) -> None:
    years = _years(report)
    fixed = ["序号", "类别", "指标", "规范名", "单位", "属性", "基期年", "基期值", "基期原文", "目标年", "目标值",
             "目标原文", "目标限定"]
    per_year = [h for y in years for h in (f"{y}年目标", f"{y}年实际")]
    tail = ["状态", "状态代码", "方法", "说明", "实际值来源", "计算数值"]
    _header(ws, 1, fixed + per_year + tail)
    for r, i in enumerate(report.indicators, 2):
        b, t = i.base, i.target
        row: list[Any] = [i.seq, i.category, i.name, i.canonical_name or i.canonical, i.unit, i.attribute,
                          b.year if b else None, b.value if b else None, b.raw if b else None,
                          t.year if t else None, t.value if t else None, t.raw if t else None,
                          t.qualifier if t else None]
        for y in years:
            a = i.actuals.get(y)
            row += [i.annual_targets.get(y), a.value if a else None]
        sources = "\n".join(f"{y}：{a.provenance()}" + (f"（{a.note}）" if a.note else "")
                            for y, a in sorted(i.actuals.items()) if a.provenance() or a.note)
        numbers = "；".join(f"{k}={v}" for k, v in i.numbers.items())
        row += [i.status_label, str(i.status), i.method_label, i.explanation, sources, numbers]
        for c, v in enumerate(row, 1):
            cell = ws.cell(r, c, v)
            if isinstance(v, str):
                cell.alignment = WRAP
        sc = ws.cell(r, len(fixed) + len(per_year) + 1)
        sc.fill = PatternFill("solid", fgColor=status_color(i.status).lstrip("#"))
        sc.font = Font(color="FFFFFF", bold=True)
    widths = {"序号": 6, "类别": 12, "指标": 30, "规范名": 20, "单位": 10, "属性": 8, "基期原文": 14, "目标原文": 14,
              "说明": 50, "实际值来源": 36, "计算数值": 24}
    for c, h in enumerate(fixed + per_year + tail, 1):
        ws.column_dimensions[get_column_letter(c)].width = widths.get(h, 11)
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(fixed + per_year + tail))}{len(report.indicators) + 1}"


def _trend_sheet(ws: Worksheet, report: EvaluationReport) -> None:
    """Per numeric indicator: a small year table and a line chart of annual target vs actual beside it."""
    row = 1
    for i in report.indicators:
        if not i.is_numeric():
            continue
        years = _chart_years(i)
        ws.cell(row, 1, f"{i.seq}. {i.name}" + (f"（{i.unit}）" if i.unit else "")).font = BOLD
        _header(ws, row + 1, ["年份", "年度目标", "实际值"])
        for k, y in enumerate(years, row + 2):
            a = i.actuals.get(y)
            target = i.annual_targets.get(y)
            if target is None and i.base and i.base.year == y:
                target = i.base.value  # the path starts from the base
            if target is None and i.target and i.target.year == y:
                target = i.target.value
            ws.cell(k, 1, str(y))
            ws.cell(k, 2, target)
            ws.cell(k, 3, a.value if a else None)
        last = row + 1 + len(years)
        chart = LineChart()
        chart.title = i.name[:40]
        chart.height, chart.width = 6.5, 13
        chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=row + 1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=row + 2, max_row=last))
        chart.series[0].graphicalProperties.line.dashStyle = "dash"
        chart.series[0].graphicalProperties.line.solidFill = "1F5FA8"
        chart.series[1].graphicalProperties.line.solidFill = status_color(i.status).lstrip("#")
        ws.add_chart(chart, f"E{row}")
        row = max(last, row + 13) + 2
    ws.column_dimensions["A"].width = 12


def _chart_years(i: IndicatorEvaluation) -> list[int]:
    ys = set(i.annual_targets) | set(i.actuals)
    for v in (i.base, i.target):
        if v is not None and v.year is not None and v.value is not None:
            ys.add(v.year)
    return sorted(ys)


def _methods_sheet(ws: Worksheet, report: EvaluationReport) -> None:
    _header(ws, 1, ["方法", "代码", "说明"])
    for r, m in enumerate(report.methods, 2):
        ws.cell(r, 1, m.name)
        ws.cell(r, 2, m.key)
        ws.cell(r, 3, m.description).alignment = WRAP
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["C"].width = 100


def to_workbook(report: EvaluationReport) -> Workbook:
    wb = Workbook()
    _summary_sheet(wb.active, report)
    _indicator_sheet(wb.create_sheet("指标"), report)
    _trend_sheet(wb.create_sheet("走势"), report)
    _methods_sheet(wb.create_sheet("方法"), report)
    return wb


def write_xlsx(report: EvaluationReport, path: str | Path) -> Path:
    p = Path(path)
    to_workbook(report).save(p)
    return p

