"""One Extraction (with its SourceText) → rows. The caller owns the transaction: one per file, so a failure
part-way leaves nothing half-written.

Loading is keyed by the content hash: the same bytes are never stored twice. A file with the same identity as
a stored document (region + kind + period + title; the file name when there is no title) but other content is
a new version: the old one is kept, marked not current, and linked from the new one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planscope import model as m
from planscope.ingest import SourceText
from planscope.store import schema as s
from planscope.store.fts import index_document
from planscope.store.regions import ensure_region

# Kinds of document that are plans (get a `plans` row): the five-year plan and the annual plan (execution report).
PLAN_KINDS = ("five_year_plan", "annual_plan_report")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_source(src: SourceText) -> str:
    """Hash of the text as read, for sources that come without their file bytes."""
    return sha256_bytes("\n".join(src.original_lines).encode("utf-8"))


@dataclass
class Loaded:
    document_id: int
    version_of: int | None


def find_by_hash(session: Session, sha: str) -> s.Document | None:
    return session.scalars(select(s.Document).where(s.Document.sha256 == sha)).first()


def _span(span: m.Span | None) -> tuple[int | None, int | None]:
    return (span.line_start, span.line_end) if span else (None, None)


def _previous_version(session: Session, doc: s.Document) -> s.Document | None:
    q = select(s.Document).where(s.Document.current.is_(True), s.Document.id != doc.id, s.Document.kind == doc.kind)
    if doc.title:
        q = q.where(s.Document.title == doc.title,
                    s.Document.region_id.is_(None) if doc.region_id is None else s.Document.region_id == doc.region_id,
                    s.Document.period_start.is_(None) if doc.period_start is None
                    else s.Document.period_start == doc.period_start,
                    s.Document.period_end.is_(None) if doc.period_end is None
                    else s.Document.period_end == doc.period_end)
    else:  # no title detected: the same file name is the only identity we have
        q = q.where(s.Document.title.is_(None), s.Document.file_name == doc.file_name)
    return session.scalars(q.order_by(s.Document.id.desc())).first()


def load_extraction(session: Session, src: SourceText, ex: m.Extraction, *, path: str, sha256: str,
                    size: int) -> Loaded:
    meta = ex.document
    region = ensure_region(session, meta.region, str(meta.level) if meta.level else None,
                           meta.parent_region) if meta.region else None
    period = meta.period or (None, None)
    doc = s.Document(
        file_name=ex.source or src.name, path=path, sha256=sha256, size=size, format=src.format,
        encoding=src.encoding, script=meta.script or src.script, title=meta.title, kind=str(meta.kind),
        period_start=period[0], period_end=period[1], region_id=region.id if region else None,
        level=str(meta.level) if meta.level else (region.level if region else None),
        line_count=len(src.original_lines), version=1, current=True,
        meta={**meta.to_json(), "plan_number": meta.plan_number})
    session.add(doc)
    session.flush()
    prev = _previous_version(session, doc)
    if prev is not None:
        doc.version_of, doc.version = prev.id, prev.version + 1
        prev.current = False
    session.add(s.DocumentText(document_id=doc.id, original="\n".join(src.original_lines),
                               clean="\n".join(src.lines), rendering=src.rendering))
    session.add_all(s.RemovedLine(document_id=doc.id, line=r.line, reason=r.reason, text=r.text) for r in src.removed)
    _load_paragraphs(session, doc.id, src)
    index_document(session, doc.id)  # the full-text index, in the same transaction
    if doc.kind in PLAN_KINDS:
        session.add(s.Plan(id=doc.id, region_id=doc.region_id, level=doc.level, kind=doc.kind,
                           period_start=doc.period_start, period_end=doc.period_end, plan_number=meta.plan_number))
    _load_outline(session, doc.id, ex.outline)
    _load_footnotes(session, doc.id, ex.footnotes)
    _load_tables(session, doc.id, ex.indicator_tables)
    _load_figures(session, doc.id, ex.targets, "target")
    _load_figures(session, doc.id, ex.observations, "observation")
    _load_projects(session, doc.id, ex.projects)
    _load_project_checks(session, doc.id, ex.project_checks)
    session.add_all(s.Problem(document_id=doc.id, scope="document", message=w) for w in ex.warnings)
    session.flush()
    if doc.kind in PLAN_KINDS:
        link_parent_plans(session, doc.id)
    return Loaded(doc.id, prev.id if prev else None)


def _load_paragraphs(session: Session, doc_id: int, src: SourceText) -> None:
    session.add_all(s.Paragraph(document_id=doc_id, position=i, text=p.text, line_start=p.line_start,
                                line_end=p.line_end) for i, p in enumerate(src.paragraphs()))


def _load_outline(session: Session, doc_id: int, outline: list[m.Heading]) -> None:
    # Nest by level: a heading's parent is the nearest earlier heading of a smaller level.
    stack: list[tuple[int, s.Section]] = []
    for i, h in enumerate(outline):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        row = s.Section(document_id=doc_id, position=i, parent_id=stack[-1][1].id if stack else None, level=h.level,
                        kind=h.kind, number=h.number, title=h.title, line_start=h.span.line_start,
                        line_end=h.span.line_end, data=h.to_json())
        session.add(row)
        session.flush()
        stack.append((h.level, row))


def _load_footnotes(session: Session, doc_id: int, notes: list[m.Footnote]) -> None:
    session.add_all(s.Footnote(document_id=doc_id, position=i, mark=f.mark, text=f.text,
                               line_start=f.span.line_start, line_end=f.span.line_end, uses=list(f.uses),
                               data=f.to_json()) for i, f in enumerate(notes))


def _without(d: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != key}


def _load_tables(session: Session, doc_id: int, tables: list[m.IndicatorTable]) -> None:
    for i, t in enumerate(tables):
        table = s.IndicatorTable(document_id=doc_id, position=i, title=t.title, kind=t.kind,
                                 line_start=t.span.line_start, line_end=t.span.line_end, columns=list(t.columns),
                                 notes=list(t.notes), problems=list(t.problems), data=_without(t.to_json(), "rows"))
        session.add(table)
        session.flush()
        session.add_all(s.Problem(document_id=doc_id, table_id=table.id, scope="table", message=p)
                        for p in t.problems)
        for j, r in enumerate(t.rows):
            row = s.IndicatorRow(table_id=table.id, document_id=doc_id, position=j, category=r.category, seq=r.seq,
                                 name=r.name, parent_name=r.parent_name, unit=r.unit, attribute=r.attribute,
                                 canonical=r.canonical, inherited=list(r.inherited), line_start=r.span.line_start,
                                 line_end=r.span.line_end, data=_without(r.to_json(), "values"))
            session.add(row)
            session.flush()
            session.add_all(_value_row(row.id, k, v) for k, v in enumerate(r.values))


def _value_row(row_id: int, position: int, v: m.CellValue) -> s.IndicatorValue:
    p = v.parsed
    start, end = _span(v.span)
    return s.IndicatorValue(
        row_id=row_id, position=position, role=str(v.role), year=v.year, raw=v.raw,
        parsed=p.to_json() if p else None, qualifier=str(p.qualifier) if p else None,
        value=p.value if p else None, low=p.low if p else None, high=p.high if p else None,
        parts=[str(x) for x in p.parts] if p and p.parts is not None else None, ref_year=p.ref_year if p else None,
        cumulative=bool(p and p.cumulative), footnote_mark=bool(p and p.footnote_mark), text=p.text if p else None,
        unit=p.unit if p else None, line_start=start, line_end=end)


def _load_figures(session: Session, doc_id: int, figures: list[m.Figure], kind: str) -> None:
    session.add_all(s.Figure(
        document_id=doc_id, kind=kind, position=i, indicator=f.indicator, raw=f.raw, value=f.value, unit=f.unit,
        qualifier=str(f.qualifier) if f.qualifier else None, measure=str(f.measure), year=f.year,
        sentence=f.sentence, scope=f.scope, canonical=f.canonical, line_start=f.span.line_start,
        line_end=f.span.line_end, data=f.to_json()) for i, f in enumerate(figures))


def _load_projects(session: Session, doc_id: int, projects: list[m.Project]) -> None:
    session.add_all(s.Project(
        document_id=doc_id, position=i, name=p.name, group_path=list(p.group), total_investment=p.total_investment,
        period_investment=p.period_investment, unit=p.unit, is_subtotal=p.is_subtotal,
        line_start=p.span.line_start, line_end=p.span.line_end, data=p.to_json()) for i, p in enumerate(projects))


def _load_project_checks(session: Session, doc_id: int, checks: list[Any]) -> None:
    # parse.projects.check.Mismatch objects; the store keeps their figures exact and their JSON as printed
    from planscope.store.schema_projects import ProjectCheck

    session.add_all(ProjectCheck(
        document_id=doc_id, position=i, table_title=c.table, project_key=c.row_id, name=c.name, column=c.column,
        stated=c.stated, computed=c.computed, line_start=c.lines[0], line_end=c.lines[-1],
        child_lines=list(c.child_lines), data=c.to_json()) for i, c in enumerate(checks))


def _parent_plan_for(session: Session, plan: s.Plan) -> int | None:
    """The current plan of the parent region of the same kind and period (a district plan → its city's plan)."""
    if plan.region_id is None:
        return None
    region = session.get(s.Region, plan.region_id)
    if region is None or region.parent_id is None:
        return None
    q = (select(s.Plan.id).join(s.Document, s.Document.id == s.Plan.id)
         .where(s.Plan.region_id == region.parent_id, s.Plan.kind == plan.kind, s.Document.current.is_(True),
                s.Plan.period_start == plan.period_start, s.Plan.period_end == plan.period_end)
         .order_by(s.Plan.id.desc()))
    return session.scalars(q).first()


def link_parent_plans(session: Session, plan_id: int) -> None:
    """Set the parent of a newly loaded plan, and point the current plans of its child regions at it."""
    plan = session.get(s.Plan, plan_id)
    if plan is None:
        return
    plan.parent_plan_id = _parent_plan_for(session, plan)
    if plan.region_id is None:
        return
    children = session.scalars(
        select(s.Plan).join(s.Region, s.Region.id == s.Plan.region_id)
        .where(s.Region.parent_id == plan.region_id, s.Plan.kind == plan.kind,
               s.Plan.period_start == plan.period_start, s.Plan.period_end == plan.period_end))
    for child in children:
        child.parent_plan_id = plan.id
    session.flush()

