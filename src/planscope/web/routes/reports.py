"""报告: download links for a plan's evaluation report in each format, served by the API's report endpoint."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from planscope.web import services
from planscope.web.render import page

router = APIRouter()
FORMATS = (("html", "网页 HTML"), ("pdf", "PDF"), ("xlsx", "Excel XLSX"), ("json", "JSON 数据"))


def report_url(plan_id: int, year: int, fmt: str) -> str:
    return f"/api/plans/{plan_id}/report?year={year}&format={fmt}"


@router.get("/plans/{plan_id}/reports", response_class=HTMLResponse, name="reports")
def reports_page(request: Request, plan_id: int, year: int | None = None) -> HTMLResponse:
    view = services.plan_or_none(services.db_of(request), plan_id)
    if view is None:
        raise HTTPException(404, f"没有编号为 {plan_id} 的规划")
    summary = view.summary()
    year = year or services.default_year(services.db_of(request), plan_id)
    years = list(range(summary.period[0], summary.period[1] + 1)) if summary.period else [year]
    has_api = any(getattr(r, "path", "") == "/api/plans/{plan_id}/report" for r in request.app.routes)
    links = [(label, report_url(plan_id, year, fmt)) for fmt, label in FORMATS]
    return page(request, "reports.html", {"plan": summary, "year": year, "years": years, "links": links,
                                          "has_api": has_api})
