"""The layers the pages call, in one place: store (planscope.open), search, monitor, align, report, auth, entries.

Modules that other engineers are still writing are imported lazily and guarded: when one is missing the page says
"尚未提供" instead of failing. Pages never run SQL; everything goes through these Python APIs.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from types import ModuleType
from typing import Any

from fastapi import FastAPI, Request

import planscope
from planscope.store import Database, NotFound, PlanView

NOT_PROVIDED = "尚未提供"


class Unavailable(RuntimeError):
    """A layer the page needs is not installed yet (str(e) names it)."""


def optional(module: str) -> ModuleType | None:
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def need(module: str, attr: str) -> Any:
    mod = optional(module)
    if mod is None or not hasattr(mod, attr):
        raise Unavailable(f"{module}.{attr} {NOT_PROVIDED}")
    return getattr(mod, attr)


def database(app: FastAPI) -> Database:
    """The app's store: `app.state.db` when the API set one, else one opened from `app.state.db_url` (or
    PLANSCOPE_DB) once and kept."""
    db = getattr(app.state, "db", None)
    if isinstance(db, Database):
        return db
    db = planscope.open(getattr(app.state, "db_url", None))
    app.state.db = db
    return db


def db_of(request: Request) -> Database:
    return database(request.app)


def plan_or_none(db: Database, ref: str | int) -> PlanView | None:
    try:
        view = db.plan(ref)
        view.summary()
        return view
    except NotFound:
        return None


# --- users -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WebUser:
    name: str
    role: str  # viewer | editor | admin

    @property
    def can_edit(self) -> bool:
        return self.role in ("editor", "admin")


def user_for_token(db: Database, token: str) -> WebUser | None:
    """The user an API token belongs to (store/auth.py), or None for an unknown, revoked or inactive token."""
    authenticate = need("planscope.store.auth", "authenticate")
    with db.session() as s:
        user = authenticate(s, token)
        s.commit()  # authenticate notes the token's last use
    if user is None:
        return None
    return WebUser(user.name, user.role)


# --- monitoring ----------------------------------------------------------------------------------------------------
def evaluation(db: Database, plan_id: int, year: int) -> Any:
    """The plan's evaluation for `year` as planscope.report.EvaluationReport (monitor/service.py), remembered until
    the store changes (monitor/cache.py): pages only read it."""
    build = need("planscope.monitor.service", "build_evaluation")
    cached = getattr(optional("planscope.monitor.cache"), "cached_evaluation", None)
    return cached(db, plan_id, year, build=build) if cached else build(db, plan_id, year)


def default_year(db: Database, plan_id: int) -> int:
    """The year a page opens on: the one the CLI evaluates too (monitor.service.default_year, the latest year with
    data in the plan's period, else its first year)."""
    return int(need("planscope.monitor.service", "default_year")(db, plan_id))


def fallback_path(row: Any) -> dict[int, Decimal]:
    """Annual target path of a row straight from monitor.decompose (used when the evaluation lacks one)."""
    from planscope.monitor import decompose, specs_from_row

    try:
        specs = specs_from_row(row)
    except Exception:  # an odd row must not break the page
        return {}
    if not specs:
        return {}
    try:
        return decompose(specs[0]).by_year()
    except Exception:
        return {}


# --- entries ------------------------------------------------------------------------------------------------------
def add_actual(db: Database, *, plan_id: int, row_id: int, year: int, value: Decimal, user: WebUser,
               note: str | None) -> Any:
    """Record an actual value a person entered (store/entries.py keeps the audit trail); one transaction."""
    add = need("planscope.store.entries", "add_observation")
    with db.session() as s:
        result = add(s, plan_id, row_id, year, str(value), by=user.name, note=note)
        s.commit()
    return result


def entered_actuals(db: Database, plan_id: int, row_id: int | None = None) -> list[dict[str, Any]]:
    """Current values people entered for a plan (or one of its rows); [] when data entry is not installed."""
    lister = getattr(optional("planscope.store.entries"), "entered_observations", None)
    if lister is None:
        return []
    with db.session() as s:
        found = lister(s, plan_id)
    return [o for o in found if row_id is None or o.get("row_id") == row_id]


def record_upload(db: Database, user: WebUser, document_id: int | None, name: str, status: str, size: int) -> None:
    record = getattr(optional("planscope.store.entries"), "record_upload", None)
    if record is None:
        return
    with db.session() as s:
        record(s, user.name, document_id, name, name, status, size)
        s.commit()


# --- search and alignment ---------------------------------------------------------------------------------------------
def search(db: Database, q: str, **filters: Any) -> list[dict[str, Any]]:
    """Full-text hits as dicts (planscope.search.fulltext.SearchHit.to_json())."""
    run = need("planscope.search.fulltext", "search")
    return [as_dict(h) for h in run(db, q, **filters)]


@lru_cache(maxsize=16)
def _alignment(url: str, parent_id: int, child_id: int) -> Any:
    from planscope.align import align_plans

    db = planscope.open(url, migrate=False)
    try:  # the stored extraction is what every other page shows, so alignment reuses it instead of re-parsing
        return align_plans(db, parent_id, [child_id], with_coverage=False)
    finally:
        db.close()


def alignment(db: Database, parent_id: int, child_id: int) -> Any:
    """City–district alignment of two stored plans (planscope.align), cached per pair: it takes seconds."""
    return _alignment(db.url, parent_id, child_id)


def as_dict(obj: Any) -> dict[str, Any]:
    """A row from another layer as a plain dict (to_json() when it has one)."""
    if isinstance(obj, dict):
        return obj
    if hasattr(obj, "to_json"):
        return obj.to_json()
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}
