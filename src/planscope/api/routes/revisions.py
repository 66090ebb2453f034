"""Revisions of a plan's targets and base values, and annual plans' own targets (editor to write).

    POST /api/plans/{plan}/revisions        {"indicator", "role": "target"|"base", "value", "reason", "effective"}
    GET  /api/plans/{plan}/revisions        every revision (document versions included) with its audit entries
    POST /api/plans/{plan}/annual-targets   {"indicator", "year", "value", "source", "note"}
A revision's response lists the child plans' rows of the same indicator with their alignment verdict before and
after (`cascade`). The library calls are planscope.monitor.revisions and planscope.store.entries.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette import status

from planscope.api import schemas as sc
from planscope.api.deps import DB, Editor, PlanId, SessionDep
from planscope.store import entries

router = APIRouter(prefix="/api/plans/{plan}", tags=["revisions"])


class RevisionIn(BaseModel):
    indicator: str | int = Field(description="seq, name, or row:ID of the plan's main table.")
    role: Literal["target", "base"] = "target"
    value: str = Field(min_length=1, max_length=200, description="As printed: 6左右, ≥88, 3.8 …")
    reason: str | None = Field(None, max_length=2000)
    effective: str | None = Field(None, max_length=20, description="Date it takes force (2023-06-01); none: "
                                                                   "from the start.")
    source: str | None = Field(None, max_length=2000)
    year: int | None = Field(None, ge=1949, le=2100, description="Year the value is for [default: the plan's "
                                                                "end year for a target, the base year for a base].")


class AnnualTargetIn(BaseModel):
    indicator: str | int = Field(description="seq, name, or row:ID of the plan's main table.")
    year: int = Field(ge=1949, le=2100)
    value: str = Field(min_length=1, max_length=200, description="The year's own target: 5左右, 9540 …")
    unit: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=2000)
    note: str | None = Field(None, max_length=2000)


def _ok(payload: dict[str, Any], unchanged: bool) -> Any:
    if unchanged:
        from planscope.api.app import UnicodeJSONResponse

        return UnicodeJSONResponse(payload, status_code=200)
    return payload


@router.post("/revisions", response_model=dict[str, Any], status_code=status.HTTP_201_CREATED,
             responses=sc.errors(401, 403, 404, 422))
def revise(plan: PlanId, body: RevisionIn, user: Editor, db: DB) -> Any:
    """Revise a target or base value (editor), with the district rows it flags."""
    from planscope.monitor.revisions import revise as do_revise

    res = do_revise(db, plan, str(body.indicator), body.value, role=body.role, reason=body.reason,
                    effective=body.effective, by=user.name, source=body.source, year=body.year)
    return _ok(res.to_json(), res.status == "unchanged")


@router.get("/revisions", response_model=dict[str, Any], responses=sc.errors(404, 422))
def revisions(plan: PlanId, db: DB, indicator: str | None = Query(None, description="seq, name or row:ID")) -> Any:
    """Every revision of the plan (corrections and document versions included), oldest first, with audit."""
    from planscope.monitor.revisions import history

    return history(db, plan, indicator)


@router.post("/annual-targets", response_model=sc.Entry, status_code=status.HTTP_201_CREATED,
             responses=sc.errors(401, 403, 404, 422))
def annual_target(plan: PlanId, body: AnnualTargetIn, user: Editor, session: SessionDep) -> Any:
    """Enter an annual plan's own target for a year (editor); evaluation re-plans the other years around it."""
    res = entries.set_annual_target(session, plan, body.indicator, body.year, body.value, by=user.name,
                                    unit=body.unit, source=body.source, note=body.note)
    session.commit()
    return _ok(res.to_json(), res.status == "unchanged")
