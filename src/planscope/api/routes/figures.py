"""Quantities stated in a plan's prose: the targets it sets and the observations it reports."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query

from planscope.api import schemas as sc
from planscope.api.deps import DB, PlanId

router = APIRouter(prefix="/api/plans/{plan}", tags=["figures"])


@router.get("/figures", response_model=sc.Figures, responses=sc.errors(404, 422))
def figures(plan: PlanId, db: DB, kind: Literal["target", "observation"] | None = Query(None)) -> dict[str, Any]:
    figs = db.plan(plan).figures(kind)
    out = [{**f.to_json(), "line": f.span.line_start, "lines": f.span.lines()} for f in figs]
    return {"plan_id": plan, "targets": [f for f, g in zip(out, figs, strict=True) if g.kind == "target"],
            "observations": [f for f, g in zip(out, figs, strict=True) if g.kind == "observation"]}
