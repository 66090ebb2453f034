"""A plan's indicator tables and targets (printed, in prose, and revised by people)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query
from starlette import status

from planscope.api import schemas as sc
from planscope.api.deps import DB, Editor, PlanId, SessionDep
from planscope.store import entries

router = APIRouter(prefix="/api/plans/{plan}", tags=["indicators"])


def _table_json(st: Any, index: int) -> dict[str, Any]:
    out = st.table.to_json()
    out["rows"] = [{**r, "id": rid} for r, rid in zip(out["rows"], st.row_ids, strict=True)]
    out.update(index=index, kind=st.table.kind, line_start=st.table.span.line_start,
               line_end=st.table.span.line_end)
    return out


def _main_index(tables: list[Any]) -> int | None:
    return next((i for i, t in enumerate(tables) if t.table.kind == "main"), 0 if tables else None)


@router.get("/indicators", response_model=sc.Indicators, responses=sc.errors(404, 422))
def indicators(plan: PlanId, db: DB, table: int | None = Query(None, ge=1, description="1-based table index "
                                                                                       "[default: the main table]")
               ) -> dict[str, Any]:
    """The plan's main indicator table (or table `table`), every row with its id, values and source lines.
    `table` is null when the document has none (its warnings say why)."""
    view = db.plan(plan)
    tables = view.stored_tables()
    index = table - 1 if table is not None else _main_index(tables)
    if index is not None and not 0 <= index < len(tables):
        raise HTTPException(404, f"plan {plan} has {len(tables)} indicator table(s); no table {table}")
    return {"plan_id": plan, "table": _table_json(tables[index], index + 1) if index is not None else None,
            "tables": [{"index": i + 1, "title": t.table.title, "kind": t.table.kind, "rows": len(t.row_ids)}
                       for i, t in enumerate(tables)],
            "warnings": view.warnings()}


@router.get("/targets", response_model=sc.Targets, responses=sc.errors(404))
def targets(plan: PlanId, db: DB, session: SessionDep) -> dict[str, Any]:
    """Targets three ways: the target cells of the main table, quantified targets in the prose, and revisions
    entered since (current ones; a row's `revisions` are its own)."""
    view = db.plan(plan)
    tables = view.stored_tables()
    revisions = entries.target_revisions(session, plan)
    rows = []
    index = _main_index(tables)
    if index is not None:
        st = tables[index]
        for rid, r in zip(st.row_ids, st.table.rows, strict=True):
            rows.append({"row_id": rid, "seq": r.seq, "name": r.name, "unit": r.unit, "attribute": r.attribute,
                         "targets": [v.to_json() for v in r.values if str(v.role) == "target"],
                         "revisions": [x for x in revisions if x["row_id"] == rid]})
    prose = [{**f.to_json(), "line": f.span.line_start} for f in view.targets()]
    return {"plan_id": plan, "table": rows, "prose": prose, "revisions": revisions}


@router.post("/targets", response_model=sc.Entry, status_code=status.HTTP_201_CREATED,
             responses=sc.errors(401, 403, 404, 422))
def revise_target(plan: PlanId, body: sc.TargetIn, user: Editor, session: SessionDep) -> Any:
    """Record a revised target (editor). The printed target stays; the revision supersedes earlier ones."""
    res = entries.revise_target(session, plan, body.indicator, body.year, body.target, by=user.name, unit=body.unit,
                                source=body.source, note=body.note)
    session.commit()
    if res.status == "unchanged":
        from planscope.api.app import UnicodeJSONResponse

        return UnicodeJSONResponse(res.to_json(), status_code=200)
    return res.to_json()
