"""City–district alignment between stored plans (planscope.align), rebuilt from the stored text."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from planscope.api import schemas as sc
from planscope.api.deps import DB

router = APIRouter(prefix="/api", tags=["align"])


@router.get("/align", response_model=sc.Alignment, responses=sc.errors(404, 422))
def align(db: DB, parent: str = Query(..., min_length=1, description="Parent plan: id or region name (广州市)."),
          child: list[str] = Query(..., min_length=1, max_length=20, description="Child plans (repeat ?child=)."),
          coverage: bool = Query(False, description="Also compute section coverage (slower).")) -> dict[str, Any]:
    """Indicators of the parent's main table side by side with each child's, and tasks the parent assigns to
    each child matched to the child's text."""
    from planscope.align.stored import align_plans, is_path

    if parent in child:
        raise HTTPException(422, "a plan cannot be aligned with itself")
    if any(is_path(r) for r in [parent, *child]):  # the API serves stored plans only, never server files
        raise HTTPException(422, "parent and child are plan ids or region names, not file paths")
    result = align_plans(db, parent, child, with_coverage=coverage)
    out = result.to_json()
    out["plan_ids"] = {"parent": db.plan(parent).id, "children": [db.plan(c).id for c in child]}
    return out
