"""监测 dashboard: one plan in one year — status counts (chart), binding-indicator warnings, progress bars."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from planscope.report.evaluation import STATUS_LABELS
from planscope.web import services
from planscope.web.render import page

router = APIRouter()

STATUS_COLORS = {"achieved": "#2e7d32", "on_track": "#66bb6a", "lagging": "#f9a825", "at_risk": "#e53935",
                 "not_achieved": "#b71c1c", "qualitative": "#7e57c2", "no_data": "#9e9e9e"}


def progress(ev: Any) -> float | None:
    """Share of the way to the target (0–100) as the method computed it, when it computed one."""
    numbers = getattr(ev, "numbers", {}) or {}
    for key in ("progress", "ratio"):
        if numbers.get(key) is not None:
            return max(0.0, min(100.0, float(numbers[key]) * 100))
    return 100.0 if str(getattr(ev, "status", "")) == "achieved" else None


@router.get("/plans/{plan_id}/monitor", response_class=HTMLResponse, name="monitor")
def monitor_page(request: Request, plan_id: int, year: int | None = None) -> HTMLResponse:
    db = services.db_of(request)
    view = services.plan_or_none(db, plan_id)
    if view is None:
        raise HTTPException(404, f"没有编号为 {plan_id} 的规划")
    summary = view.summary()
    year = year or services.default_year(db, plan_id)
    report, unavailable = None, None
    try:
        report = services.evaluation(db, plan_id, year)
    except services.Unavailable as e:
        unavailable = str(e)
    chart = None
    rows = []
    if report is not None:
        counts = dict(report.summary.by_status)
        chart = {"labels": [STATUS_LABELS.get(s, s) for s in counts], "values": list(counts.values()),
                 "colors": [STATUS_COLORS.get(s, "#607d8b") for s in counts]}
        ids = _row_ids(view)
        rows = [{"ev": i, "progress": progress(i), "row_id": ids.get((str(i.seq), i.name))}
                for i in report.indicators]
    years = list(range(summary.period[0], summary.period[1] + 1)) if summary.period else [year]
    return page(request, "monitor.html", {
        "plan": summary, "year": year, "years": years, "report": report, "rows": rows,
        "unavailable": unavailable, "colors": STATUS_COLORS, "labels": STATUS_LABELS,
        "chart_json": json.dumps(chart, ensure_ascii=False) if chart else None,
    })


def _row_ids(view: services.PlanView) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for t in view.stored_tables():
        for rid, row in zip(t.row_ids, t.table.rows, strict=True):
            out.setdefault((str(row.seq or ""), row.name), rid)
    return out
