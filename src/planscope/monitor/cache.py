"""Caches that make monitoring cheap to ask for again: catalogue matches remembered by name, and whole evaluation
reports remembered per (open store, plan, year, kind, data version).

An evaluation reads the plan, every other document of its region, the values people entered and the target
revisions; every write to those appends rows (documents, entered_observations, target_revisions, regions: the
store never edits them in place, a correction or a new version is a new row), so the row counts and largest ids
of those tables name the store's state: any write changes the version and the next request recomputes.
The caches are per process and bounded (LRU), so a multi-worker server stays correct and small.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from planscope.catalog import Catalogue

if TYPE_CHECKING:
    from planscope.report.evaluation import EvaluationReport
    from planscope.store.api import Database

V = TypeVar("V")

# Tables whose rows an evaluation depends on and that only ever grow (see the module docstring).
VERSION_TABLES = ("documents", "regions", "entered_observations", "target_revisions")


class LRU(Generic[V]):
    """A small thread-safe least-recently-used map (FastAPI runs sync pages on a thread pool)."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
            return None

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


# ----------------------------------------------------------------------------------------------- catalogue matches
class MemoCatalogue:
    """A Catalogue whose match() remembers its answers (MatchResult is frozen, the matcher deterministic): a
    region's reports name the same indicators over and over, and fuzzy matching one name costs milliseconds.
    Everything else is the wrapped catalogue's."""

    def __init__(self, catalogue: Catalogue, maxsize: int = 50_000) -> None:
        self.catalogue = catalogue
        self._memo: LRU[Any] = LRU(maxsize)

    def match(self, name: str, **kw: Any) -> Any:
        key = (name, *sorted(kw.items()))
        found = self._memo.get(key)
        if found is None:
            found = self.catalogue.match(name, **kw)
            self._memo.put(key, found)
        return found

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.catalogue, attr)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.catalogue)

    def __len__(self) -> int:
        return len(self.catalogue)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self.catalogue

    def __getitem__(self, indicator_id: str) -> Any:
        return self.catalogue[indicator_id]


_MEMOS: LRU[MemoCatalogue] = LRU(8)  # a few catalogues (the shipped one, a user's): memos do not pile up
_MEMOS_LOCK = threading.Lock()


def memo_catalogue(catalogue: Catalogue | None = None) -> Catalogue:
    """The catalogue (default: the shipped one) with its matches remembered; one memo per catalogue object."""
    from planscope.catalog import load_catalogue

    cat = catalogue if catalogue is not None else load_catalogue()
    if isinstance(cat, MemoCatalogue):
        return cat  # type: ignore[return-value]
    with _MEMOS_LOCK:
        memo = _MEMOS.get(id(cat))
        if memo is None or memo.catalogue is not cat:
            memo = MemoCatalogue(cat)
            _MEMOS.put(id(cat), memo)
    return memo  # type: ignore[return-value]  # duck-typed: every Catalogue method is forwarded


# ----------------------------------------------------------------------------------------------- data version
def data_version(db: Database) -> tuple[int, ...]:
    """(count, max id) of each of VERSION_TABLES the store has: changes with every write an evaluation sees."""
    parts = ", ".join(f"(SELECT COUNT(*) FROM {t}), (SELECT COALESCE(MAX(id), 0) FROM {t})"
                      for t in _tables(db))
    with db.engine.connect() as conn:
        return tuple(int(x) for x in conn.execute(text(f"SELECT {parts}")).one())


_TOKENS: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
_TABLES: dict[int, tuple[str, ...]] = {}
_NEXT = itertools.count(1)


def store_token(db: Database) -> int:
    """A number for this open store (its engine), never reused in the process: two stores at one URL (two
    in-memory SQLite stores, a file deleted and made again) never share cache entries."""
    with _MEMOS_LOCK:
        token = _TOKENS.get(db.engine)
        if token is None:
            token = _TOKENS[db.engine] = next(_NEXT)
    return token


def _tables(db: Database) -> tuple[str, ...]:
    # Which of the tables exist is fixed once a store is migrated (it is, on open): look once per open store.
    token = store_token(db)
    if token not in _TABLES:
        from sqlalchemy import inspect

        names = set(inspect(db.engine).get_table_names())
        _TABLES[token] = tuple(t for t in VERSION_TABLES if t in names)
    return _TABLES[token]


# ----------------------------------------------------------------------------------------------- evaluations
EVALUATIONS: LRU[Any] = LRU(64)


def cached_evaluation(db: Database, plan_id: int | str, year: int, kind: str | None = None, *,
                      build: Callable[..., EvaluationReport] | None = None) -> EvaluationReport:
    """monitor.service.build_evaluation(db, plan_id, year, kind), remembered until the store changes. The report
    is shared between callers: read it, do not change it."""
    if build is None:
        from planscope.monitor.service import build_evaluation as build
    try:
        version = data_version(db)
    except DBAPIError:  # a store we cannot version: never cache
        return build(db, plan_id, year, kind)
    key = (store_token(db), str(plan_id), year, kind, version)
    found = EVALUATIONS.get(key)
    if found is None:
        # The key is taken before building: a write that lands meanwhile gives a new version, not a stale hit.
        found = build(db, plan_id, year, kind)
        EVALUATIONS.put(key, found)
    return found


# ----------------------------------------------------------------------------------------------- other documents
DOCUMENT_FACTS: LRU[Any] = LRU(512)


def document_facts(db: Database) -> Callable[[int], tuple[list[Any], list[Any]]]:
    """A reader of (figures, indicator tables) by document id, remembered until the store changes: every
    evaluation of a plan reads all the other documents of its region, and a page that evaluates two years reads
    them twice. A stored document's facts never change (a new version is a new document); the version, read once
    per reader, only guards reused ids. What it returns is shared between callers: read it, do not change it."""
    try:
        version: tuple[int, ...] | None = data_version(db)
    except DBAPIError:  # a store we cannot version: never cache
        version = None
    token = store_token(db)

    def read(doc_id: int) -> tuple[list[Any], list[Any]]:
        key = (token, doc_id, version)
        found = DOCUMENT_FACTS.get(key) if version is not None else None
        if found is None:
            view = db.plan(doc_id)
            found = view.figures(), view.indicator_tables()
            if version is not None:
                DOCUMENT_FACTS.put(key, found)
        return found

    return read


# ----------------------------------------------------------------------------------------------- version revisions
_SYNCED: LRU[tuple[int, ...]] = LRU(1024)


def sync_revisions_once(db: Database, plan: Any) -> list[dict[str, Any]]:
    """monitor.revisions.sync_version_revisions, skipped when the store has not changed since it last found
    nothing to record for this plan (it is idempotent, and walking a long chain of versions costs most of an
    evaluation). Only a sync that wrote nothing marks the plan done, under the version read before it ran, so
    a write that lands meanwhile is synced next time."""
    from planscope.monitor.revisions import sync_version_revisions

    try:
        before = data_version(db)
    except DBAPIError:
        return sync_version_revisions(db, plan)
    key = (store_token(db), plan.id)
    if _SYNCED.get(key) == before:
        return []
    made = sync_version_revisions(db, plan)
    if not made:
        _SYNCED.put(key, before)
    return made
