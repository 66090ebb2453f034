"""Monitoring status of a plan's indicators in a year (computed by planscope.monitor.service)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from planscope.api import schemas as sc
from planscope.api.deps import DB, PlanId
from planscope.api.routes._util import check_year, jsonable, optional

router = APIRouter(prefix="/api/plans/{plan}", tags=["monitoring"])


@router.get("/status", response_model=dict[str, Any], responses=sc.errors(404, 422, 501))
def plan_status(plan: PlanId, db: DB, year: int = Query(..., ge=1949, le=2100,
                                                        description="The year to assess (e.g. 2024).")) -> Any:
    """Each indicator's status in `year` (achieved, on_track, lagging, at_risk, no_data …) with its method."""
    fn = optional("planscope.monitor.service", "plan_status", "monitoring status (planscope.monitor.service)")
    check_year(db, plan, year)
    result = jsonable(fn(db, plan, year))
    return result if isinstance(result, dict) else {"plan_id": plan, "year": year, "indicators": result}
