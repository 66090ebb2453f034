"""Values people enter must land on an indicator of the plan, or be stored unlinked on purpose.

store.entries keeps a value whose indicator name matches no row of the plan under that name, unlinked (row_id
null), so that a plan whose table was lost can still be monitored. A planning office entering the year's values
wants to hear about a typo (研发经费投入强度 for 研究与试验发展经费投入强度) before it is stored where no status will
ever use it. The CLI (`observe add|import`) and the API call these wrappers:

    add_observation(s, "岚州市", "研发投入", 2024, "2.2", by="wang")     # UnlinkedIndicators, with suggestions
    add_observation(s, ..., allow_unlinked=True)                          # stored unlinked, as before

- A name the catalogue reads as the same concept as exactly one row (R&D经费投入强度 → 研究与试验发展经费投入强度)
  is entered against that row (row:ID: its unit checked and converted like any linked value) and reported as
  matched through the catalogue.
- Any other unmatched name is refused (all rows of an import are checked first, each reported with its row
  number and the nearest indicator names of the plan), unless `allow_unlinked`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from planscope.catalog import load_catalogue, normalize_name, similarity
from planscope.catalog.match import bigrams
from planscope.model import IndicatorRow
from planscope.store import entries, queries

SUGGESTIONS = 3
MIN_SIMILARITY = 0.2  # below this a "nearest" name is noise, not a suggestion


@dataclass(frozen=True)
class Candidate:
    row_id: int
    seq: str | None
    name: str
    canonical: str | None

    def label(self) -> str:
        return f"{self.seq} {self.name}" if self.seq else self.name


@dataclass
class Unmatched:
    """An indicator name (as typed) that is no row of the plan, with the nearest names of the plan's rows."""

    name: str
    line: int | None  # row number in the import file (as a spreadsheet shows it); None for a single entry
    suggestions: list[str] = field(default_factory=list)

    def message(self) -> str:
        near = f"; nearest: {'、'.join(self.suggestions)}" if self.suggestions else ""
        return f"{self.name!r} matches no indicator of the plan{near}"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "line": self.line, "suggestions": self.suggestions}


@dataclass
class CatalogueLink:
    """A name linked to a row through the catalogue (same canonical indicator), not by its printed name."""

    name: str
    line: int | None
    row: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "line": self.line, "row": self.row}


class UnlinkedIndicators(entries.EntryError):
    """Names that match no indicator of the plan; nothing was stored. `unmatched` lists them with suggestions."""

    def __init__(self, plan_id: int, unmatched: list[Unmatched]) -> None:
        self.plan_id = plan_id
        self.unmatched = unmatched
        where = "; ".join((f"row {u.line}: " if u.line else "") + u.message() for u in unmatched[:5])
        more = f" (and {len(unmatched) - 5} more)" if len(unmatched) > 5 else ""
        n = len(unmatched)
        super().__init__(f"nothing stored: {n} indicator name{'s' if n > 1 else ''} not in plan {plan_id}: "
                         f"{where}{more}. Use a seq, a name from the plan's table or row:ID; or allow unlinked "
                         "values (--allow-unlinked, allow_unlinked=true) to store them under the name as typed")

    def to_json(self) -> dict[str, Any]:
        return {"detail": str(self), "plan_id": self.plan_id, "unmatched": [u.to_json() for u in self.unmatched]}


def candidates(session: Session, plan_id: int) -> list[Candidate]:
    """Every row of the plan's indicator tables, main table first."""
    tables = sorted(queries.indicator_tables(session, plan_id), key=lambda t: t.table.kind != "main")
    return [Candidate(rid, r.seq, r.name, r.canonical or _row_catalogue_id(r)) for t in tables
            for rid, r in zip(t.row_ids, t.table.rows, strict=True)]


def _row_catalogue_id(row: IndicatorRow) -> str | None:
    try:
        return load_catalogue().match(row.name, parent=row.parent_name, unit=row.unit).id
    except Exception:  # the catalogue is a help here, never a reason to refuse
        return None


def _catalogue_id(name: str) -> str | None:
    try:
        return load_catalogue().match(name).id
    except Exception:  # the catalogue is a help here, never a reason to refuse
        return None


def closeness(typed: str, name: str) -> float:
    """How close a typed name is to a row's name: bigram Jaccard of the normalised names, or the share of the typed
    name's bigrams found in the row's name when higher (a short name typed for a long official one: 托育位数量 for
    每千人口拥有3岁以下婴幼儿托位数)."""
    a, b = normalize_name(typed)[0], normalize_name(name)[0]
    x, y = bigrams(a), bigrams(b)
    return max(similarity(a, b), len(x & y) / len(x) if x else 0.0)


def nearest(name: str, pool: list[Candidate], k: int = SUGGESTIONS) -> list[Candidate]:
    """The rows whose names are closest to `name` (closeness ≥ MIN_SIMILARITY), best first."""
    scored = [(closeness(name, c.name), i, c) for i, c in enumerate(pool)]
    best = sorted((t for t in scored if t[0] >= MIN_SIMILARITY), key=lambda t: (-t[0], t[1]))
    out: list[Candidate] = []
    for _, _, c in best:
        if c.label() not in {o.label() for o in out}:
            out.append(c)
    return out[:k]


@dataclass
class Resolution:
    ref: str | int  # what to hand to store.entries (row:ID for a name linked through the catalogue)
    unmatched: Unmatched | None = None
    via_catalogue: CatalogueLink | None = None


def resolve(session: Session, plan_id: int, ref: Any, line: int | None = None,
            pool: list[Candidate] | None = None) -> Resolution:
    """How an entered indicator reference lands: on a row, on a row through the catalogue, or nowhere.
    References store.entries refuses itself (unknown seq, ambiguous name, empty) are passed through for it to
    report."""
    text = str(ref if ref is not None else "").strip()
    if not text or isinstance(ref, int) or re.fullmatch(r"(?:row:|#)?\d+", text):
        return Resolution(ref)
    try:
        ind = entries.resolve_indicator(session, plan_id, text)
    except entries.EntryError:
        return Resolution(ref)
    if ind.row_id is not None:
        return Resolution(ref)
    rows = pool if pool is not None else candidates(session, plan_id)
    cid = _catalogue_id(text)
    same = [c for c in rows if cid and c.canonical == cid]
    if len(same) == 1:
        return Resolution(f"row:{same[0].row_id}", via_catalogue=CatalogueLink(text, line, same[0].label()))
    return Resolution(ref, unmatched=Unmatched(text, line, [c.label() for c in nearest(text, rows)]))


def add_observation(session: Session, plan: str | int, indicator: str | int, year: Any, value: Any, *, by: str,
                    allow_unlinked: bool = False, **kw: Any) -> tuple[entries.EntryResult, Resolution]:
    """store.entries.add_observation, refusing an indicator name that is no row of the plan unless
    `allow_unlinked` (UnlinkedIndicators, with the nearest names)."""
    plan_id = queries.resolve_plan(session, plan)
    r = resolve(session, plan_id, indicator)
    if r.unmatched is not None and not allow_unlinked:
        raise UnlinkedIndicators(plan_id, [r.unmatched])
    return entries.add_observation(session, plan_id, r.ref, year, value, by=by, **kw), r


@dataclass
class GuardedImport:
    report: entries.ImportReport
    unlinked: list[Unmatched]  # stored unlinked (allowed)
    via_catalogue: list[CatalogueLink]

    def to_json(self) -> dict[str, Any]:
        return {**self.report.to_json(), "unlinked": [u.to_json() for u in self.unlinked],
                "via_catalogue": [c.to_json() for c in self.via_catalogue]}


def import_observations(session: Session, plan: str | int, path: str | Path, *, by: str,
                        allow_unlinked: bool = False) -> GuardedImport:
    """store.entries.import_observations, with every row whose indicator name matches no row of the plan
    reported (row number, name, nearest names) and, unless `allow_unlinked`, the whole file refused."""
    plan_id = queries.resolve_plan(session, plan)
    rows = entries.read_table_file(path)
    pool = candidates(session, plan_id)
    res = [(n, resolve(session, plan_id, r.get("indicator"), n, pool)) for n, r in rows]
    unmatched = [r.unmatched for _, r in res if r.unmatched is not None]
    if unmatched and not allow_unlinked:
        raise UnlinkedIndicators(plan_id, unmatched)
    via = [r.via_catalogue for _, r in res if r.via_catalogue is not None]
    # the rows the catalogue linked are imported against their row (row:ID), so units are checked and converted
    # as for any linked value; row numbers and the batch name stay those of the file
    refs = {n: r.ref for n, r in res if r.via_catalogue is not None}
    return GuardedImport(entries.import_observations(session, plan_id, path, by=by, refs=refs), unmatched, via)
