"""The commitments register over a store: a plan's commitments, their owners, and what the stored reports of
the same region and period say about each (the library call behind `planscope commitments`).

    reg = CommitmentRegister(planscope.open(db))
    view = reg.view("花都区")                       # commitments + owners + mentions in stored reports
    reg.assign(plan_id, "c05-s01-i01", department="发改局", due_year=2025, by="王")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select

from planscope.ingest import SourceText
from planscope.ingest.wrap import detect_wrapped
from planscope.monitor.commitments import Link, Linker, report_paragraphs
from planscope.parse.commitments import Commitment, parse_commitments
from planscope.places import PlaceRegister
from planscope.store.api import Database, PlanView
from planscope.store.queries import NotFound, iso_time
from planscope.store.schema_commitments import Commitment as CommitmentRow
from planscope.store.schema_commitments import CommitmentAudit, Ownership

REPORT_KINDS = ("annual_plan_report", "work_report")


@dataclass
class Owner:
    department: str | None
    due_year: int | None
    assigned_by: str
    assigned_at: str

    def to_json(self) -> dict[str, Any]:
        return {"department": self.department, "due": self.due_year, "by": self.assigned_by, "at": self.assigned_at}


@dataclass
class Entry:
    commitment: Commitment
    owner: Owner | None = None
    mentions: list[Link] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        c = self.commitment
        return {"id": c.id, "path": " > ".join(c.path), "kind": c.kind, "title": c.title, "text": c.text,
                "lines": c.span.lines(), "places": c.things, "quantities": c.quantities, "years": c.years,
                "owner": self.owner.to_json() if self.owner else None,
                "mentions": [{"source": m.source, "year": m.year, "kind": m.kind, "line": m.line, "text": m.sentence,
                              "report_lines": [m.report_line_start, m.report_line_end], "score": m.score,
                              "shared": m.shared, "state": m.state} for m in self.mentions]}


@dataclass
class RegisterView:
    plan_id: int
    region: str | None
    period: tuple[int, int] | None
    reports: list[dict[str, Any]]
    entries: list[Entry]

    def silent(self) -> list[Entry]:
        return [e for e in self.entries if not e.mentions]

    def filter(self, *, place: str | None = None, department: str | None = None, silent: bool = False,
               register: PlaceRegister | None = None) -> list[Entry]:
        out = self.silent() if silent else list(self.entries)
        if place:
            variants = (register.get(place).variants if register and register.get(place) else {place})
            out = [e for e in out if any(v in e.commitment.text or v in t for v in variants
                                         for t in e.commitment.things)]
        if department:
            out = [e for e in out if e.owner and e.owner.department and department in e.owner.department]
        return out

    def to_json(self, entries: list[Entry] | None = None) -> dict[str, Any]:
        es = self.entries if entries is None else entries
        return {"plan": {"id": self.plan_id, "region": self.region,
                         "period": list(self.period) if self.period else None},
                "reports": self.reports, "commitments": [e.to_json() for e in es],
                "silent": [e.commitment.id for e in self.silent()]}


def stored_text_source(view: PlanView) -> SourceText:
    """The stored text back as a SourceText (same line numbers as the file), from the lines as cleaned at ingest
    (align.stored.stored_source instead cleans the original lines again and keeps the stored format)."""
    s = view.summary()
    lines = view.lines()
    return SourceText(s.file_name, "txt", None, "simplified", view.lines(original=True), lines,
                      wrapped=detect_wrapped(lines))


class CommitmentRegister:
    def __init__(self, db: Database, register: PlaceRegister | None = None) -> None:
        self.db = db
        self.places = register or PlaceRegister.seeded()

    def commitments(self, plan: str | int) -> tuple[PlanView, list[Commitment]]:
        view = self.db.plan(plan)
        meta = view.meta()
        cs = parse_commitments(stored_text_source(view), view.outline(), region=meta.region, register=self.places)
        self._sync(view.id, cs)
        return view, cs

    def _sync(self, doc_id: int, cs: list[Commitment]) -> None:
        """Keep the commitments table equal to the current parse (ids are stable, so owners stay attached)."""
        with self.db._sessions.begin() as s:
            s.execute(delete(CommitmentRow).where(CommitmentRow.document_id == doc_id))
            for i, c in enumerate(cs):
                s.add(CommitmentRow(document_id=doc_id, key=c.id, position=i, path=" > ".join(c.path), kind=c.kind,
                                    title=c.title, text=c.text, line_start=c.span.line_start,
                                    line_end=c.span.line_end,
                                    data={"places": c.things, "quantities": c.quantities, "years": c.years}))

    def reports_for(self, view: PlanView) -> list[Any]:
        """Stored reports of the plan's region whose period falls in the plan's period."""
        plan = view.summary()
        out = []
        for d in self.db.documents():
            if d.id == plan.id or d.kind not in REPORT_KINDS or d.region != plan.region:
                continue
            if plan.period and d.period and not (plan.period[0] <= d.period[0] <= plan.period[1]):
                continue
            out.append(d)
        return out

    def view(self, plan: str | int) -> RegisterView:
        pv, cs = self.commitments(plan)
        meta = pv.meta()
        owners = self.owners(pv.id, "commitment")
        linker = Linker(cs, region=meta.region, register=self.places)
        links: list[Link] = []
        reports = []
        for d in self.reports_for(pv):
            rv = PlanView(self.db, d.id)
            links += linker.link(report_paragraphs(stored_text_source(rv)), source=d.file_name)
            reports.append({"id": d.id, "source": d.file_name, "period": list(d.period) if d.period else None})
        by: dict[str, list[Link]] = {}
        for lk in links:
            by.setdefault(lk.commitment_id, []).append(lk)
        entries = [Entry(c, owners.get(c.id), sorted(by.get(c.id, []), key=lambda x: (x.year or 0, -x.score)))
                   for c in cs]
        return RegisterView(pv.id, meta.region, meta.period, reports, entries)

    # --- ownership -------------------------------------------------------------------------------------------
    def owners(self, doc_id: int, kind: str | None = None) -> dict[str, Owner]:
        with self.db.session() as s:
            q = select(Ownership).where(Ownership.document_id == doc_id)
            if kind:
                q = q.where(Ownership.target_kind == kind)
            return {o.target_key: Owner(o.department, o.due_year, o.assigned_by,
                                        iso_time(o.assigned_at))
                    for o in s.scalars(q)}

    def assign(self, plan: str | int, target: str, *, department: str | None = None, due_year: int | None = None,
               by: str, kind: str | None = None) -> Owner:
        """Set the department and/or due year of a commitment (by id) or an indicator (by seq or name), writing
        one audit row per changed field."""
        if not by.strip():
            raise ValueError("--by is required: who makes this assignment")
        pv, cs = self.commitments(plan)
        if kind is None:
            kind = "commitment" if any(c.id == target for c in cs) else "indicator"
        if kind == "commitment" and not any(c.id == target for c in cs):
            raise NotFound(f"plan {pv.id} has no commitment {target!r}")
        if kind == "indicator":
            table = pv.indicators()
            rows = table.rows if table else []
            row = next((r for r in rows if r.seq == target or r.name == target), None)
            if row is None:
                raise NotFound(f"plan {pv.id} has no commitment or indicator {target!r} (give a commitment id "
                               "from `planscope commitments PLAN`, or an indicator seq or name)")
            target = row.seq or row.name
        with self.db._sessions.begin() as s:
            o = s.scalars(select(Ownership).where(Ownership.document_id == pv.id, Ownership.target_kind == kind,
                                                  Ownership.target_key == target)).first()
            if o is None:
                o = Ownership(document_id=pv.id, target_kind=kind, target_key=target, assigned_by=by)
                s.add(o)
            changes = []
            if department is not None and department != o.department:
                changes.append(("department", o.department, department))
                o.department = department
            if due_year is not None and due_year != o.due_year:
                changes.append(("due_year", o.due_year, due_year))
                o.due_year = due_year
            o.assigned_by = by
            if changes:  # the platform-wide audit log (store/entries.py), one entry per assignment
                from planscope.store.entries import record_audit

                record_audit(s, by, "assign_owner", "ownerships", o.id, {f: old for f, old, _ in changes},
                             {f: new for f, _, new in changes}, plan_id=pv.id, detail=f"{kind} {target}")
            for fld, old, new in changes:
                s.add(CommitmentAudit(document_id=pv.id, target_kind=kind, target_key=target, field=fld,
                                      old_value=None if old is None else str(old), new_value=str(new),
                                      changed_by=by))
            s.flush()
            return Owner(o.department, o.due_year, o.assigned_by, iso_time(o.assigned_at))

    def audit(self, plan: str | int) -> list[dict[str, Any]]:
        pv = self.db.plan(plan)
        with self.db.session() as s:
            rows = s.scalars(select(CommitmentAudit).where(CommitmentAudit.document_id == pv.id)
                             .order_by(CommitmentAudit.id))
            return [{"target_kind": r.target_kind, "target": r.target_key, "field": r.field, "old": r.old_value,
                     "new": r.new_value, "by": r.changed_by, "at": iso_time(r.changed_at)}
                    for r in rows]

    def by_department(self, plan: str | int) -> dict[str, list[str]]:
        """Department -> the commitment ids and indicators it owns."""
        pv = self.db.plan(plan)
        out: dict[str, list[str]] = {}
        for key, o in {**{f"indicator:{k}": v for k, v in self.owners(pv.id, "indicator").items()},
                       **self.owners(pv.id, "commitment")}.items():
            out.setdefault(o.department or "(none)", []).append(key)
        return out
