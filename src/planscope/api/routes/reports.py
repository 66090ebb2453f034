"""Evaluation reports of a plan for a year (builder: planscope.monitor.service; renderers: planscope.report)."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, HTMLResponse
from starlette.background import BackgroundTask

from planscope.api import schemas as sc
from planscope.api.app import CSP, UnicodeJSONResponse
from planscope.api.deps import DB, PlanId
from planscope.api.routes._util import check_year, optional

router = APIRouter(prefix="/api/plans/{plan}", tags=["reports"])

MEDIA = {"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# The report page carries its stylesheet inline (one file that also prints to PDF): allow inline styles there only.
REPORT_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


@router.get("/report", responses={**sc.errors(404, 422, 501),
                                  200: {"description": "The report as JSON, HTML, PDF or XLSX.",
                                        "content": {"application/json": {}, "text/html": {}, MEDIA["pdf"]: {},
                                                    MEDIA["xlsx"]: {}}}})
def report(plan: PlanId, db: DB, year: int = Query(..., ge=1949, le=2100),
           format: Literal["json", "html", "pdf", "xlsx"] = Query("json")) -> Any:
    """The evaluation report (年度监测 / 中期评估 / 终期评估) of the plan in `year`."""
    build = optional("planscope.monitor.service", "build_evaluation", "evaluation reports (planscope.monitor.service)")
    render = optional("planscope.report", "render", "report rendering (planscope.report)")
    check_year(db, plan, year)
    evaluation = build(db, plan, year)
    tmp = Path(tempfile.mkdtemp(prefix="planscope-report-"))
    cleanup = BackgroundTask(shutil.rmtree, tmp, ignore_errors=True)
    path = Path(render(evaluation, format, tmp / f"plan{plan}_{year}.{format}"))
    if format == "json":
        content = json.loads(path.read_text(encoding="utf-8"))
        shutil.rmtree(tmp, ignore_errors=True)
        return UnicodeJSONResponse(content)
    if format == "html":
        html = path.read_text(encoding="utf-8")
        shutil.rmtree(tmp, ignore_errors=True)
        return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_CSP})
    return FileResponse(path, media_type=MEDIA[format], filename=f"plan{plan}_{year}.{format}", background=cleanup)
