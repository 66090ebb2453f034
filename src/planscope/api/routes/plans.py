"""Regions, plans, a plan's outline, a section's text, and raw lines."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from planscope.api import schemas as sc
from planscope.api.deps import DB, PlanId

router = APIRouter(prefix="/api", tags=["plans"])


@router.get("/regions", response_model=list[sc.Region])
def regions(db: DB) -> list[dict[str, Any]]:
    """The region hierarchy (广州市 ⊃ 花都区 …) built from the stored documents."""
    return [r.to_json() for r in db.regions()]


@router.get("/plans", response_model=sc.PlanPage, responses=sc.errors(422))
def plans(db: DB, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
          region: str | None = Query(None, description="Only plans of this region (exact name)."),
          kind: str | None = Query(None, description="five_year_plan | annual_plan_report | …"),
          all_documents: bool = Query(False, description="Every stored document, not only plans."),
          versions: bool = Query(False, description="Include superseded versions.")) -> dict[str, Any]:
    items = (db.documents if all_documents else db.plans)(include_old_versions=versions)
    items = [p for p in items if (region is None or p.region == region) and (kind is None or p.kind == kind)]
    return {"total": len(items), "limit": limit, "offset": offset,
            "items": [p.to_json() for p in items[offset:offset + limit]]}


@router.get("/plans/{plan}", response_model=sc.PlanDetail, responses=sc.errors(404))
def plan(plan: PlanId, db: DB) -> dict[str, Any]:
    """One plan: its summary, document metadata, parent and child plans, and reading warnings.
    `{plan}` is an id or a region name (that region's latest five-year plan)."""
    view = db.plan(plan)
    summary = view.summary()
    parent = view.parent()
    children = [p for p in db.plans() if p.parent_plan_id == plan]
    return {"plan": summary.to_json(), "document": view.meta().to_json(),
            "parent": parent.summary().to_json() if parent else None,
            "children": [c.to_json() for c in children], "warnings": view.warnings()}


def _headings(db: Any, plan: int) -> list[dict[str, Any]]:
    view = db.plan(plan)
    return [{**h.to_json(), "id": i, "parent": p, "line": h.span.line_start, "lines": h.span.lines()}
            for i, (h, p) in enumerate(zip(view.outline(), view.outline_parents(), strict=True))]


@router.get("/plans/{plan}/outline", response_model=sc.Outline, responses=sc.errors(404))
def outline(plan: PlanId, db: DB) -> dict[str, Any]:
    """Every heading in order, with its line, level, and parent heading (ids index this list)."""
    return {"plan_id": plan, "outline": _headings(db, plan)}


def _lines(view: Any, start: int, end: int) -> list[dict[str, Any]]:
    original, clean = view.lines(start, end, original=True), view.lines(start, end)
    return [{"line": start + i, "text": o, "clean": c} for i, (o, c) in enumerate(zip(original, clean, strict=True))]


@router.get("/plans/{plan}/sections/{sid}", response_model=sc.SectionText, responses=sc.errors(404, 422))
def section(plan: PlanId, sid: int, db: DB) -> dict[str, Any]:
    """The text of heading `sid` of the outline: from its line to the line before the next heading of the same
    or a higher level, each line as in the file and as cleaned."""
    heads = _headings(db, plan)
    if not 0 <= sid < len(heads):
        raise HTTPException(404, f"plan {plan} has {len(heads)} headings (ids 0–{len(heads) - 1}); no section {sid}")
    view = db.plan(plan)
    h = heads[sid]
    total = len(view.lines(original=True))
    nxt = next((x for x in heads[sid + 1:] if x["level"] <= h["level"]), None)
    end = max(h["lines"][1], (nxt["line"] - 1) if nxt else total)
    return {"plan_id": plan, "id": sid, "heading": h, "line_start": h["line"], "line_end": end,
            "children": [x["id"] for x in heads if x["parent"] == sid], "lines": _lines(view, h["line"], end)}


@router.get("/plans/{plan}/lines", response_model=sc.Lines, responses=sc.errors(404, 422))
def lines(plan: PlanId, db: DB, start: int = Query(1, ge=1), end: int | None = Query(None, ge=1)) -> dict[str, Any]:
    """Lines start..end (1-based, inclusive; at most 2000) of the stored text: to check any number at its source."""
    view = db.plan(plan)
    total = len(view.lines(original=True))
    end = min(end or total, total, start + 1999)
    if start > total:
        raise HTTPException(422, f"plan {plan} has {total} lines; start {start} is past the end")
    if end < start:
        raise HTTPException(422, f"end {end} is before start {start}")
    return {"plan_id": plan, "start": start, "end": end, "lines": _lines(view, start, end)}
