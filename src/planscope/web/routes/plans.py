"""规划 plan page (outline + numbered text) and 指标 indicator page (chart, status, provenance of every number)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from planscope import model as m
from planscope.web import services
from planscope.web.render import num, page
from planscope.web.textview import chunks, numbered_range, outline_tree

router = APIRouter()


def _plan(request: Request, plan_id: int) -> services.PlanView:
    view = services.plan_or_none(services.db_of(request), plan_id)
    if view is None:
        raise HTTPException(404, f"没有编号为 {plan_id} 的规划或文件")
    return view


@router.get("/plans/{plan_id}", response_class=HTMLResponse, name="plan")
def plan_page(request: Request, plan_id: int, full: bool = False) -> HTMLResponse:
    """The outline, the text's first part and placeholders that htmx fills with the other parts as they come into
    view or are linked to (a long plan's whole text is over half a megabyte of HTML). `full=1` sends it all."""
    view = _plan(request, plan_id)
    outline = view.outline()
    parents = view.outline_parents()
    text = view.lines()
    parts = chunks(outline, parents, len(text))
    first = parts[-1] if full and parts else (parts[0] if parts else None)
    summary = view.summary()
    parent = None
    if summary.parent_plan_id is not None:
        try:
            parent = services.db_of(request).plan(summary.parent_plan_id).summary()
        except services.NotFound:
            parent = None
    return page(request, "plan.html", {
        "plan": summary, "meta": view.meta(), "tree": outline_tree(outline, parents),
        "lines": numbered_range(text, outline, view.footnotes(), 1, first.end) if first else [],
        "later": [] if full else parts[1:], "tables": view.stored_tables(),
        "projects": view.projects(), "warnings": view.warnings(),
        "parent": parent,  # the monitor and report links open on their own default year
    })


@router.get("/plans/{plan_id}/figures", response_class=HTMLResponse, name="plan_figures")
def plan_figures(request: Request, plan_id: int) -> HTMLResponse:
    """The plan's prose targets and observations as a table (a fragment the plan page loads when scrolled to)."""
    return page(request, "_plan_figures.html", {"figures": _plan(request, plan_id).figures()})


@router.get("/plans/{plan_id}/text", response_class=HTMLResponse, name="plan_text")
def plan_text(request: Request, plan_id: int, start: int = 1, end: int | None = None) -> HTMLResponse:
    """Lines start..end of the plan's text as the plan page shows them (the fragment htmx swaps in)."""
    view = _plan(request, plan_id)
    text = view.lines()
    end = len(text) if end is None else end
    if not 1 <= start <= end:
        raise HTTPException(422, f"行号范围无效：{start}–{end}")
    return page(request, "_plan_text.html", {
        "plan_id": plan_id, "start": start, "end": min(end, len(text)),
        "lines": numbered_range(text, view.outline(), view.footnotes(), start, end)})


def find_row(view: services.PlanView, row_id: int) -> tuple[m.IndicatorTable, m.IndicatorRow]:
    for t in view.stored_tables():
        for rid, row in zip(t.row_ids, t.table.rows, strict=True):
            if rid == row_id:
                return t.table, row
    raise HTTPException(404, f"规划 {view.id} 中没有编号为 {row_id} 的指标")


def match_evaluation(report: Any, row: m.IndicatorRow) -> Any:
    """The report's entry for this row: same sequence number and name (names alone repeat across categories)."""
    items = list(getattr(report, "indicators", []) or [])
    for i in items:
        if str(i.seq) == str(row.seq or "") and i.name == row.name:
            return i
    return next((i for i in items if i.name == row.name), None)


def chart_data(row: m.IndicatorRow, ev: Any, entered: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Years on the x axis and three series (annual target path, actuals, base/target points) for ECharts."""
    from planscope.catalog.rows import target_cell

    base, target = row.value(m.Role.BASE), target_cell(row)
    path: dict[int, Decimal] = dict(getattr(ev, "annual_targets", {}) or {}) or services.fallback_path(row)
    actuals: dict[int, Decimal] = {int(y): a.value for y, a in (getattr(ev, "actuals", {}) or {}).items()
                                   if a.value is not None}
    for e in entered:
        if e.get("value") is not None and e.get("year") is not None:
            actuals.setdefault(int(e["year"]), Decimal(str(e["value"])))

    def first(cell: m.CellValue | None) -> Decimal | None:
        nums = cell.parsed.numbers() if cell and cell.parsed else []
        return nums[0] if nums else None

    points = {}
    if base and base.year and first(base) is not None:
        points[base.year] = first(base)
    if target and target.year and first(target) is not None:
        points[target.year] = first(target)
    years = sorted({*path, *actuals, *points})
    if len(years) < 2 and not actuals:
        return None

    def series(d: dict[int, Decimal]) -> list[float | None]:
        return [float(d[y]) if y in d else None for y in years]

    return {"years": [str(y) for y in years], "unit": row.unit or "",
            "series": [{"name": "年度目标路径", "data": series(path)},
                       {"name": "实际值", "data": series(actuals)},
                       {"name": "基期/目标值", "data": series(points)}]}


@router.get("/plans/{plan_id}/indicators/{row_id}", response_class=HTMLResponse, name="indicator")
def indicator_page(request: Request, plan_id: int, row_id: int, year: int | None = None) -> HTMLResponse:
    view = _plan(request, plan_id)
    table, row = find_row(view, row_id)
    summary = view.summary()
    db = services.db_of(request)
    year = year or services.default_year(db, plan_id)
    ev, unavailable = None, None
    try:
        ev = match_evaluation(services.evaluation(db, plan_id, year), row)
    except services.Unavailable as e:
        unavailable = str(e)
    entered = [services.as_dict(e) for e in services.entered_actuals(db, plan_id, row_id)]
    data = chart_data(row, ev, entered)
    return page(request, "indicator.html", {
        "plan": summary, "table": table, "row": row, "row_id": row_id, "ev": ev, "year": year,
        "unavailable": unavailable, "entered": entered, "num": num,
        "chart_json": json.dumps(data, ensure_ascii=False) if data else None,
    })
