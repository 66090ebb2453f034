"""Observations: figures read from documents and values entered by people, each with its provenance; entering,
correcting and importing values (editor), and their full history."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Header, Query, Request, UploadFile
from starlette import status

from planscope.api import schemas as sc
from planscope.api.deps import DB, Editor, PlanId, SessionDep
from planscope.api.routes._upload import check_length, safe_name, save_upload
from planscope.monitor import entry_guard
from planscope.store import entries

router = APIRouter(prefix="/api", tags=["observations"])

REPORT_KINDS = ("annual_plan_report", "statistical_bulletin", "work_report", "evaluation")


def _overlaps(a: Any, b: Any) -> bool:
    return a is None or b is None or (a[0] <= b[1] and b[0] <= a[1])


def _related_documents(db: Any, plan: int) -> list[Any]:
    """The plan itself, then reports of the same region whose years overlap the plan's (execution reports,
    bulletins): where a plan's actual values are published."""
    docs = db.documents()
    me = next((d for d in docs if d.id == plan), None) or db.plan(plan).summary()
    others = [d for d in docs if d.id != plan and d.kind in REPORT_KINDS and d.region is not None
              and d.region == me.region and _overlaps(me.period, d.period)]
    return [me, *others]


@router.get("/plans/{plan}/observations", response_model=sc.Observations, responses=sc.errors(404, 422))
def observations(plan: PlanId, db: DB, session: SessionDep, year: int | None = Query(None, ge=1949, le=2100),
                 related: bool = Query(True, description="Also read reports of the same region and period.")
                 ) -> dict[str, Any]:
    docs = _related_documents(db, plan) if related else [db.plan(plan).summary()]
    out: list[dict[str, Any]] = []
    for d in docs:
        for f in db.plan(d.id).observations():
            if year is not None and f.year != year:
                continue
            j = f.to_json()
            out.append({"origin": "document", "indicator": f.indicator, "row_id": None, "year": f.year,
                        "value": j.get("value"), "raw": f.raw, "unit": f.unit,
                        "provenance": {"document_id": d.id, "file_name": d.file_name, "title": d.title,
                                       "kind": d.kind, "line": f.span.line_start, "lines": f.span.lines(),
                                       "sentence": f.sentence, "measure": j.get("measure")}})
    for e in entries.entered_observations(session, plan, year=year):
        out.append({"origin": "entry", "indicator": e["indicator"], "row_id": e["row_id"], "year": e["year"],
                    "value": entries.value_number(e["value"]), "raw": e["raw"], "unit": e["unit"],
                    "provenance": {"entry_id": e["id"], "entered_by": e["entered_by"], "entered_at": e["entered_at"],
                                   "source": e["source"], "note": e["note"], "origin": e["origin"],
                                   "batch": e["batch"], "supersedes_id": e["supersedes_id"]}})
    return {"plan_id": plan, "documents": [d.to_json() for d in docs], "observations": out}


@router.get("/plans/{plan}/observations/history", response_model=sc.History, responses=sc.errors(404, 422))
def history(plan: PlanId, session: SessionDep, indicator: str | None = Query(None, description="seq, name or "
                                                                                                "row:ID")
            ) -> dict[str, Any]:
    """Every value ever entered (corrections included, oldest first), each with its audit entries."""
    return entries.observation_history(session, plan, indicator)


def _created_or_ok(res: entries.EntryResult) -> Any:
    from planscope.api.app import UnicodeJSONResponse

    if res.status == "unchanged":
        return UnicodeJSONResponse(res.to_json(), status_code=200)
    return res.to_json()


@router.post("/observations", response_model=sc.ObservationEntry, status_code=status.HTTP_201_CREATED,
             responses={**sc.errors(401, 403, 404, 422), 200: {"model": sc.ObservationEntry,
                                                              "description": "The same value was already stored."}})
def add_observation(body: sc.ObservationIn, user: Editor, session: SessionDep) -> Any:
    """Enter an actual value (editor). A different value for the same plan, indicator and year is a correction:
    a new record superseding the old one. The response holds the stored record and its audit entry."""
    res, _ = entry_guard.add_observation(session, body.plan_id, body.indicator, body.year, body.value, by=user.name,
                                         unit=body.unit, source=body.source, note=body.note, origin="api",
                                         allow_unlinked=body.allow_unlinked)
    session.commit()
    return _created_or_ok(res)


@router.post("/plans/{plan}/observations/import", response_model=sc.ImportResult,
             status_code=status.HTTP_201_CREATED, responses=sc.errors(401, 403, 404, 413, 415, 422))
async def import_observations(plan: PlanId, request: Request, user: Editor, session: SessionDep,
                              file: Annotated[UploadFile, File(description="CSV or XLSX: indicator, year, value, "
                                                                           "unit, source, note")],
                              content_length: Annotated[str | None, Header()] = None,
                              allow_unlinked: bool = Query(False, description="Store rows whose indicator matches "
                                                           "no indicator of the plan under the name as written "
                                                           "(default: 422 listing them with the nearest names).")
                              ) -> dict[str, Any]:
    """Import observations from a CSV or XLSX file (editor). All rows are checked first; one bad row stores none.
    A row whose indicator name is no indicator of the plan is a bad row unless allow_unlinked=true."""
    limit = request.app.state.max_upload_bytes
    check_length(content_length, limit)
    name, suffix = safe_name(file.filename, entries.IMPORT_SUFFIXES)
    with tempfile.TemporaryDirectory() as tmp:
        saved, _ = await save_upload(file, Path(tmp), suffix, limit)
        named = saved.with_name(name)  # the batch is recorded under the client's plain name
        saved.rename(named)
        guarded = entry_guard.import_observations(session, plan, named, by=user.name, allow_unlinked=allow_unlinked)
    session.commit()
    return guarded.to_json()
