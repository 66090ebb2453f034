"""One Extraction (with its SourceText) → rows, in two steps:

- `prepare` (pure Python, no database): every row of the document as a plain dict, the paragraphs folded for the
  full-text index, numbers as exact decimal strings. A Dask worker runs it (planscope.scale), so the single
  writer does as little as possible; a plain ingest runs it in-process.
- `write`: executes the inserts, a handful of multi-row statements per table (no flush per row). Ids of parents
  come back from INSERT … RETURNING together with each row's position, so children are linked without relying
  on the order a database returns rows in.

The caller owns the transaction: one per file (or a SAVEPOINT per file in a batch), so a failure part-way leaves
nothing half-written. `load_extraction` = `write(prepare(…))`.

Loading is keyed by the content hash: the same bytes are never stored twice. A file with the same identity as
a stored document (region + kind + period + title; the file name when there is no title) but other content is
a new version: the old one is kept, marked not current, and linked from the new one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from planscope import model as m
from planscope.ingest import SourceText
from planscope.store import rows as rows_mod
from planscope.store import schema as s
from planscope.store.fts import index_document, index_form
from planscope.store.regions import ensure_region

# Kinds of document that are plans (get a `plans` row): the five-year plan and the annual plan (execution report).
PLAN_KINDS = ("five_year_plan", "annual_plan_report")

Row = dict[str, Any]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_source(src: SourceText) -> str:
    """Hash of the text as read, for sources that come without their file bytes."""
    return sha256_bytes("\n".join(src.original_lines).encode("utf-8"))


@dataclass
class Loaded:
    document_id: int
    version_of: int | None


@dataclass
class Prepared:
    """One document's rows, ready to insert: each table's rows as lists in `rows.columns` order less the id, with
    values in stored form (rows.encoder), so they pickle cheaply from a worker and the writer only sends them.
    Links to rows that do not exist yet are positions in the side lists below; `write` fills in the ids (in place,
    so writing the same Prepared again, e.g. a retry, is safe). Rows are written in order: ids follow positions."""

    document: Row  # documents columns except region_id, level (when from the region), version fields
    region: tuple[str, str | None, str | None] | None  # (name, level, parent name) for ensure_region
    level: str | None  # the document's own level; None: its region's
    plan_number: str | None
    text: list[Any]
    removed: list[list[Any]] = field(default_factory=list)
    paragraphs: list[list[Any]] = field(default_factory=list)
    folded: list[str] = field(default_factory=list)  # the index's form of each paragraph (fts.index_form)
    sections: list[list[Any]] = field(default_factory=list)
    section_parents: list[int | None] = field(default_factory=list)  # position of each section's parent
    footnotes: list[list[Any]] = field(default_factory=list)
    tables: list[list[Any]] = field(default_factory=list)
    table_problems: list[list[Any]] = field(default_factory=list)
    table_problem_tables: list[int] = field(default_factory=list)  # position of each problem's table
    rows: list[list[Any]] = field(default_factory=list)  # indicator rows
    row_tables: list[int] = field(default_factory=list)  # position of each row's table
    values: list[list[Any]] = field(default_factory=list)  # indicator values
    value_rows: list[int] = field(default_factory=list)  # index in `rows` of each value's row
    figures: list[list[Any]] = field(default_factory=list)
    projects: list[list[Any]] = field(default_factory=list)
    project_checks: list[list[Any]] = field(default_factory=list)
    problems: list[list[Any]] = field(default_factory=list)  # document-scope warnings

    @property
    def is_plan(self) -> bool:
        return self.document["kind"] in PLAN_KINDS


class _Spec:
    """One table as the loader writes it: columns without the id, the encoder, where the links go."""

    def __init__(self, model: type[s.Base]) -> None:
        self.table: Table = model.__table__  # type: ignore[assignment]
        self.name = self.table.name
        every = rows_mod.columns(self.table)
        encode = rows_mod.encoder(self.table)
        if every[0] == "id":  # ids are the database's (leaf tables) or given by `write` (parents)
            self.columns, self.encode = every[1:], lambda d: encode(d)[1:]
        else:  # document_texts: keyed by its document
            self.columns, self.encode = every, encode
        self.at = {c: i for i, c in enumerate(self.columns)}

    def insert(self, session: Session, rows: list[list[Any]], doc_id: int | None = None,
               ids: list[int] | None = None) -> None:
        if doc_id is not None:
            k = self.at["document_id"]
            for r in rows:
                r[k] = doc_id
        if ids is None:
            rows_mod.insert_rows(session, self.name, self.columns, rows)
        else:
            rows_mod.insert_rows(session, self.name, ["id", *self.columns],
                                 [[i, *r] for i, r in zip(ids, rows, strict=True)])


def _specs() -> dict[str, _Spec]:
    from planscope.store.schema_projects import ProjectCheck

    models = (s.DocumentText, s.RemovedLine, s.Paragraph, s.Section, s.Footnote, s.IndicatorTable, s.IndicatorRow,
              s.IndicatorValue, s.Figure, s.Project, ProjectCheck, s.Problem)
    return {m.__tablename__: _Spec(m) for m in models}


_SPEC: dict[str, _Spec] = {}


def _spec(name: str) -> _Spec:
    if not _SPEC:
        _SPEC.update(_specs())
    return _SPEC[name]


def find_by_hash(session: Session, sha: str) -> s.Document | None:
    return session.scalars(select(s.Document).where(s.Document.sha256 == sha)).first()


# --- step 1: prepare (no database) ---------------------------------------------------------------------------

def _without(d: Row, key: str) -> Row:
    return {k: v for k, v in d.items() if k != key}


def prepare(src: SourceText, ex: m.Extraction, *, path: str, sha256: str, size: int) -> Prepared:
    """Every row of one document, without touching a database (safe to run on any worker)."""
    meta = ex.document
    period = meta.period or (None, None)
    level = str(meta.level) if meta.level else None
    doc = {"file_name": ex.source or src.name, "path": path, "sha256": sha256, "size": size, "format": src.format,
           "encoding": src.encoding, "script": meta.script or src.script, "title": meta.title, "kind": str(meta.kind),
           "period_start": period[0], "period_end": period[1], "line_count": len(src.original_lines),
           "meta": {**meta.to_json(), "plan_number": meta.plan_number}}
    enc = {name: _spec(name).encode for name in ("removed_lines", "paragraphs", "sections", "footnotes",
                                                   "indicator_tables", "problems", "indicator_rows",
                                                   "indicator_values", "figures", "projects", "project_checks")}
    out = Prepared(document=doc, region=(meta.region, level, meta.parent_region) if meta.region else None,
                   level=level, plan_number=meta.plan_number,
                   text=_spec("document_texts").encode({"original": "\n".join(src.original_lines),
                                                        "clean": "\n".join(src.lines), "rendering": src.rendering}))
    out.removed = [enc["removed_lines"]({"line": r.line, "reason": r.reason, "text": r.text}) for r in src.removed]
    for i, p in enumerate(src.paragraphs()):
        out.paragraphs.append(enc["paragraphs"]({"position": i, "text": p.text, "line_start": p.line_start,
                                                 "line_end": p.line_end}))
        out.folded.append(index_form(p.text))
    _prepare_outline(out, ex.outline, enc["sections"])
    out.footnotes = [enc["footnotes"]({"position": i, "mark": f.mark, "text": f.text, "line_start": f.span.line_start,
                                       "line_end": f.span.line_end, "uses": list(f.uses), "data": f.to_json()})
                     for i, f in enumerate(ex.footnotes)]
    _prepare_tables(out, ex.indicator_tables, enc)
    out.figures = [enc["figures"](r) for r in _figure_rows(ex.targets, "target")
                   + _figure_rows(ex.observations, "observation")]
    out.projects = [enc["projects"]({
        "position": i, "name": p.name, "group_path": list(p.group), "total_investment": p.total_investment,
        "period_investment": p.period_investment, "unit": p.unit, "is_subtotal": p.is_subtotal,
        "line_start": p.span.line_start, "line_end": p.span.line_end, "data": p.to_json()})
        for i, p in enumerate(ex.projects)]
    # parse.projects.check.Mismatch objects; the store keeps their figures exact and their JSON as printed
    out.project_checks = [enc["project_checks"]({
        "position": i, "table_title": c.table, "project_key": c.row_id, "name": c.name, "column": c.column,
        "stated": c.stated, "computed": c.computed, "line_start": c.lines[0], "line_end": c.lines[-1],
        "child_lines": list(c.child_lines), "data": c.to_json()}) for i, c in enumerate(ex.project_checks)]
    out.problems = [enc["problems"]({"scope": "document", "message": w}) for w in ex.warnings]
    return out


def _prepare_outline(out: Prepared, outline: list[m.Heading], encode: Any) -> None:
    # Nest by level: a heading's parent is the nearest earlier heading of a smaller level.
    stack: list[tuple[int, int]] = []  # (level, position)
    for i, h in enumerate(outline):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        out.sections.append(encode({"position": i, "level": h.level, "kind": h.kind, "number": h.number,
                                    "title": h.title, "line_start": h.span.line_start, "line_end": h.span.line_end,
                                    "data": h.to_json()}))
        out.section_parents.append(stack[-1][1] if stack else None)
        stack.append((h.level, i))


def _prepare_tables(out: Prepared, tables: list[m.IndicatorTable], enc: dict[str, Any]) -> None:
    for i, t in enumerate(tables):
        out.tables.append(enc["indicator_tables"]({
            "position": i, "title": t.title, "kind": t.kind, "line_start": t.span.line_start,
            "line_end": t.span.line_end, "columns": list(t.columns), "notes": list(t.notes),
            "problems": list(t.problems), "data": _without(t.to_json(), "rows")}))
        out.table_problems += [enc["problems"]({"scope": "table", "message": p}) for p in t.problems]
        out.table_problem_tables += [i] * len(t.problems)
        for j, r in enumerate(t.rows):
            out.row_tables.append(i)
            out.rows.append(enc["indicator_rows"]({
                "position": j, "category": r.category, "seq": r.seq, "name": r.name, "parent_name": r.parent_name,
                "unit": r.unit, "attribute": r.attribute, "canonical": r.canonical, "inherited": list(r.inherited),
                "line_start": r.span.line_start, "line_end": r.span.line_end,
                "data": _without(r.to_json(), "values")}))
            out.values += [enc["indicator_values"](_value_row(k, v)) for k, v in enumerate(r.values)]
            out.value_rows += [len(out.rows) - 1] * len(r.values)


def _value_row(position: int, v: m.CellValue) -> Row:
    p = v.parsed
    span = v.span
    return {
        "position": position, "role": str(v.role), "year": v.year, "raw": v.raw,
        "parsed": p.to_json() if p else None, "qualifier": str(p.qualifier) if p else None,
        "value": p.value if p else None, "low": p.low if p else None, "high": p.high if p else None,
        "parts": [str(x) for x in p.parts] if p and p.parts is not None else None,
        "ref_year": p.ref_year if p else None, "cumulative": bool(p and p.cumulative),
        "footnote_mark": bool(p and p.footnote_mark), "text": p.text if p else None, "unit": p.unit if p else None,
        "line_start": span.line_start if span else None, "line_end": span.line_end if span else None}


def _figure_rows(figures: list[m.Figure], kind: str) -> list[Row]:
    return [{"kind": kind, "position": i, "indicator": f.indicator, "raw": f.raw, "value": f.value,
             "unit": f.unit, "qualifier": str(f.qualifier) if f.qualifier else None, "measure": str(f.measure),
             "year": f.year, "sentence": f.sentence, "scope": f.scope, "canonical": f.canonical,
             "line_start": f.span.line_start, "line_end": f.span.line_end, "data": f.to_json()}
            for i, f in enumerate(figures)]


# --- step 2: write (inserts only) ----------------------------------------------------------------------------

def _previous_version(session: Session, doc: Row) -> tuple[int, int] | None:
    """(id, version) of the current document this one is a new version of, if any."""
    d = s.Document
    q = select(d.id, d.version).where(d.current.is_(True), d.kind == doc["kind"])
    if doc["title"]:
        q = q.where(d.title == doc["title"],
                    d.region_id.is_(None) if doc["region_id"] is None else d.region_id == doc["region_id"],
                    d.period_start.is_(None) if doc["period_start"] is None
                    else d.period_start == doc["period_start"],
                    d.period_end.is_(None) if doc["period_end"] is None else d.period_end == doc["period_end"])
    else:  # no title detected: the same file name is the only identity we have
        q = q.where(d.title.is_(None), d.file_name == doc["file_name"])
    found = session.execute(q.order_by(d.id.desc())).first()
    return (found[0], found[1]) if found else None


def write(session: Session, p: Prepared) -> Loaded:
    """Insert one prepared document in the caller's transaction."""
    doc = p.document
    region = ensure_region(session, *p.region) if p.region else None
    doc["region_id"] = region.id if region else None
    doc["level"] = p.level or (region.level if region else None)
    prev = _previous_version(session, doc)
    doc["version_of"], doc["version"], doc["current"] = (prev[0], prev[1] + 1, True) if prev else (None, 1, True)
    documents: Table = s.Document.__table__  # type: ignore[assignment]
    # The document row first: from here on this transaction holds SQLite's write lock (see rows.new_ids).
    doc_id = session.execute(insert(documents).returning(documents.c.id), doc).scalar_one()
    if prev is not None:
        session.execute(update(documents).where(documents.c.id == prev[0]).values(current=False))
    _spec("document_texts").insert(session, [p.text], doc_id)
    _spec("removed_lines").insert(session, p.removed, doc_id)
    _load_paragraphs(session, doc_id, p)
    if p.is_plan:
        session.execute(insert(s.Plan.__table__).values(  # type: ignore[arg-type]
            id=doc_id, region_id=doc["region_id"], level=doc["level"], kind=doc["kind"],
            period_start=doc["period_start"], period_end=doc["period_end"], plan_number=p.plan_number))
    _load_outline(session, doc_id, p)
    _spec("footnotes").insert(session, p.footnotes, doc_id)
    _load_tables(session, doc_id, p)
    _load_figures(session, doc_id, p.figures)
    _spec("projects").insert(session, p.projects, doc_id)
    _spec("project_checks").insert(session, p.project_checks, doc_id)
    _spec("problems").insert(session, p.problems, doc_id)
    session.flush()  # ORM changes made above (a region adopted by its parent) before the plan links are read
    if p.is_plan:
        link_parent_plans(session, doc_id)
    return Loaded(doc_id, prev[0] if prev else None)


def load_extraction(session: Session, src: SourceText, ex: m.Extraction, *, path: str, sha256: str,
                    size: int) -> Loaded:
    return write(session, prepare(src, ex, path=path, sha256=sha256, size=size))


def _load_paragraphs(session: Session, doc_id: int, p: Prepared) -> None:
    spec = _spec("paragraphs")
    ids = rows_mod.new_ids(session, spec.table, len(p.paragraphs))
    spec.insert(session, p.paragraphs, doc_id, ids)
    # the full-text index, in the same transaction, from the text folded by `prepare`
    index_document(session, doc_id, folded=list(zip(ids, p.folded, strict=True)))


def _load_outline(session: Session, doc_id: int, p: Prepared) -> None:
    spec = _spec("sections")
    ids = rows_mod.new_ids(session, spec.table, len(p.sections))
    k = spec.at["parent_id"]
    for r, parent in zip(p.sections, p.section_parents, strict=True):
        r[k] = None if parent is None else ids[parent]
    spec.insert(session, p.sections, doc_id, ids)


def _load_tables(session: Session, doc_id: int, p: Prepared) -> None:
    tables, problems, rows, values = (_spec(n) for n in ("indicator_tables", "problems", "indicator_rows",
                                                          "indicator_values"))
    table_ids = rows_mod.new_ids(session, tables.table, len(p.tables))
    tables.insert(session, p.tables, doc_id, table_ids)
    k = problems.at["table_id"]
    for r, pos in zip(p.table_problems, p.table_problem_tables, strict=True):
        r[k] = table_ids[pos]
    problems.insert(session, p.table_problems, doc_id)
    row_ids = rows_mod.new_ids(session, rows.table, len(p.rows))
    k = rows.at["table_id"]
    for r, pos in zip(p.rows, p.row_tables, strict=True):
        r[k] = table_ids[pos]
    rows.insert(session, p.rows, doc_id, row_ids)
    k = values.at["row_id"]
    for v, i in zip(p.values, p.value_rows, strict=True):
        v[k] = row_ids[i]
    values.insert(session, p.values)


def _load_figures(session: Session, doc_id: int, rows: list[list[Any]]) -> None:
    _spec("figures").insert(session, rows, doc_id)


@cache
def _link_statements() -> tuple[Any, Any, Any, Any]:
    """link_parent_plans' statements, built once (building SQLAlchemy expressions per plan cost ~1 ms).
    Parameters are b_…: update() reserves the column names."""
    from sqlalchemy import bindparam

    p: Table = s.Plan.__table__  # type: ignore[assignment]
    r: Table = s.Region.__table__  # type: ignore[assignment]
    d: Table = s.Document.__table__  # type: ignore[assignment]
    same = (p.c.kind == bindparam("b_kind"), p.c.period_start.is_not_distinct_from(bindparam("b_ps")),
            p.c.period_end.is_not_distinct_from(bindparam("b_pe")))  # a missing period matches a missing one
    this = (select(p.c.region_id, p.c.kind, p.c.period_start, p.c.period_end, r.c.parent_id)
            .select_from(p.outerjoin(r, r.c.id == p.c.region_id)).where(p.c.id == bindparam("b_id")))
    parent = (select(p.c.id).join(d, d.c.id == p.c.id)
              .where(p.c.region_id == bindparam("b_region"), d.c.current.is_(True), *same)
              .order_by(p.c.id.desc()).limit(1))
    set_parent = update(p).where(p.c.id == bindparam("b_id")).values(parent_plan_id=bindparam("b_parent"))
    children = select(r.c.id).where(r.c.parent_id == bindparam("b_region")).scalar_subquery()
    adopt = update(p).where(p.c.region_id.in_(children), *same).values(parent_plan_id=bindparam("b_parent"))
    return this, parent, set_parent, adopt


def link_parent_plans(session: Session, plan_id: int) -> None:
    """Set the parent of a newly loaded plan (the current plan of the parent region of the same kind and period: a
    district plan → its city's plan), and point the plans of its child regions at it. Core statements, no ORM
    objects loaded; Plan objects the session already holds are expired so they show the new links."""
    this, parent_q, set_parent, adopt = _link_statements()
    plan = session.execute(this, {"b_id": plan_id}).first()
    if plan is None:
        return
    same = {"b_kind": plan.kind, "b_ps": plan.period_start, "b_pe": plan.period_end}
    parent = None
    if plan.parent_id is not None:
        parent = session.execute(parent_q, {"b_region": plan.parent_id, **same}).scalar()
    session.execute(set_parent, {"b_id": plan_id, "b_parent": parent})
    if plan.region_id is not None:
        session.execute(adopt, {"b_region": plan.region_id, "b_parent": plan_id, **same})
    for obj in list(session.identity_map.values()):
        if isinstance(obj, s.Plan):
            session.expire(obj, ["parent_plan_id"])
