"""Plan revisions: a target or base value changed after publication, with a reason and the date it takes force.

Two origins, one record (store.entries.record_revision, table target_revisions, audit-logged):
  entry    a person revises a value (`planscope revise 广州市 --indicator 5 --target 3.6 --reason … --effective
           2023-06-01 --by NAME`);
  version  a newer version of the plan's document is ingested and its table prints another value: the change is
           recorded as a revision of the current version (`sync_version_revisions`, run before every evaluation),
           effective from the day the new version was stored, with the old value kept as `before`.

The value in force in a year (`in_force`) is the latest revision whose effective date falls in or before that
year (a revision without a date holds from the start); before a document-version revision, the earlier
version's value. A revised parent (city) target flags the child (district) targets that depend on it: the
children's rows of the same catalogue concept, with the alignment verdict before and after (`cascade`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from planscope.ingest.script import to_simplified
from planscope.model import CellValue, IndicatorRow, IndicatorTable, Role
from planscope.parse.values import parse_value

if TYPE_CHECKING:
    from planscope.store.api import Database, PlanView

VALUE_ROLES = {"target": Role.TARGET, "base": Role.BASE}  # the roles that replace a printed cell
VERSION_AUTHOR = "planscope（文件新版本）"


# ----------------------------------------------------------------------------------------------- value in force
def _key(raw: str | None) -> str:
    return to_simplified(re.sub(r"\s+", "", raw or ""))


def _row_index(rev: dict[str, Any], table: IndicatorTable, row_ids: list[int]) -> int | None:
    """The row a revision is about: its stored row id, else the seq, else the name."""
    if rev.get("row_id") in row_ids:
        return row_ids.index(rev["row_id"])
    seq, name = rev.get("seq"), _key(rev.get("indicator")).rstrip("*")
    for i, row in enumerate(table.rows):
        if (seq and row.seq == seq and _key(row.name).rstrip("*") == name) or \
                (not seq and _key(row.name).rstrip("*") == name):
            return i
    return None


def _order(rev: dict[str, Any]) -> tuple[str, int]:
    return rev.get("effective") or "", rev.get("id") or 0


def in_force(revisions: list[dict[str, Any]], year: int | None) -> dict[str, Any] | None:
    """Of the revisions of one value (one row, one role), the one in force in `year`; None when the value
    printed before any of them holds (`year` None: the latest)."""
    live = [r for r in revisions if year is None or not r.get("effective") or int(r["effective"][:4]) <= year]
    return max(live, key=_order) if live else None


@dataclass
class Applied:
    """What changed in one row for the year evaluated."""

    row_index: int
    role: str
    printed: str | None  # the value printed in the current version of the document
    value: str  # the value in force
    revision: dict[str, Any] | None  # None: an older version's value, before a later version changed it
    pending: list[dict[str, Any]] = field(default_factory=list)  # revisions not yet in force in the year

    def note(self) -> str:
        what = "目标" if self.role == "target" else "基期值"
        if self.revision is None:
            later = self.pending[0]
            return (f"{what}按当年有效值“{self.value}”评估（{later.get('effective')}起文件新版本改为"
                    f"“{self.printed}”）")
        r = self.revision
        who = "，".join(x for x in (r.get("entered_by"), r.get("effective") and f"{r['effective']}起生效",
                                   r.get("reason"), r.get("source")) if x)
        return f"{what}已调整：原{what}“{self.printed if r.get('origin') != 'version' else r.get('before')}”，" \
               f"现为“{self.value}”（{who}）"


def apply_revisions(table: IndicatorTable, row_ids: list[int], revisions: list[dict[str, Any]],
                    year: int | None) -> list[Applied]:
    """Put the value in force in `year` in place of each revised target or base cell (in place). The printed
    cell is the current version's; an older version's value is restored for years before that version."""
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for rev in revisions:
        role = rev.get("role") or "target"
        if role not in VALUE_ROLES or not rev.get("raw"):
            continue
        i = _row_index(rev, table, row_ids)
        if i is not None:
            groups.setdefault((i, role), []).append(rev)
    out = []
    for (i, role), revs in sorted(groups.items()):
        row = table.rows[i]
        old = row.value(VALUE_ROLES[role])
        printed = old.raw if old else None
        chosen = in_force(revs, year)
        pending = sorted((r for r in revs if r is not chosen and _order(r) > (_order(chosen) if chosen else ("", 0))),
                         key=_order)
        if chosen is not None:
            value = chosen["raw"]
        else:  # before every revision: an older version's value if a version changed it, else the printed one
            version = next((r for r in pending if r.get("origin") == "version" and r.get("before")), None)
            value = version["before"] if version else printed
        if value is None or (chosen is None and value == printed):
            continue
        if chosen is not None and chosen.get("origin") == "version" and _key(value) == _key(printed):
            continue  # the current version already prints it
        _set_cell(row, VALUE_ROLES[role], value, chosen.get("year") if chosen else None)
        out.append(Applied(i, role, printed, value, chosen, pending))
    return out


def _set_cell(row: IndicatorRow, role: Role, raw: str, year: int | None) -> None:
    old = row.value(role)
    new = CellValue(role, raw, (old.year if old else None) or year, parse_value(raw), span=old.span if old else None)
    row.values = [v for v in row.values if v.role != role] + [new]


# ----------------------------------------------------------------------------------------------- store access
def _entries() -> Any:
    try:
        from planscope.store import entries
    except ImportError:  # a store without the data-entry module
        return None
    return entries


def _has_table(db: Database) -> bool:
    from sqlalchemy import inspect

    return inspect(db.engine).has_table("target_revisions")


def revisions_of(db: Database, plan: PlanView) -> list[dict[str, Any]]:
    """The plan's current revisions of every role (corrections replaced), oldest first."""
    entries = _entries()
    if entries is None or not _has_table(db):
        return []
    with db.session() as s:
        return list(entries.target_revisions(s, plan.id))


def _main(view: PlanView) -> tuple[IndicatorTable | None, list[int]]:
    stored = view.stored_tables()
    main = next((t for t in stored if t.table.kind == "main"), None)
    return (main.table, main.row_ids) if main else (None, [])


def _row_key(row: IndicatorRow) -> tuple[str, str]:
    return row.seq or "", _key(f"{row.parent_name or ''}{row.name}").rstrip("*")


def version_changes(old: IndicatorTable, new: IndicatorTable) -> list[tuple[int, str, str, str]]:
    """(row index in `new`, role, old raw, new raw) for every target or base cell a newer table prints
    differently (rows paired by seq and name; whitespace and script do not count as a change)."""
    olds = {_row_key(r): r for r in old.rows}
    out = []
    for i, row in enumerate(new.rows):
        before = olds.get(_row_key(row))
        if before is None:
            continue
        for role_name, role in VALUE_ROLES.items():
            a, b = before.value(role), row.value(role)
            if a is not None and b is not None and _key(a.raw) != _key(b.raw):
                out.append((i, role_name, a.raw, b.raw))
    return out


def sync_version_revisions(db: Database, plan: PlanView) -> list[dict[str, Any]]:
    """Record, as revisions of the current version, every table value an earlier version of the same document
    printed differently (idempotent: a change already recorded is not recorded twice). Returns the new records."""
    entries = _entries()
    summary = plan.summary()
    if entries is None or summary.version_of is None or not _has_table(db):
        return []
    table, row_ids = _main(plan)
    if table is None:
        return []
    chain = [summary]  # newest first
    while chain[-1].version_of is not None:
        chain.append(db.plan(chain[-1].version_of).summary())
    made = []
    with db.session() as s:
        for newer, older in pairwise(chain):
            new_t, _ = _main(db.plan(newer.id))
            old_t, _ = _main(db.plan(older.id))
            if new_t is None or old_t is None:
                continue
            current = {_row_key(r): i for i, r in enumerate(table.rows)}
            for i, role, before, after in version_changes(old_t, new_t):
                j = current.get(_row_key(new_t.rows[i]))
                if j is None:
                    continue
                cell = new_t.rows[i].value(VALUE_ROLES[role])
                line = cell.span.line_start if cell and cell.span else new_t.rows[i].span.line_start
                res = entries.record_revision(
                    s, plan.id, f"row:{row_ids[j]}", after, role=role,
                    year=cell.year if cell else None, effective=newer.ingested_at[:10],
                    reason=f"文件新版本（第{newer.version}版，替代第{older.version}版）", by=VERSION_AUTHOR,
                    source=f"{newer.file_name} 第{line}行", origin="version", before=before, document_id=newer.id)
                if res.status != "unchanged":
                    made.append(res.record)
        s.commit()
    return made


def history(db: Database, plan_ref: int | str, indicator: str | None = None) -> dict[str, Any]:
    """Every revision of a plan (corrections and document versions included), with its audit entries."""
    entries = _entries()
    view = db.plan(plan_ref)
    sync_version_revisions(db, view)
    if entries is None or not _has_table(db):
        return {"plan_id": view.id, "indicator": None, "revisions": []}
    with db.session() as s:
        return entries.revision_history(s, view.id, indicator)


# ----------------------------------------------------------------------------------------------- revise + cascade
@dataclass
class CascadeItem:
    """A child plan's row that depends on a revised parent value: its alignment verdict before and after."""

    child: str  # region of the child plan
    child_plan_id: int
    canonical: str
    parent_name: str
    child_name: str | None
    child_target: str | None
    parent_before: str | None
    parent_after: str | None
    verdict_before: str
    verdict_after: str

    @property
    def changed(self) -> bool:
        return self.verdict_before != self.verdict_after

    def to_json(self) -> dict[str, Any]:
        return {"child": self.child, "child_plan_id": self.child_plan_id, "canonical": self.canonical,
                "parent_name": self.parent_name, "child_name": self.child_name, "child_target": self.child_target,
                "parent_before": self.parent_before, "parent_after": self.parent_after,
                "verdict_before": self.verdict_before, "verdict_after": self.verdict_after,
                "changed": self.changed}


@dataclass
class RevisionResult:
    status: str  # created | corrected | unchanged
    record: dict[str, Any]
    audit: dict[str, Any] | None
    cascade: list[CascadeItem]

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "record": self.record, "audit": self.audit,
                "cascade": [c.to_json() for c in self.cascade]}


def revise(db: Database, plan_ref: int | str, indicator: str, value: str, *, role: str = "target",
           reason: str | None = None, effective: str | None = None, by: str, source: str | None = None,
           year: int | None = None) -> RevisionResult:
    """Record a revision (one transaction) and list the child plans' rows it flags."""
    from planscope.store import entries

    view = db.plan(plan_ref)
    before = revisions_of(db, view)
    with db.session() as s:
        ind = entries.resolve_indicator(s, view.id, indicator)
    prior = None
    table, row_ids = _main(view)
    if table is not None and role in VALUE_ROLES:  # the value in force until now, kept with the revision
        apply_revisions(table, row_ids, before, None)
        i = _row_index({"row_id": ind.row_id, "seq": ind.seq, "indicator": ind.name}, table, row_ids)
        cell = table.rows[i].value(VALUE_ROLES[role]) if i is not None else None
        prior = cell.raw if cell else None
    with db.session() as s:
        res = entries.record_revision(s, view.id, indicator, value, role=role, year=year, effective=effective,
                                      reason=reason, by=by, source=source, before=prior)
        s.commit()
    flagged = cascade(db, view, res.record, before) if role in VALUE_ROLES and res.status != "unchanged" else []
    return RevisionResult(res.status, res.record, res.audit, flagged)


def child_plans(db: Database, plan: PlanView) -> list[Any]:
    """Current plans whose parent plan is this one (a city's districts)."""
    return [p for p in db.plans() if p.parent_plan_id == plan.id and p.id != plan.id]


def _alignment(ptable: IndicatorTable | None, parent: PlanView, kids: list[tuple[str, PlanView]]) -> dict[
        str, Any]:
    """compare_indicators over stored tables and prose targets (what align_plans does for indicators, without
    reading the texts for task matching)."""
    from planscope.align import default_helpers, main_table
    from planscope.align.indicators import compare_indicators
    from planscope.align.stored import stored_extraction

    h = default_helpers()
    pex = stored_extraction(parent)
    end = pex.document.period[1] if pex.document.period else None
    tables, prose = {}, {}
    for name, view in kids:
        ex = stored_extraction(view)
        tables[name] = main_table(ex)
        prose[name] = h.prose_sides(ex.targets, ex.document.period[1] if ex.document.period else None)
    parent_prose = h.prose_sides(pex.targets, end)
    keys = {h.canonical_of(r) for t in [ptable, *tables.values()] if t for r in t.rows}
    keys |= set(parent_prose) | {k for sides in prose.values() for k in sides}
    out = compare_indicators(ptable, tables, canonical_of=h.canonical_of, direction_of=h.direction_of,
                             convert=h.convert, related=h.related(k for k in keys if k), parts_of=h.parts_of,
                             relative_of=h.relative_of, parent_prose=parent_prose, child_prose=prose)
    return {a.canonical: a for a in out}


def cascade(db: Database, plan: PlanView, record: dict[str, Any],
            before: list[dict[str, Any]]) -> list[CascadeItem]:
    """The child plans' rows of the same catalogue concept as the revised parent row, with the alignment verdict
    against the parent's value in force before the revision and after it (five-year view: the latest values)."""
    from planscope.align import default_helpers

    kids = [(k.region or str(k.id), db.plan(k.id)) for k in child_plans(db, plan)]
    table, row_ids = _main(plan)
    if not kids or table is None:
        return []
    after = revisions_of(db, plan)
    t_before, _ = _main(plan)
    assert t_before is not None
    apply_revisions(t_before, row_ids, before, None)
    apply_revisions(table, row_ids, after, None)
    i = _row_index(record, table, row_ids)
    if i is None:
        return []
    key = default_helpers().canonical_of(table.rows[i])
    if key is None:
        return []
    a0, a1 = _alignment(t_before, plan, kids).get(key), _alignment(table, plan, kids).get(key)
    if a1 is None:
        return []
    role = VALUE_ROLES.get(record.get("role") or "target", Role.TARGET)
    out = []
    for name, view in kids:
        c1 = a1.children.get(name)
        c0 = a0.children.get(name) if a0 else None
        if c1 is None or c1.side is None:
            continue  # the child has no row of this concept: nothing depends on the parent's value
        p0 = t_before.rows[i].value(role)
        p1 = table.rows[i].value(role)
        out.append(CascadeItem(name, view.id, key, table.rows[i].name, c1.side.name,
                               c1.side.target.raw if c1.side.target else None, p0.raw if p0 else None,
                               p1.raw if p1 else None, c0.verdict if c0 else "parent_only", c1.verdict))
    return out
