"""Reads for the Python API, the CLI and the HTTP API: rows back into the domain types of planscope.model."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from planscope import model as m
from planscope.store import schema as s
from planscope.store.load import PLAN_KINDS

E = TypeVar("E", bound=StrEnum)


class NotFound(LookupError):
    """A plan, document or region the store does not hold (str(e) says which and what there is)."""


def _enum(cls: type[E], v: str | None) -> Any:
    # A value a newer parser wrote that this enum does not know yet is kept as its string.
    if v is None:
        return None
    try:
        return cls(v)
    except ValueError:
        return v


@dataclass
class PlanSummary:
    """One line of `planscope plans`: a stored document (a plan when `is_plan`) with counts of what was found."""

    id: int
    file_name: str
    title: str | None
    region: str | None
    parent_region: str | None
    level: str | None
    kind: str
    period: tuple[int, int] | None
    is_plan: bool
    parent_plan_id: int | None
    version: int
    version_of: int | None
    current: bool
    ingested_at: str
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["period"] = list(self.period) if self.period else None
        return out


_COUNTS = {
    "headings": (s.Section.document_id, None),
    "tables": (s.IndicatorTable.document_id, None),
    "indicators": (s.IndicatorRow.document_id, None),
    "targets": (s.Figure.document_id, s.Figure.kind == "target"),
    "observations": (s.Figure.document_id, s.Figure.kind == "observation"),
    "footnotes": (s.Footnote.document_id, None),
    "projects": (s.Project.document_id, None),
}


def _counts(session: Session, doc_ids: list[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {d: dict.fromkeys(_COUNTS, 0) for d in doc_ids}
    if not doc_ids:
        return out
    for name, (col, cond) in _COUNTS.items():
        q = select(col, func.count()).where(col.in_(doc_ids)).group_by(col)
        if cond is not None:
            q = q.where(cond)
        for doc_id, n in session.execute(q):
            out[doc_id][name] = n
    return out


def list_documents(session: Session, *, plans_only: bool = True, include_old_versions: bool = False,
                   ids: list[int] | None = None, region: str | None = None) -> list[PlanSummary]:
    parent = s.Region.__table__.alias("parent_region")
    q = (select(s.Document, s.Region.name, parent.c.name, s.Plan.id, s.Plan.parent_plan_id)
         .outerjoin(s.Region, s.Region.id == s.Document.region_id)
         .outerjoin(parent, parent.c.id == s.Region.parent_id)
         .outerjoin(s.Plan, s.Plan.id == s.Document.id)
         .order_by(s.Document.id))
    if plans_only:
        q = q.where(s.Plan.id.is_not(None))
    if not include_old_versions:
        q = q.where(s.Document.current.is_(True))
    if ids is not None:
        q = q.where(s.Document.id.in_(ids))
    if region is not None:  # the issuing region's own documents (not those of the regions below it)
        q = q.where(s.Region.name == region)
    rows = session.execute(q).all()
    counts = _counts(session, [r[0].id for r in rows])
    return [PlanSummary(
        id=d.id, file_name=d.file_name, title=d.title, region=region, parent_region=parent_name, level=d.level,
        kind=d.kind, period=(d.period_start, d.period_end) if d.period_start is not None else None,
        is_plan=plan_id is not None, parent_plan_id=parent_plan, version=d.version, version_of=d.version_of,
        current=d.current, ingested_at=iso_time(d.ingested_at) or "", counts=counts[d.id],
    ) for d, region, parent_name, plan_id, parent_plan in rows]


def iso_time(d: datetime | None) -> str | None:
    """A stored time as ISO 8601 in UTC ("…+00:00"). SQLite gives back the naive UTC time it was given, PostgreSQL
    the instant in its server's time zone: shown as they come, the same moment would read differently."""
    if d is None:
        return None
    return (d if d.tzinfo else d.replace(tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")


def document_summary(session: Session, doc_id: int) -> PlanSummary:
    found = list_documents(session, plans_only=False, include_old_versions=True, ids=[doc_id])
    if not found:
        raise NotFound(f"no document or plan with id {doc_id}")
    return found[0]


def resolve_plan(session: Session, ref: str | int) -> int:
    """A plan id (any stored document id), or a region name meaning that region's latest current five-year plan."""
    text = str(ref).strip()
    if text.isdigit():
        doc_id = int(text)
        if session.get(s.Document, doc_id) is None:
            raise NotFound(f"no plan with id {doc_id} (`planscope plans` lists them)")
        return doc_id
    regions = list(session.scalars(select(s.Region.id).where(s.Region.name == text)))
    if not regions:
        known = sorted(set(session.scalars(select(s.Region.name))))
        hint = f"; known regions: {', '.join(known)}" if known else "; no regions stored yet"
        raise NotFound(f"no plan id or region named {text!r}{hint}")
    for kinds in (("five_year_plan",), PLAN_KINDS):
        q = (select(s.Document.id).join(s.Plan, s.Plan.id == s.Document.id)
             .where(s.Plan.region_id.in_(regions), s.Document.current.is_(True), s.Document.kind.in_(kinds))
             .order_by(s.Document.period_end.desc().nulls_last(), s.Document.ingested_at.desc(),
                       s.Document.id.desc()))
        found = session.scalars(q).first()
        if found is not None:
            return found
    raise NotFound(f"no plan stored for region {text!r}")


def outline(session: Session, doc_id: int) -> list[m.Heading]:
    rows = session.scalars(select(s.Section).where(s.Section.document_id == doc_id).order_by(s.Section.position))
    return [m.Heading(level=r.level, kind=r.kind, number=r.number, title=r.title,
                      span=m.Span(r.line_start, r.line_end)) for r in rows]


def section_parents(session: Session, doc_id: int) -> list[int | None]:
    """For each heading of outline(), the index of its parent heading (None at the top)."""
    rows = list(session.execute(select(s.Section.id, s.Section.parent_id)
                                .where(s.Section.document_id == doc_id).order_by(s.Section.position)))
    index = {sid: i for i, (sid, _) in enumerate(rows)}
    return [index.get(pid) if pid is not None else None for _, pid in rows]


def _parsed(v: s.IndicatorValue) -> m.ParsedValue | None:
    if v.qualifier is None:
        return None
    return m.ParsedValue(
        qualifier=_enum(m.Qualifier, v.qualifier), value=v.value,
        parts=[Decimal(x) for x in v.parts] if v.parts is not None else None, low=v.low, high=v.high,
        ref_year=v.ref_year, cumulative=v.cumulative, footnote_mark=v.footnote_mark, text=v.text, unit=v.unit)


@dataclass
class StoredTable:
    """An indicator table as stored: the domain table plus the ids needed to cite it."""

    id: int
    table: m.IndicatorTable
    row_ids: list[int]


def indicator_tables(session: Session, doc_id: int) -> list[StoredTable]:
    tables = list(session.scalars(select(s.IndicatorTable).where(s.IndicatorTable.document_id == doc_id)
                                  .order_by(s.IndicatorTable.position)))
    rows = list(session.scalars(select(s.IndicatorRow).where(s.IndicatorRow.document_id == doc_id)
                                .order_by(s.IndicatorRow.table_id, s.IndicatorRow.position)))
    values: dict[int, list[s.IndicatorValue]] = {}
    if rows:
        for v in session.scalars(select(s.IndicatorValue).where(s.IndicatorValue.row_id.in_([r.id for r in rows]))
                                 .order_by(s.IndicatorValue.row_id, s.IndicatorValue.position)):
            values.setdefault(v.row_id, []).append(v)
    out = []
    for t in tables:
        mt = m.IndicatorTable(title=t.title, span=m.Span(t.line_start, t.line_end), notes=list(t.notes),
                              columns=list(t.columns), kind=t.kind, problems=list(t.problems))
        ids = []
        for r in (r for r in rows if r.table_id == t.id):
            ids.append(r.id)
            mt.rows.append(m.IndicatorRow(
                name=r.name, span=m.Span(r.line_start, r.line_end), category=r.category, seq=r.seq,
                parent_name=r.parent_name, unit=r.unit, attribute=r.attribute, canonical=r.canonical,
                inherited=list(r.inherited),
                values=[m.CellValue(role=_enum(m.Role, v.role), raw=v.raw, year=v.year, parsed=_parsed(v),
                                    span=m.Span(v.line_start, v.line_end) if v.line_start is not None else None)
                        for v in values.get(r.id, [])]))
        out.append(StoredTable(t.id, mt, ids))
    return out


def figures(session: Session, doc_id: int, kind: str | None = None) -> list[m.Figure]:
    # the JSON copy (data) is read only for ranges, which keep their upper end there: decoding it for every
    # figure was most of the cost of reading a report's figures
    q = select(s.Figure).options(defer(s.Figure.data)).where(s.Figure.document_id == doc_id)
    if kind:
        q = q.where(s.Figure.kind == kind)
    rows = session.scalars(q.order_by(s.Figure.kind.desc(), s.Figure.position))  # targets first
    return [m.Figure(indicator=f.indicator, raw=f.raw, value=f.value, unit=f.unit,
                     qualifier=_enum(m.Qualifier, f.qualifier), measure=_enum(m.Measure, f.measure), year=f.year,
                     sentence=f.sentence, span=m.Span(f.line_start, f.line_end), kind=f.kind, scope=f.scope,
                     canonical=f.canonical, high=_high(f.data) if f.qualifier == "range" else None) for f in rows]


def _high(data: dict[str, Any] | None) -> Decimal | None:
    """A range's upper end, kept in the figure's JSON (no column of its own)."""
    high = (data or {}).get("high")
    return Decimal(str(high)) if high is not None else None


def footnotes(session: Session, doc_id: int) -> list[m.Footnote]:
    rows = session.scalars(select(s.Footnote).where(s.Footnote.document_id == doc_id).order_by(s.Footnote.position))
    return [m.Footnote(mark=f.mark, text=f.text, span=m.Span(f.line_start, f.line_end), uses=list(f.uses))
            for f in rows]


def projects(session: Session, doc_id: int) -> list[m.Project]:
    rows = session.scalars(select(s.Project).where(s.Project.document_id == doc_id).order_by(s.Project.position))
    return [_project(p) for p in rows]


def _project(p: s.Project) -> m.Project:
    d = p.data or {}
    out = m.Project(name=p.name, span=m.Span(p.line_start, p.line_end), group=list(p.group_path),
                    total_investment=p.total_investment, period_investment=p.period_investment, unit=p.unit,
                    is_subtotal=p.is_subtotal, extra=dict(d.get("extra") or {}))
    # the register's fields, stored in `data` (rows stored before they existed keep the defaults)
    out.id, out.parent_id, out.seq = d.get("id"), d.get("parent_id"), d.get("seq")
    out.kind, out.level = d.get("kind") or out.kind, int(d.get("level") or 0)
    out.period, out.status, out.content = d.get("period"), d.get("status"), d.get("content")
    out.confidence, out.source_title = d.get("confidence") or out.confidence, d.get("source_title")
    out.stated_count = d.get("stated_count")
    return out


def project_checks(session: Session, doc_id: int) -> list[dict[str, Any]]:
    """The stored subtotal mismatches of a document's project tables (Mismatch.to_json() shape, exact figures
    as Decimals under `stated`/`computed`)."""
    from planscope.store.schema_projects import ProjectCheck

    rows = session.scalars(select(ProjectCheck).where(ProjectCheck.document_id == doc_id)
                           .order_by(ProjectCheck.position))
    return [{**c.data, "stated": c.stated, "computed": c.computed, "difference": c.stated - c.computed,
             "lines": [c.line_start, c.line_end], "child_lines": list(c.child_lines)} for c in rows]


def problems(session: Session, doc_id: int) -> list[str]:
    return list(session.scalars(select(s.Problem.message).where(s.Problem.document_id == doc_id,
                                                                s.Problem.scope == "document")
                                .order_by(s.Problem.id)))


def text_lines(session: Session, doc_id: int, *, original: bool = False) -> list[str]:
    t = session.get(s.DocumentText, doc_id)
    if t is None:
        raise NotFound(f"no text stored for document {doc_id}")
    return (t.original if original else t.clean).split("\n")


def meta(session: Session, doc_id: int) -> m.DocumentMeta:
    d = session.get(s.Document, doc_id)
    if d is None:
        raise NotFound(f"no document with id {doc_id}")
    j = d.meta
    return m.DocumentMeta(title=d.title, region=j.get("region"), kind=_enum(m.DocumentKind, d.kind),
                          period=(d.period_start, d.period_end) if d.period_start is not None else None,
                          script=d.script or "simplified", level=_enum(m.Level, j.get("level")),
                          parent_region=j.get("parent_region"), plan_number=j.get("plan_number"))


@dataclass
class RegionNode:
    id: int
    name: str
    level: str | None
    parent_id: int | None
    children: list[RegionNode] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "level": self.level, "parent_id": self.parent_id,
                "children": [c.to_json() for c in self.children]}


def region_tree(session: Session) -> list[RegionNode]:
    nodes = {r.id: RegionNode(r.id, r.name, r.level, r.parent_id)
             for r in session.scalars(select(s.Region).order_by(s.Region.id))}
    roots = []
    for n in nodes.values():
        if n.parent_id in nodes:
            nodes[n.parent_id].children.append(n)
        else:
            roots.append(n)
    return roots


def table_counts(session: Session) -> dict[str, int]:
    """Row count of every store table (used to check that a re-ingest changed nothing)."""
    return {t.name: session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in s.Base.metadata.sorted_tables}
