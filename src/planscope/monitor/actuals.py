"""Actual values for a plan's indicators, gathered from the store, each with its provenance.

Two sources:
  documents  observations (and annual-plan targets) read from the prose of other stored documents of the same
             region whose year falls in the plan's period (an execution report for 2024 reports year four of a
             2021–2025 plan), linked to the plan's rows by monitor.matching (strict: catalogue id, kind, unit);
  people     values entered through the data-entry screens or the API (table entered_observations, append-only:
             a correction supersedes the row it replaces). A person's value wins over one read from prose.

This module is the store-facing part of monitoring; the methods themselves (monitor.assess …) stay pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from planscope.catalog import Catalogue, load_catalogue
from planscope.model import Figure, IndicatorRow, IndicatorTable, Measure, Role, dec_json
from planscope.monitor.cache import document_facts
from planscope.monitor.matching import (
    COMPONENT,
    FIGURE_MEASURE,
    RELATED,
    SAME,
    RowConcepts,
    link_figure,
    restore_shared_verb,
)
from planscope.monitor.spec import value_of

if TYPE_CHECKING:
    from planscope.store.api import Database, PlanView

ANNUAL_PLAN_KINDS = ("annual_plan_report",)  # documents whose prose targets are a year's own targets (年度计划)
ENTERED = "entered"


@dataclass
class ActualRecord:
    """One number known for one row (part) in one year, and where it came from."""

    row_index: int
    part: int | None
    year: int
    value: Decimal | None  # in the row's unit; None for a `related` figure (context only)
    raw: str
    relation: str  # same | component | related | entered
    kind: str = "observation"  # observation | target (an annual plan's target for the year) | entered
    indicator: str = ""  # the name as printed or entered
    unit: str | None = None  # the unit as printed or entered
    printed: Decimal | None = None  # the number as printed, before conversion to the row's unit
    qualifier: str | None = None
    running_total: bool = False
    document_id: int | None = None
    source: str | None = None  # file name of the document, or the source a person gave
    title: str | None = None
    line: int | None = None
    sentence: str | None = None
    entered_by: str | None = None
    entered_at: str | None = None
    note: str | None = None

    def provenance(self) -> str:
        if self.entered_by:
            when = f"，{self.entered_at[:10]}" if self.entered_at else ""
            return f"{self.entered_by}录入{when}" + (f"（来源：{self.source}）" if self.source else "")
        return f"{self.source} 第{self.line}行" if self.line else (self.source or "")

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "value": dec_json(self.value), "raw": self.raw, "relation": self.relation,
                "kind": self.kind, "indicator": self.indicator, "unit": self.unit, "printed": dec_json(self.printed),
                "qualifier": self.qualifier,
                "part": self.part, "running_total": self.running_total, "document_id": self.document_id,
                "source": self.source, "title": self.title, "line": self.line, "sentence": self.sentence,
                "entered_by": self.entered_by, "entered_at": self.entered_at, "note": self.note}


def figure_records(figures: Iterable[Figure], rows: list[RowConcepts], *, period: tuple[int, int],
                   document_id: int | None = None, source: str | None = None, title: str | None = None,
                   targets: bool = False, catalogue: Catalogue | None = None) -> list[ActualRecord]:
    """Records for the figures of one document that link to the rows (observations; and, when `targets`, the
    document's targets for a year of the period, i.e. an annual plan's own targets)."""
    cat = catalogue or load_catalogue()
    out: list[ActualRecord] = []
    previous: Figure | None = None
    for fig in figures:
        prev, previous = previous, fig
        if fig.year is None or not period[0] <= fig.year <= period[1]:
            continue
        if fig.kind == "target" and not targets:
            continue
        name = restore_shared_verb(fig, prev)
        for link in link_figure(fig, rows, catalogue=cat, name=name):
            out.append(ActualRecord(
                row_index=link.row_index, part=link.concept.part, year=fig.year, value=link.value, raw=fig.raw,
                relation=link.relation, kind="target" if fig.kind == "target" else "observation", indicator=name,
                unit=fig.unit, printed=fig.value, qualifier=str(fig.qualifier) if fig.qualifier else None,
                running_total=link.running_total, document_id=document_id, source=source, title=title,
                line=fig.span.line_start, sentence=fig.sentence))
    return out


def _table_measure(row: IndicatorRow, cat: Catalogue) -> Measure | None:
    """What kind of number a report table's row holds, as the catalogue reads its name (None: not catalogued)."""
    mr = cat.match(row.name, parent=row.parent_name, unit=row.unit)
    ind = cat.get(mr.id) if mr.id and not mr.parts else None
    if ind is None:
        return None
    if mr.measure in ("growth_rate", "reduction") or ind.growth_of or ind.reduction_of:
        return Measure.GROWTH_RATE
    return FIGURE_MEASURE.get(ind.measure)


def table_figures(tables: Iterable[IndicatorTable], period: tuple[int, int], *, targets: bool,
                  catalogue: Catalogue | None = None) -> list[Figure]:
    """The numbers of another document's tables as figures: each row's 完成值 (role actual) for a year of the
    period, and, for an annual plan report, its 年度目标 (role target with a year of the period). An execution
    report's 附表 "2024年主要指标完成情况" then feeds monitoring like its prose does."""
    cat = catalogue or load_catalogue()
    out: list[Figure] = []
    for table in tables:
        for row in table.rows:
            cells = [c for c in row.values if c.year is not None and period[0] <= c.year <= period[1]
                     and (c.role == Role.ACTUAL or (targets and c.role == Role.TARGET))]
            measure = _table_measure(row, cat) if cells else None
            if measure is None:
                continue
            for c in cells:
                pv = c.parsed
                if pv is None or pv.parts or value_of(pv) is None:
                    continue
                span = c.span or row.span
                out.append(Figure(indicator=row.name, raw=c.raw, value=value_of(pv), unit=row.unit,
                                  qualifier=pv.qualifier, measure=measure, year=c.year,
                                  sentence=f"{table.title}：{row.name} {c.raw}{row.unit or ''}", span=span,
                                  kind="observation" if c.role == Role.ACTUAL else "target"))
    return out


def document_records(db: Database, plan: PlanView, rows: list[RowConcepts], period: tuple[int, int],
                     catalogue: Catalogue | None = None) -> list[ActualRecord]:
    """Records from every other current document of the plan's region (reports, bulletins, annual plans): the
    figures of its prose and the 完成值 of its tables."""
    me = plan.summary()
    out: list[ActualRecord] = []
    if not me.region:
        return out
    facts = document_facts(db)
    for doc in db.documents(region=me.region):
        if doc.id == me.id:
            continue
        figures, doc_tables = facts(doc.id)
        annual = doc.kind in ANNUAL_PLAN_KINDS
        tables = table_figures(doc_tables, period, targets=annual, catalogue=catalogue)
        out += figure_records([*figures, *tables], rows, period=period, document_id=doc.id,
                              source=doc.file_name, title=doc.title, targets=annual, catalogue=catalogue)
    return out


def _entries_module() -> Any:
    try:
        from planscope.store import entries
    except ImportError:  # a store without the data-entry module
        return None
    return entries


def _row_of(e: dict[str, Any], rows: list[RowConcepts], by_row_id: dict[int, int]) -> tuple[int | None, int | None]:
    """(row index, part) of an entered value: by stored row id, else catalogue id (which also names the part of
    an a/b row: "机场旅客吞吐量" is part 0 of 机场旅客/货邮吞吐量), else seq, else the row's name."""
    idx = by_row_id.get(e["row_id"]) if e.get("row_id") is not None else None
    canonical = e.get("canonical")
    if idx is None and canonical:
        idx = next((rc.index for rc in rows if any(c.id == canonical for c in rc.concepts)), None)
    if idx is None and e.get("seq"):
        idx = next((rc.index for rc in rows if rc.row.seq == e["seq"]), None)
    if idx is None and e.get("indicator"):
        idx = next((rc.index for rc in rows if rc.row.name == e["indicator"]), None)
    if idx is None:
        return None, None
    part = next((c.part for c in rows[idx].concepts if canonical and c.id == canonical), None)
    return idx, part


def _catalogue_id(name: str) -> str | None:
    try:
        return load_catalogue().match(name).id
    except Exception:  # the catalogue helps link a name; it is never a reason to drop a value
        return None


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", "").replace("，", "")) if text else None
    except ArithmeticError:
        return None


def entered_records(db: Database, plan: PlanView, row_ids: list[int], rows: list[RowConcepts],
                    period: tuple[int, int]) -> list[ActualRecord]:
    """Values people entered for this plan (store.entries: the current version of each, a correction supersedes
    the entry it replaces). Linked to a row by its stored row id, else by catalogue id, else by seq."""
    entries = _entries_module()
    if entries is None:
        return []
    from sqlalchemy import inspect

    if not inspect(db.engine).has_table("entered_observations"):
        return []  # a store not yet migrated to the data-entry tables
    with db.session() as s:
        current = entries.entered_observations(s, plan.id)
    by_row_id = {rid: i for i, rid in enumerate(row_ids)}
    out = []
    for e in current:
        year = e.get("year")
        if year is None or not period[0] <= year <= period[1]:
            continue
        idx, part = _row_of(e, rows, by_row_id)
        if idx is None:
            continue
        raw, printed = e.get("raw") or str(e["value"]), None
        if e.get("unit") and rows[idx].row.unit and e["unit"] != rows[idx].row.unit:
            # entered in another unit (store.entries converted the value to the row's): show it as typed, with unit
            raw, printed = f"{raw}{e['unit']}", _decimal(e.get("raw"))
        out.append(ActualRecord(
            row_index=idx, part=part, year=year, value=Decimal(str(e["value"])), raw=raw,
            relation=ENTERED, kind=ENTERED, indicator=e.get("indicator") or "", unit=e.get("unit"), printed=printed,
            source=e.get("source"), entered_by=e.get("entered_by"), entered_at=e.get("entered_at"),
            note=e.get("note")))
    return out


def entered_annual_targets(revisions: list[dict[str, Any]], row_ids: list[int], rows: list[RowConcepts],
                           period: tuple[int, int]) -> list[ActualRecord]:
    """Annual plans' own targets for a year that people entered (store.entries.set_annual_target: revisions of
    role annual_target) as target records; they win over an annual plan report's prose, like any entry."""
    from planscope.monitor.spec import value_of
    from planscope.parse.values import parse_value

    by_row_id = {rid: i for i, rid in enumerate(row_ids)}
    out = []
    for e in revisions:
        year = e.get("year")
        if e.get("role") != "annual_target" or year is None or not period[0] <= year <= period[1]:
            continue
        idx, part = _row_of({**e, "canonical": e.get("canonical") or _catalogue_id(e.get("indicator") or "")},
                            rows, by_row_id)
        pv = parse_value(e.get("raw") or "")
        value = value_of(pv) if pv is not None and not pv.parts else None
        if idx is None or value is None:
            continue
        out.append(ActualRecord(
            row_index=idx, part=part, year=year, value=value, raw=e.get("raw") or "", relation=ENTERED,
            kind="target", indicator=e.get("indicator") or "", unit=e.get("unit"),
            qualifier=str(pv.qualifier) if pv is not None and pv.qualifier else None, source=e.get("source"),
            entered_by=e.get("entered_by"), entered_at=e.get("entered_at"), note=e.get("reason") or e.get("note")))
    return out


def target_revisions(db: Database, plan: PlanView) -> list[dict[str, Any]]:
    """Targets people changed after the plan was published (store.entries), current versions only."""
    entries = _entries_module()
    if entries is None or not hasattr(entries, "target_revisions"):
        return []
    from sqlalchemy import inspect

    if not inspect(db.engine).has_table("target_revisions"):
        return []
    with db.session() as s:
        return list(entries.target_revisions(s, plan.id))


@dataclass
class RowActuals:
    """What is known for one row: the series each part is assessed on, the records behind it, the context."""

    series: dict[int | None, dict[int, Decimal]]  # part -> year -> value (the year's value, or increment)
    used: dict[int | None, dict[int, list[ActualRecord]]]  # part -> year -> the record(s) that value came from
    running_total: dict[int | None, bool]  # part -> the series holds totals to date, not increments
    annual_targets: dict[int | None, dict[int, Decimal]]  # part -> year -> an annual plan's own target
    target_records: list[ActualRecord]
    related: list[ActualRecord]  # context only
    others: list[ActualRecord]  # records not used (a different source won)


def select(records: list[ActualRecord], row_index: int, parts: list[int | None]) -> RowActuals:
    """One value per part and year. A person's entry wins; then a figure naming the indicator itself (`same`),
    the latest document first; else the year's components from one document, added up."""
    mine = [r for r in records if r.row_index == row_index]
    ra = RowActuals({}, {}, {}, {}, [r for r in mine if r.kind == "target"],
                    [r for r in mine if r.relation == RELATED], [])
    for part in parts:
        ours = [r for r in mine if r.part == part and r.relation != RELATED]
        obs = [r for r in ours if r.kind != "target"]
        series, used, running = _choose(obs)
        ra.series[part], ra.used[part], ra.running_total[part] = series, used, running
        chosen = {id(r) for rs in used.values() for r in rs}
        ra.others += [r for r in obs if id(r) not in chosen]
        tseries, _, _ = _choose([r for r in ours if r.kind == "target"])
        ra.annual_targets[part] = tseries
    return ra


def _choose(records: list[ActualRecord]) -> tuple[dict[int, Decimal], dict[int, list[ActualRecord]], bool]:
    series: dict[int, Decimal] = {}
    used: dict[int, list[ActualRecord]] = {}
    for year in sorted({r.year for r in records}):
        this = [r for r in records if r.year == year and r.value is not None]
        entered = [r for r in this if r.relation == ENTERED]
        same = sorted((r for r in this if r.relation == SAME), key=lambda r: -(r.document_id or 0))
        comps = [r for r in this if r.relation == COMPONENT]
        if entered:
            pick = [entered[-1]]  # the latest entry
        elif same:
            pick = [same[0]]
        elif comps:
            doc = max(r.document_id or 0 for r in comps)
            pick = _distinct([r for r in comps if (r.document_id or 0) == doc])
        else:
            continue
        series[year] = sum((r.value for r in pick if r.value is not None), Decimal(0))
        used[year] = pick
    running = bool(used) and used[max(used)][0].running_total
    return series, used, running


def _distinct(records: list[ActualRecord]) -> list[ActualRecord]:
    """Components of one year, each counted once (the same figure can be linked twice through two names)."""
    seen, out = set(), []
    for r in records:
        key = (r.line, r.raw, r.indicator)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
