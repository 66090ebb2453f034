"""City–district alignment between stored plans (planscope.align), rebuilt from the stored text."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query

from planscope.api import schemas as sc
from planscope.api.deps import DB
from planscope.store import NotFound

router = APIRouter(prefix="/api", tags=["align"])


def stored_source(db: Any, ref: str) -> Any:
    """The SourceText of a stored plan, rebuilt from its original lines (so it is exactly what was parsed)."""
    from planscope.ingest import build_source
    from planscope.store import schema as s

    view = db.plan(ref)
    with db.session() as session:
        doc = session.get(s.Document, view.id)
        text = session.get(s.DocumentText, view.id)
        if doc is None or text is None:
            raise NotFound(f"no text stored for plan {view.id}")
        return build_source(doc.file_name, doc.format, text.original.split("\n"), encoding=doc.encoding,
                            rendering=text.rendering)


@router.get("/align", response_model=sc.Alignment, responses=sc.errors(404, 422))
def align(db: DB, parent: str = Query(..., min_length=1, description="Parent plan: id or region name (广州市)."),
          child: list[str] = Query(..., min_length=1, max_length=20, description="Child plans (repeat ?child=)."),
          coverage: bool = Query(False, description="Also compute section coverage (slower).")) -> dict[str, Any]:
    """Indicators of the parent's main table side by side with each child's, and tasks the parent assigns to
    each child matched to the child's text."""
    from planscope.align import align_sources

    if parent in child:
        raise HTTPException(422, "a plan cannot be aligned with itself")
    result = align_sources(stored_source(db, parent), [stored_source(db, c) for c in child],
                           with_coverage=coverage)
    out = result.to_json()
    out["plan_ids"] = {"parent": db.plan(parent).id, "children": [db.plan(c).id for c in child]}
    return out
