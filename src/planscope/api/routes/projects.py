"""Major-projects register: a plan's projects as a tree (totals, checks, status), one project with the plan's
promise and every later report's mention, and the status an editor sets by hand (audited)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from planscope.api.deps import DB, Editor, PlanId
from planscope.monitor.projects import MANUAL, ProjectRegister, split_uid

router = APIRouter(prefix="/api", tags=["projects"])


class StatusIn(BaseModel):
    status: str = Field(description=f"one of {', '.join(MANUAL)}")
    note: str | None = Field(None, max_length=2000)


@router.get("/plans/{plan}/projects")
def plan_projects(plan: PlanId, db: DB, mentions: bool = Query(False, description="Include every report "
                                                                                 "mention of each project.")
                  ) -> dict[str, Any]:
    return ProjectRegister(db).view(plan).to_json(mentions=mentions)


@router.get("/projects/{pid}")
def project(pid: str, db: DB) -> dict[str, Any]:
    """`pid` is PLAN:KEY as the tree gives it (`uid`), e.g. 1:b8.2."""
    plan, key = split_uid(pid)
    reg = ProjectRegister(db)
    view = reg.view(plan)
    e = view.entry(key)
    lines = db.plan(view.plan_id).lines(*e.project.span.lines(), original=True)
    return {"plan": view.to_json()["plan"], "reports": view.reports, "project": e.to_json(),
            "promise": {"lines": e.project.span.lines(), "text": lines},
            "history": reg.history(view.plan_id, e.key)}


@router.post("/projects/{pid}/status")
def set_status(pid: str, body: StatusIn, db: DB, user: Editor) -> dict[str, Any]:
    plan, key = split_uid(pid)
    e = ProjectRegister(db).set_status(plan, key, body.status, by=user.name, note=body.note)
    return e.to_json(mentions=False)
