"""Values people put into the store, and the audit trail of every change.

    with db.session() as s:
        res = add_observation(s, "花都区", "1", 2024, "3.0", source="区统计局2024年统计公报", by="wang")
        s.commit()

- Observations (actual values of an indicator in a year) are entered one by one or imported from CSV/XLSX.
- Target revisions record a target changed after publication (the printed target stays as parsed).
- Nothing is overwritten: entering a different value for the same plan, indicator and year adds a row that
  supersedes the current one; the audit log keeps before and after. Entering the same thing again is a no-op,
  so re-importing a file changes nothing.

An indicator is named by its row in the plan's main indicator table: a seq ("5"), a name (whitespace, script
and a trailing "*" do not matter), or a row id ("row:123" or an int). A name that is in no table is stored
unlinked (row_id null) under that name, so plans whose table was lost can still be monitored.
Functions take a Session and never commit: the caller owns the transaction (one per request or import).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planscope.model import dec_json
from planscope.store import queries
from planscope.store import schema as s
from planscope.store.queries import iso_time  # here for callers of entries.iso_time (auth, routes)
from planscope.store.schema_entry import AuditEntry, EnteredObservation, TargetRevision

YEAR_RANGE = (1949, 2100)
IMPORT_SUFFIXES = (".csv", ".xlsx")
# Column names accepted in import files (English as documented, and the Chinese headers people actually use).
COLUMN_ALIASES = {
    "indicator": ("indicator", "指标", "指标名称", "序号"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "值", "实际值", "完成值"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注", "说明"),
}


class EntryError(ValueError):
    """Input that cannot be stored (unknown indicator, bad year or value …); str(e) says what and why."""


class ImportFileError(EntryError):
    """An import file with bad rows; nothing was stored. `problems` lists (row number, message)."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        shown = "; ".join(f"row {n}: {m}" for n, m in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{path}: nothing imported, {len(problems)} bad row(s): {shown}{more}")


# --- audit ---------------------------------------------------------------------------------------------------
def record_audit(session: Session, actor: str, action: str, table: str, record_id: int | None,
                 before: dict[str, Any] | None, after: dict[str, Any] | None, *, plan_id: int | None = None,
                 detail: str | None = None) -> AuditEntry:
    entry = AuditEntry(at=datetime.now(UTC), actor=actor, action=action, table_name=table, record_id=record_id,
                       plan_id=plan_id, before=before, after=after, detail=detail)
    session.add(entry)
    session.flush()
    return entry


def audit_json(a: AuditEntry) -> dict[str, Any]:
    return {"id": a.id, "at": iso_time(a.at), "actor": a.actor, "action": a.action, "table": a.table_name,
            "record_id": a.record_id, "plan_id": a.plan_id, "before": a.before, "after": a.after,
            "detail": a.detail}


def list_audit(session: Session, *, table: str | None = None, actor: str | None = None,
               plan_id: int | None = None, record_id: int | None = None, limit: int = 100,
               offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total matching, page of entries newest first)."""
    q = select(AuditEntry)
    for col, val in ((AuditEntry.table_name, table), (AuditEntry.actor, actor), (AuditEntry.plan_id, plan_id),
                     (AuditEntry.record_id, record_id)):
        if val is not None:
            q = q.where(col == val)
    total = session.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    rows = session.scalars(q.order_by(AuditEntry.id.desc()).limit(limit).offset(offset))
    return total, [audit_json(a) for a in rows]


# --- indicators ------------------------------------------------------------------------------------------------
@dataclass
class Indicator:
    """What an entered value is about: a row of the plan's table (row_id set) or a free name."""

    row_id: int | None
    seq: str | None
    name: str
    unit: str | None
    canonical: str | None = None


def _norm(name: str) -> str:
    from planscope.ingest.script import to_simplified

    text = to_simplified(re.sub(r"\s+", "", name))
    text = text.translate(str.maketrans("（）［］", "()[]"))
    return text.rstrip("*＊")


def _plan_rows(session: Session, plan_id: int) -> tuple[list[Indicator], list[Indicator]]:
    """(rows of the main table, rows of every table) of a plan, as Indicators."""
    tables = queries.indicator_tables(session, plan_id)
    main = next((t for t in tables if t.table.kind == "main"), tables[0] if tables else None)

    def rows(t: queries.StoredTable) -> list[Indicator]:
        return [Indicator(rid, r.seq, r.name, r.unit, r.canonical) for rid, r in zip(t.row_ids, t.table.rows,
                                                                                      strict=True)]

    return (rows(main) if main else []), [i for t in tables for i in rows(t)]


def _listing(found: list[Indicator]) -> str:
    return ", ".join(f"{i.seq or '-'} {i.name} (row:{i.row_id})" for i in found)


def resolve_indicator(session: Session, plan_id: int, ref: str | int) -> Indicator:
    """The indicator `ref` names in plan `plan_id` (see the module doc); EntryError when unknown or ambiguous."""
    main, every = _plan_rows(session, plan_id)
    text = str(ref).strip()
    if not text:
        raise EntryError("indicator is empty: give a seq, a name or row:ID")
    row_ref = re.fullmatch(r"(?:row:|#)?(\d+)", text) if isinstance(ref, int) else re.fullmatch(r"(?:row:|#)(\d+)",
                                                                                                  text)
    if row_ref:
        rid = int(row_ref.group(1))
        found = [i for i in every if i.row_id == rid]
        if not found:
            raise EntryError(f"plan {plan_id} has no indicator row {rid}")
        return found[0]
    if re.fullmatch(r"\d+", text):
        found = [i for i in main if i.seq == text]
        if not found:
            seqs = ", ".join(dict.fromkeys(i.seq for i in main if i.seq)) or "none"
            raise EntryError(f"plan {plan_id} has no indicator with seq {text} in its main table (seqs: {seqs})")
        if len(found) > 1:
            raise EntryError(f"seq {text} has {len(found)} rows in plan {plan_id}: {_listing(found)}; "
                             "give the name or row:ID")
        return found[0]
    key = _norm(text)
    for pool in (main, every):
        found = [i for i in pool if _norm(i.name) == key or (i.canonical and i.canonical == text)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1 and pool is main:
            raise EntryError(f"{text!r} names {len(found)} rows in plan {plan_id}: {_listing(found)}; give row:ID")
    partial = [i for i in main if key in _norm(i.name)]
    if len(partial) == 1:
        return partial[0]
    if len(partial) > 1:
        raise EntryError(f"{text!r} is part of {len(partial)} indicator names in plan {plan_id}: "
                         f"{_listing(partial)}; give the full name, the seq or row:ID")
    return Indicator(None, None, text, None, _catalogue_id(text))


def _catalogue_id(name: str) -> str | None:
    try:
        from planscope.catalog import match

        return match(name).id
    except Exception:  # the catalogue is a help here, never a reason to refuse an entry
        return None


# --- values ----------------------------------------------------------------------------------------------------
def parse_decimal(raw: Any) -> tuple[str, Decimal]:
    """(raw text as entered, exact Decimal). Thousands separators are allowed; anything else is an error."""
    if isinstance(raw, float):
        raw = repr(raw)  # a spreadsheet number: its shortest exact decimal form
    text = str(raw).strip() if raw is not None else ""
    clean = text.replace(",", "").replace("，", "")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        raise EntryError(f"value {text!r} is not a decimal number (write 3.0, 1860.06, -1.5)") from None
    if not value.is_finite():
        raise EntryError(f"value {text!r} is not a finite number")
    if len(text) > 100:
        raise EntryError("value is too long")
    # 1e999999999 is a valid Decimal but overflows every float shown by the API (a 500 on read), and more than 40
    # characters do not fit the ExactDecimal column on PostgreSQL (tests/test_security.py).
    if value != 0 and not -30 <= value.adjusted() <= 30:
        raise EntryError(f"value {text!r} is out of range (magnitude 1e-30 to 1e30)")
    if len(str(value)) > 40:
        raise EntryError(f"value {text!r} has too many digits (at most 40 characters)")
    return text, value


def parse_year(raw: Any) -> int:
    try:
        year = int(Decimal(str(raw).strip().removesuffix("年")))
    except (InvalidOperation, ValueError):
        raise EntryError(f"year {raw!r} is not a year") from None
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1] or Decimal(str(raw).strip().removesuffix("年")) != year:
        raise EntryError(f"year {raw!r} is not a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}")
    return year


def _opt(text: Any) -> str | None:
    if text is None:
        return None
    t = str(text).strip()
    return t or None


def _fit(text: str | None, column: Any, what: str) -> str | None:
    """`text` if it fits its VARCHAR column: SQLite would store any length, PostgreSQL fails the transaction."""
    limit = column.type.length
    if text is not None and limit is not None and len(text) > limit:
        raise EntryError(f"{what} is too long (at most {limit} characters)")
    return text


def _who(by: Any, doing: str = "entering") -> str:
    """The person entering or importing, as recorded in entered_by and the audit log."""
    if not by or not str(by).strip():
        raise EntryError(f"who is {doing} this? (--by NAME)")
    return _fit(str(by).strip(), AuditEntry.__table__.c.actor, "the person's name") or ""


# --- observations --------------------------------------------------------------------------------------------
def observation_json(o: EnteredObservation, superseded_by: int | None = None) -> dict[str, Any]:
    return {"id": o.id, "plan_id": o.plan_id, "row_id": o.row_id, "seq": o.seq, "indicator": o.indicator,
            "canonical": o.canonical, "year": o.year, "value": str(o.value), "raw": o.raw, "unit": o.unit,
            "source": o.source, "note": o.note, "origin": o.origin, "batch": o.batch, "entered_by": o.entered_by,
            "entered_at": iso_time(o.entered_at), "supersedes_id": o.supersedes_id, "superseded_by": superseded_by,
            "current": superseded_by is None}


@dataclass
class EntryResult:
    status: str  # created | corrected | unchanged
    record: dict[str, Any]
    audit: dict[str, Any] | None
    linked: bool  # the indicator is a row of the plan's table
    converted: str | None = None  # "30000万元 = 3亿元" when the value was entered in another unit than the row's

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "record": self.record, "audit": self.audit, "linked": self.linked,
                "converted": self.converted}


def _same_key(q: Any, model: Any, ind: Indicator) -> Any:
    return q.where(model.row_id == ind.row_id) if ind.row_id is not None else \
        q.where(model.row_id.is_(None), model.indicator == ind.name)


def _current(session: Session, model: Any, plan_id: int, ind: Indicator, year: int) -> Any:
    superseding = select(model.supersedes_id).where(model.supersedes_id.is_not(None))
    q = select(model).where(model.plan_id == plan_id, model.year == year, model.id.not_in(superseding))
    return session.scalars(_same_key(q, model, ind).order_by(model.id.desc())).first()


@dataclass
class _Checked:
    plan_id: int
    indicator: Indicator
    year: int
    raw: str
    value: Decimal
    unit: str | None
    source: str | None
    note: str | None
    converted: str | None = None


def check_plan_year(session: Session, plan_id: int, year: int) -> None:
    """An actual value belongs to a year of the plan's period, or to its base year (the year before it starts,
    which the table's base column reports): 2030 for a 2021–2025 plan is a typo, not a value to keep."""
    period = _plan_period(session, plan_id)
    if period is not None and not period[0] - 1 <= year <= period[1]:
        raise EntryError(f"year {year} is outside the plan's period {period[0]}–{period[1]} "
                         f"(values can be entered for {period[0] - 1}, the base year, to {period[1]})")


def _plain(d: Decimal) -> str:
    return format(d, "f")


def in_row_unit(value: Decimal, entered: str | None, row_unit: str | None) -> tuple[Decimal, str | None]:
    """(value in the row's unit, "3亿元 = 30000万元" when converted). Units are compared and converted with the
    catalogue's one unit table, exactly; an a/b row ("%/亿元") takes a value in the unit of either part. A unit
    that cannot be converted is refused: a value in 亿元 stored as a % would be monitored as nonsense."""
    from planscope.catalog.units import InexactConversion, UnitError, convert, normalize_unit, split_pair

    if not entered or not row_unit:
        return value, None
    parts = split_pair(row_unit) or [normalize_unit(row_unit)]
    if normalize_unit(entered) in parts or normalize_unit(entered) == normalize_unit(row_unit):
        return value, None
    for target in parts:
        try:
            out = convert(value, entered, target)
        except InexactConversion:  # 亩 → 平方米 is ×2000/3: six decimals are finer than any statistic
            out = convert(value, entered, target, places=6).normalize()
            out = out.quantize(Decimal(1)) if out.as_tuple().exponent > 0 else out
        except UnitError:
            continue
        return out, f"{_plain(value)}{entered} = {_plain(out)}{target}"
    raise EntryError(f"单位不符：指标单位为{row_unit}，录入单位为{entered}，两者无法换算"
                     "（按指标单位录入，或不填单位）")


def _check(session: Session, plan: str | int, indicator: str | int, year: Any, value: Any, unit: Any,
           source: Any, note: Any) -> _Checked:
    plan_id = queries.resolve_plan(session, plan)
    ind = resolve_indicator(session, plan_id, indicator)
    y = parse_year(year)
    check_plan_year(session, plan_id, y)
    raw, dec = parse_decimal(value)
    entered = _fit(_opt(unit), EnteredObservation.__table__.c.unit, "unit")
    dec, converted = in_row_unit(dec, entered, ind.unit)
    if converted is not None:
        parse_decimal(_plain(dec))  # the converted value must fit the column as an entered one does
    # the unit as entered stays with the record (raw + unit is what the person typed); value is in the row's unit
    return _Checked(plan_id, ind, y, raw, dec, entered or ind.unit, _opt(source), _opt(note), converted)


def _store(session: Session, c: _Checked, by: str, origin: str, batch: str | None) -> EntryResult:
    current = _current(session, EnteredObservation, c.plan_id, c.indicator, c.year)
    if current is not None and (current.value, current.raw, current.unit, current.source, current.note) == \
            (c.value, c.raw, c.unit, c.source, c.note):
        return EntryResult("unchanged", observation_json(current), None, c.indicator.row_id is not None,
                           c.converted)
    row = EnteredObservation(plan_id=c.plan_id, row_id=c.indicator.row_id, seq=c.indicator.seq,
                             indicator=c.indicator.name, canonical=c.indicator.canonical, year=c.year,
                             value=c.value, raw=c.raw, unit=c.unit, source=c.source, note=c.note, origin=origin,
                             batch=batch, entered_by=by, entered_at=datetime.now(UTC),
                             supersedes_id=current.id if current is not None else None)
    session.add(row)
    session.flush()
    after = observation_json(row)
    before = observation_json(current, row.id) if current is not None else None
    action = "correct" if current is not None else "create"
    a = record_audit(session, by, action, "entered_observations", row.id, before, after, plan_id=c.plan_id,
                     detail=f"{origin}: {batch}" if batch else origin)
    return EntryResult("corrected" if current is not None else "created", after, audit_json(a),
                       c.indicator.row_id is not None, c.converted)


def add_observation(session: Session, plan: str | int, indicator: str | int, year: Any, value: Any, *,
                    by: str, unit: Any = None, source: Any = None, note: Any = None,
                    origin: str = "entry") -> EntryResult:
    """Enter one actual value. A different value for the same plan, indicator and year supersedes the current
    one (status "corrected"); the same value again changes nothing (status "unchanged")."""
    who = _who(by)
    c = _check(session, plan, indicator, year, value, unit, source, note)
    return _store(session, c, who, origin, None)


def _superseded_by(session: Session, model: Any, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    return {old: new for new, old in session.execute(select(model.id, model.supersedes_id)
                                                     .where(model.supersedes_id.in_(ids)))}


def entered_observations(session: Session, plan_id: int, *, year: int | None = None,
                         include_superseded: bool = False) -> list[dict[str, Any]]:
    q = select(EnteredObservation).where(EnteredObservation.plan_id == plan_id)
    if year is not None:
        q = q.where(EnteredObservation.year == year)
    rows = list(session.scalars(q.order_by(EnteredObservation.id)))
    later = _superseded_by(session, EnteredObservation, [r.id for r in rows])
    return [observation_json(r, later.get(r.id)) for r in rows if include_superseded or r.id not in later]


def observation_history(session: Session, plan: str | int, indicator: str | int | None = None) -> dict[str, Any]:
    """Every value ever entered for the plan (or one indicator of it), oldest first, each with its audit entries."""
    plan_id = queries.resolve_plan(session, plan)
    q = select(EnteredObservation).where(EnteredObservation.plan_id == plan_id)
    ind = None
    if indicator is not None:
        ind = resolve_indicator(session, plan_id, indicator)
        q = _same_key(q, EnteredObservation, ind)
    rows = list(session.scalars(q.order_by(EnteredObservation.year, EnteredObservation.id)))
    later = _superseded_by(session, EnteredObservation, [r.id for r in rows])
    audits: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for a in session.scalars(select(AuditEntry).where(AuditEntry.table_name == "entered_observations",
                                                          AuditEntry.record_id.in_([r.id for r in rows]))
                                 .order_by(AuditEntry.id)):
            audits.setdefault(a.record_id or 0, []).append(audit_json(a))
    return {"plan_id": plan_id,
            "indicator": None if ind is None else {"row_id": ind.row_id, "seq": ind.seq, "name": ind.name},
            "entries": [{**observation_json(r, later.get(r.id)), "audit": audits.get(r.id, [])} for r in rows]}


# --- import --------------------------------------------------------------------------------------------------
def _header_map(header: list[Any], value_aliases: tuple[str, ...] = ()) -> dict[str, int]:
    cols: dict[str, int] = {}
    aliases = {**COLUMN_ALIASES, "value": COLUMN_ALIASES["value"] + value_aliases}
    for i, h in enumerate(header):
        key = re.sub(r"\s+", "", str(h or "")).lower()
        for field_name, names in aliases.items():
            if key in names and field_name not in cols:
                cols[field_name] = i
    missing = [f for f in ("indicator", "year", "value") if f not in cols]
    if missing:
        raise EntryError(f"the header needs columns {', '.join(missing)} (found: {', '.join(map(str, header))}); "
                         "columns are indicator, year, value, unit, source, note")
    return cols


def read_table_file(path: str | Path, *, value_aliases: tuple[str, ...] = ()) -> list[tuple[int, dict[str, Any]]]:
    """(row number as a spreadsheet shows it, {column: cell}) for each non-empty data row of a CSV or XLSX.
    `value_aliases`: more header names for the value column (目标值 for a file of targets)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise EntryError(f"cannot import {p.name}: use a .csv or .xlsx file")
    if suffix == ".csv":
        data = p.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise EntryError(f"{p.name}: not UTF-8 or GB18030 text")
        grid: list[list[Any]] = list(csv.reader(io.StringIO(text)))
    else:
        from openpyxl import load_workbook

        try:
            wb = load_workbook(p, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many types for a broken file
            raise EntryError(f"{p.name}: not a readable XLSX workbook ({type(e).__name__})") from None
        grid = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        wb.close()
    numbered = [(n, r) for n, r in enumerate(grid, 1) if any(c not in (None, "") for c in r)]
    if not numbered:
        raise EntryError(f"{p.name} is empty")
    (_, header), body = numbered[0], numbered[1:]
    cols = _header_map(list(header), value_aliases)
    return [(n, {f: (r[i] if i < len(r) else None) for f, i in cols.items()}) for n, r in body]


@dataclass
class ImportReport:
    file: str
    results: list[EntryResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def summary(self) -> dict[str, int]:
        return {st: self.count(st) for st in ("created", "corrected", "unchanged")}

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "summary": self.summary(), "results": [r.to_json() for r in self.results]}


def import_observations(session: Session, plan: str | int, path: str | Path, *, by: str,
                        refs: Mapping[int, str | int] | None = None) -> ImportReport:
    """Import a CSV/XLSX of observations (columns indicator, year, value, unit, source, note). All or nothing:
    every row is checked first, and one bad row stores none (ImportFileError lists them all). `refs`: row number
    → indicator reference to use instead of the file's (a name the caller resolved, e.g. through the catalogue)."""
    by = _who(by, "importing")
    name = Path(path).name
    rows = read_table_file(path)
    refs = refs or {}
    checked: list[_Checked] = []
    problems: list[tuple[int, str]] = []
    seen: dict[tuple[int | None, str, int], int] = {}
    for n, r in rows:
        ref = refs.get(n, r["indicator"] if r["indicator"] is not None else "")
        try:
            c = _check(session, plan, ref, r["year"], r["value"], r.get("unit"), r.get("source"), r.get("note"))
        except queries.NotFound:
            raise
        except EntryError as e:
            problems.append((n, str(e)))
            continue
        key = (c.indicator.row_id, c.indicator.name, c.year)
        if key in seen:  # two values for one cell in one file: which is meant is not ours to guess
            problems.append((n, f"{c.indicator.name} {c.year} is also on row {seen[key]}"))
            continue
        seen[key] = n
        checked.append(c)
    if problems:
        raise ImportFileError(name, problems)
    report = ImportReport(name)
    for c in checked:
        report.results.append(_store(session, c, str(by).strip(), "import", name))
    if checked:
        record_audit(session, str(by).strip(), "import", "entered_observations", None, None, report.summary(),
                     plan_id=checked[0].plan_id, detail=name)
    return report


# --- target revisions ------------------------------------------------------------------------------------------
# What a target_revisions row is about, kept under parsed["revision"] (no schema change): the role of the value
# (the five-year target, the base, or an annual plan's own target for `year`), the date it takes effect, why,
# where it came from (a person, or a newer version of the document), and the value it replaced.
REVISION_ROLES = ("target", "base", "annual_target")


def revision_meta(t: TargetRevision) -> dict[str, Any]:
    meta = (t.parsed or {}).get("revision") if isinstance(t.parsed, dict) else None
    return dict(meta) if isinstance(meta, dict) else {}


def revision_json(t: TargetRevision, superseded_by: int | None = None) -> dict[str, Any]:
    meta = revision_meta(t)
    return {"id": t.id, "plan_id": t.plan_id, "row_id": t.row_id, "seq": t.seq, "indicator": t.indicator,
            "year": t.year, "raw": t.raw, "value": None if t.value is None else str(t.value), "parsed": t.parsed,
            "unit": t.unit, "source": t.source, "note": t.note, "entered_by": t.entered_by,
            "entered_at": iso_time(t.entered_at), "supersedes_id": t.supersedes_id, "superseded_by": superseded_by,
            "current": superseded_by is None, "role": meta.get("role", "target"), "effective": meta.get("effective"),
            "reason": meta.get("reason", t.note), "origin": meta.get("origin", "entry"),
            "before": meta.get("before"), "document_id": meta.get("document_id")}


def revise_target(session: Session, plan: str | int, indicator: str | int, year: Any, raw: str, *, by: str,
                  unit: Any = None, source: Any = None, note: Any = None) -> EntryResult:
    """Record a changed target (any expression of the value grammar: "6左右", "≥88", "完成省下达目标")."""
    return record_revision(session, plan, indicator, raw, role="target", year=year, by=by, unit=unit, source=source,
                           reason=note)


def parse_effective(raw: Any) -> str | None:
    """An effective date as ISO text: 2023-06-01, 2023/6/1, 2023年6月1日, or a bare year (its 1 January)."""
    text = _opt(raw)
    if text is None:
        return None
    m = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?年?", text)
    if not m:
        raise EntryError(f"effective date {text!r} is not a date (write 2023-06-01)")
    try:
        d = datetime(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise EntryError(f"effective date {text!r} is not a date") from None
    parse_year(d.year)
    return d.date().isoformat()


def _plan_period(session: Session, plan_id: int) -> tuple[int, int] | None:
    doc = session.get(s.Document, plan_id)
    if doc is None or doc.period_start is None or doc.period_end is None:
        return None
    return doc.period_start, doc.period_end


def _current_revision(session: Session, plan_id: int, ind: Indicator, year: int, role: str,
                      effective: str | None) -> TargetRevision | None:
    """The live revision of the same value (role, year, effective date): a new entry for it is a correction."""
    superseding = select(TargetRevision.supersedes_id).where(TargetRevision.supersedes_id.is_not(None))
    q = select(TargetRevision).where(TargetRevision.plan_id == plan_id, TargetRevision.year == year,
                                     TargetRevision.id.not_in(superseding))
    for r in session.scalars(_same_key(q, TargetRevision, ind).order_by(TargetRevision.id.desc())):
        meta = revision_meta(r)
        if meta.get("role", "target") == role and meta.get("effective") == effective:
            return r
    return None


def record_revision(session: Session, plan: str | int, indicator: str | int, raw: Any, *, role: str = "target",
                    year: Any = None, effective: Any = None, reason: Any = None, by: str, unit: Any = None,
                    source: Any = None, origin: str = "entry", before: str | None = None,
                    document_id: int | None = None) -> EntryResult:
    """Record a revised value of an indicator: its five-year target (`role="target"`, year default the plan's
    end year), its base (`"base"`, year default the year before the plan) or an annual plan's own target for a
    year (`"annual_target"`, year required). `effective` (a date) is when the new value takes force: an evaluation
    of an earlier year keeps the old one; none means from the start. The same role, year and effective date
    again is a correction (supersedes); the same content again changes nothing."""
    from planscope.parse.values import parse_value

    if role not in REVISION_ROLES:
        raise EntryError(f"role {role!r}: expected one of {', '.join(REVISION_ROLES)}")
    by = _who(by)
    text = str(raw if raw is not None else "").strip()
    if not text:
        raise EntryError(f"the revised {role} is empty")
    if len(text) > 200:
        raise EntryError(f"the revised {role} is too long")
    plan_id = queries.resolve_plan(session, plan)
    ind = resolve_indicator(session, plan_id, indicator)
    period = _plan_period(session, plan_id)
    if year is None or str(year).strip() == "":
        if role == "annual_target" or period is None:
            raise EntryError(f"give the year the {role.replace('_', ' ')} is for")
        year = period[1] if role == "target" else period[0] - 1
    y = parse_year(year)
    eff = parse_effective(effective)
    pv = parse_value(text)
    numbers = pv.numbers() if pv is not None else []
    u = _fit(_opt(unit), TargetRevision.__table__.c.unit, "unit") or ind.unit
    src, why = _opt(source), _opt(reason)
    meta = {"role": role, "effective": eff, "reason": why, "origin": origin, "before": before,
            "document_id": document_id}
    parsed = {**(pv.to_json() if pv is not None else {}), "revision": meta}
    current = _current_revision(session, plan_id, ind, y, role, eff)
    if current is not None and (current.raw, current.unit, current.source, current.note) == (text, u, src, why):
        return EntryResult("unchanged", revision_json(current), None, ind.row_id is not None)
    row = TargetRevision(plan_id=plan_id, row_id=ind.row_id, seq=ind.seq, indicator=ind.name, year=y,
                         value=numbers[0] if len(numbers) == 1 else None, raw=text, parsed=parsed, unit=u,
                         source=src, note=why, entered_by=str(by).strip(), entered_at=datetime.now(UTC),
                         supersedes_id=current.id if current is not None else None)
    session.add(row)
    session.flush()
    prior = revision_json(current, row.id) if current is not None else None
    a = record_audit(session, row.entered_by, "correct" if current is not None else "create", "target_revisions",
                     row.id, prior, revision_json(row), plan_id=plan_id, detail=f"{role} ({origin})")
    return EntryResult("corrected" if current is not None else "created", revision_json(row), audit_json(a),
                       ind.row_id is not None)


def set_annual_target(session: Session, plan: str | int, indicator: str | int, year: Any, raw: Any, *, by: str,
                      unit: Any = None, source: Any = None, note: Any = None) -> EntryResult:
    """An annual plan's own target for one year (年度计划目标), entered by a person."""
    return record_revision(session, plan, indicator, raw, role="annual_target", year=year, by=by, unit=unit,
                           source=source, reason=note)


def import_annual_targets(session: Session, plan: str | int, path: str | Path, *, by: str) -> ImportReport:
    """Import annual targets from a CSV/XLSX (indicator, year, value or 目标值, unit, source, note). All or nothing."""
    by = _who(by, "importing")
    name = Path(path).name
    rows = read_table_file(path, value_aliases=("target", "目标", "目标值", "年度目标"))
    plan_id = queries.resolve_plan(session, plan)
    problems: list[tuple[int, str]] = []
    checked: list[tuple[Indicator, int, Any, dict[str, Any]]] = []
    seen: dict[tuple[int | None, str, int], int] = {}
    for n, r in rows:
        try:
            ind = resolve_indicator(session, plan_id, r["indicator"] if r["indicator"] is not None else "")
            y = parse_year(r["year"])
            if r["value"] is None or not str(r["value"]).strip():
                raise EntryError("the target is empty")
        except EntryError as e:
            problems.append((n, str(e)))
            continue
        key = (ind.row_id, ind.name, y)
        if key in seen:
            problems.append((n, f"{ind.name} {y} is also on row {seen[key]}"))
            continue
        seen[key] = n
        checked.append((ind, y, r["value"], r))
    if problems:
        raise ImportFileError(name, problems)
    report = ImportReport(name)
    for ind, y, value, r in checked:
        ref = f"row:{ind.row_id}" if ind.row_id is not None else ind.name
        report.results.append(set_annual_target(session, plan_id, ref, y, value, by=by, unit=r.get("unit"),
                                                source=r.get("source") or name, note=r.get("note")))
    if checked:
        record_audit(session, str(by).strip(), "import", "target_revisions", None, None, report.summary(),
                     plan_id=plan_id, detail=name)
    return report


def revision_history(session: Session, plan: str | int, indicator: str | int | None = None) -> dict[str, Any]:
    """Every revision of the plan (or one indicator), corrections included, oldest first, with audit entries."""
    plan_id = queries.resolve_plan(session, plan)
    q = select(TargetRevision).where(TargetRevision.plan_id == plan_id)
    ind = None
    if indicator is not None:
        ind = resolve_indicator(session, plan_id, indicator)
        q = _same_key(q, TargetRevision, ind)
    rows = list(session.scalars(q.order_by(TargetRevision.id)))
    later = _superseded_by(session, TargetRevision, [r.id for r in rows])
    audits: dict[int, list[dict[str, Any]]] = {}
    if rows:
        for a in session.scalars(select(AuditEntry).where(AuditEntry.table_name == "target_revisions",
                                                          AuditEntry.record_id.in_([r.id for r in rows]))
                                 .order_by(AuditEntry.id)):
            audits.setdefault(a.record_id or 0, []).append(audit_json(a))
    return {"plan_id": plan_id,
            "indicator": None if ind is None else {"row_id": ind.row_id, "seq": ind.seq, "name": ind.name},
            "revisions": [{**revision_json(r, later.get(r.id)), "audit": audits.get(r.id, [])} for r in rows]}


def target_revisions(session: Session, plan_id: int, *, include_superseded: bool = False) -> list[dict[str, Any]]:
    rows = list(session.scalars(select(TargetRevision).where(TargetRevision.plan_id == plan_id)
                                .order_by(TargetRevision.id)))
    later = _superseded_by(session, TargetRevision, [r.id for r in rows])
    return [revision_json(r, later.get(r.id)) for r in rows if include_superseded or r.id not in later]


# --- uploads ---------------------------------------------------------------------------------------------------
def record_upload(session: Session, actor: str, document_id: int | None, client_name: str, stored_as: str,
                  status: str, size: int) -> dict[str, Any]:
    """Audit a document uploaded through the API (the ingest itself is the store's job)."""
    a = record_audit(session, actor, "upload", "documents", document_id, None,
                     {"client_name": client_name, "stored_as": stored_as, "status": status, "size": size},
                     plan_id=document_id if session.get(s.Plan, document_id or -1) else None)
    return audit_json(a)


def value_number(text: str | None) -> int | float | None:
    """An entered value as the JSON number the contract uses for figures (exact for short decimals)."""
    return None if text is None else dec_json(Decimal(text))
