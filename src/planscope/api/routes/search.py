"""Full-text search over every stored document (planscope.search.fulltext)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from planscope.api import schemas as sc
from planscope.api.deps import DB
from planscope.api.routes._util import call_with, jsonable, optional

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=sc.SearchResults, responses=sc.errors(422, 501))
def search(db: DB, q: str = Query(..., min_length=1, max_length=200, description="Words or a phrase."),
           limit: int = Query(20, ge=1, le=200), plan: int | None = Query(None, description="Only this plan.")
           ) -> dict[str, Any]:
    query = q.strip()
    if not query:
        from fastapi import HTTPException

        raise HTTPException(422, "query parameter q is blank")
    fn = optional("planscope.search.fulltext", "search", "full-text search (planscope.search.fulltext)")
    found = jsonable(call_with(fn, db, query, limit=limit, plan_id=plan))
    if isinstance(found, dict):
        found = found.get("results", [])
    return {"query": query, "results": list(found)[:limit]}
