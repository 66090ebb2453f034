"""The major-projects register over a store: a plan's projects (tables, 专栏 entries, 专栏 name lists) with their
hierarchy, amounts and subtotal checks, what later execution reports of the same region say of each, and the
status an editor sets by hand (the library call behind `planscope projects`).

    reg = ProjectRegister(planscope.open(db))
    view = reg.view("花都区")                      # projects + mentions + checks
    reg.entry(plan_id, "b8.2").mentions           # every report sentence naming the project, with its line
    reg.set_status(plan_id, "b8.2", "在建", by="王", note="2024年报告：主体结构封顶")

Mentions reuse the commitments linker (monitor/commitments.py): each project becomes a linkable record whose
names are its name as printed and its core name (without bracketed extents and a generic 工程/项目), and a
mention is kept only when the report writes one of those names (keyword overlap alone does not identify a
project). The state of a mention comes from the linker's cue words, shown as the register's statuses:
开工/动工 → 新开工, 在建/加快建设/推进/封顶 → 在建, 建成/竣工/完工/通车/投入使用/开业 → 竣工,
获批/批复 → 获批, 未获批/尚未/待批 → 未获批.

Status over time (储备 → 新开工 → 在建 → 竣工): per report year, the furthest lifecycle state that year's
execution part gives the project; the derived status is the furthest over all years (a project does not go
back), else what the plan's own 建设性质 cell says (续建 → 在建), else 储备. A status set by an editor wins and
is shown with who set it and when; the derived one stays visible beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from planscope import model as m
from planscope.monitor.commitments import Link, Linker, report_paragraphs, state_of
from planscope.monitor.commitments_register import CommitmentRegister, stored_text_source
from planscope.parse.commitments import Commitment
from planscope.parse.projects.lists import core_name, find_listed_projects
from planscope.places import PlaceRegister, fold, name_key
from planscope.store import queries
from planscope.store.api import Database, PlanView
from planscope.store.entries import EntryError
from planscope.store.queries import NotFound, iso_time
from planscope.store.schema_projects import ProjectStatus

LIFECYCLE = ("储备", "新开工", "在建", "竣工")
APPROVAL = ("获批", "未获批")
MANUAL = (*LIFECYCLE, *APPROVAL, "停缓建", "取消")  # what an editor may set
STATE_STATUS = {"started": "新开工", "under_construction": "在建", "completed": "竣工", "approved": "获批",
                "not_approved": "未获批"}
# The plan's own 建设性质 / 项目状态 cell, when its table has one.
_PLAN_CELL = [(re.compile(r"竣工|建成|完工"), "竣工"), (re.compile(r"续建|在建"), "在建"),
              (re.compile(r"新开工|新建|开工"), "新开工"), (re.compile(r"储备|前期|预备|谋划"), "储备")]
_SEGMENT = re.compile(r"[（(〔\[【][^（）()〔〕\[\]【】]*[-—–~～至][^（）()〔〕\[\]【】]*[）)〕\]】]")
_OPEN, _CLOSE = "(（〔[【", ")）〕]】"
_DASHES = re.compile(r"[-—–~～至\s]+|段$")
_CLAUSE = re.compile(r"[,，。；;！？!?]")


def _norm_extent(text: str) -> str:
    return _DASHES.sub("", text.strip("()（）〔〕[]【】"))


def _extent(name: str) -> str | None:
    """The bracketed extent of a road or line (花都大道—山前旅游大道), normalised, or None."""
    m = _SEGMENT.search(fold(name))
    return _norm_extent(m.group(0)) if m else None


def _occurrence(sentence: str, keys: list[str], extent: str | None) -> tuple[str, int] | None:
    """Where the sentence writes the project itself: one of its names outside brackets (a name inside brackets
    is an end point of something else: 平石路(莲山路-G106国道)), and, when both give an extent, the same
    extent (莲山路(花都大道-三东大道段) is another section of the road than 莲山路（永安路-商业大道）)."""
    s = fold(sentence)
    for key in keys:
        for mt in re.finditer(re.escape(key), s):
            before = s[:mt.start()]
            if sum(before.count(c) for c in _OPEN) > sum(before.count(c) for c in _CLOSE):
                continue
            after = re.match(r"[(〔\[【]([^()〔〕\[\]【】]{1,40})[)〕\]】]", s[mt.end():])
            if extent and after and re.search(r"[-—–~～至]", after.group(1)) and \
                    _norm_extent(after.group(1)) != extent:
                continue
            return key, mt.start()
    return None


def _clause_state(sentence: str, key: str, pos: int) -> str | None:
    """The cue-word state of the comma clause holding the name (a whole sentence often reports several
    projects in different states)."""
    s = fold(sentence)
    a = max([mt.end() for mt in _CLAUSE.finditer(s, 0, pos)], default=0)
    nxt = _CLAUSE.search(s, pos + len(key))
    return state_of(s[a:nxt.start() if nxt else len(s)], key)


@dataclass
class Mention:
    source: str
    document_id: int
    year: int | None
    kind: str  # execution | plan | other (the part of the report)
    line: int
    report_lines: list[int]
    text: str
    state: str | None  # the linker's code: started | under_construction | completed | approved | not_approved
    score: float
    shared: list[str]

    @property
    def status(self) -> str | None:
        return STATE_STATUS.get(self.state or "")

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "document_id": self.document_id, "year": self.year, "kind": self.kind,
                "line": self.line, "report_lines": self.report_lines, "text": self.text, "state": self.state,
                "status": self.status, "score": self.score, "shared": self.shared}


@dataclass
class ManualStatus:
    status: str
    by: str
    at: str
    note: str | None

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "by": self.by, "at": self.at, "note": self.note}


@dataclass
class Entry:
    plan_id: int
    project: m.Project
    mentions: list[Mention] = field(default_factory=list)
    manual: ManualStatus | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)  # mismatches this row states

    @property
    def key(self) -> str:
        return self.project.id or ""

    @property
    def uid(self) -> str:
        """The project's id across the store: "PLAN:KEY" (3:b8.2)."""
        return f"{self.plan_id}:{self.key}"

    def timeline(self) -> dict[int, str]:
        """Year → the furthest lifecycle status the execution part of that year's report gives."""
        out: dict[int, str] = {}
        for mn in self.mentions:
            if mn.kind != "execution" or mn.year is None or mn.status not in LIFECYCLE:
                continue
            have = out.get(mn.year)
            if have is None or LIFECYCLE.index(mn.status) > LIFECYCLE.index(have):
                out[mn.year] = mn.status
        return dict(sorted(out.items()))

    def derived(self) -> tuple[str, str]:
        """(status, where it comes from: report | plan | default)."""
        years = self.timeline()
        if years:
            return max(years.values(), key=LIFECYCLE.index), "report"
        cell = self.project.status or ""
        for rx, st in _PLAN_CELL:
            if rx.search(cell):
                return st, "plan"
        return LIFECYCLE[0], "default"

    @property
    def status(self) -> str:
        return self.manual.status if self.manual else self.derived()[0]

    def to_json(self, *, mentions: bool = True) -> dict[str, Any]:
        derived, source = self.derived()
        out = {**self.project.to_json(), "uid": self.uid, "status_now": self.status,
               "status_source": "editor" if self.manual else source, "derived_status": derived,
               "manual_status": self.manual.to_json() if self.manual else None,
               "timeline": {str(y): s for y, s in self.timeline().items()}, "mention_count": len(self.mentions),
               "checks": self.checks}
        if mentions:
            out["mentions"] = [mn.to_json() for mn in self.mentions]
        return out


@dataclass
class ProjectsView:
    plan_id: int
    region: str | None
    period: tuple[int, int] | None
    reports: list[dict[str, Any]]
    entries: list[Entry]
    checks: list[dict[str, Any]]

    def entry(self, key: str) -> Entry:
        for e in self.entries:
            if e.key == key:
                return e
        hits = [e for e in self.entries if e.project.name == key]
        if len(hits) == 1:
            return hits[0]
        raise NotFound(f"plan {self.plan_id} has no project {key!r} (give an id from `planscope projects PLAN`)")

    def totals(self) -> list[Entry]:
        return [e for e in self.entries if e.project.kind in ("total", "group", "subtotal")]

    def tree(self, *, mentions: bool = False) -> list[dict[str, Any]]:
        """Table rows nested under their groups; 专栏 projects grouped under their box."""
        nodes = {e.key: {**e.to_json(mentions=mentions), "children": []} for e in self.entries}
        roots: list[dict[str, Any]] = []
        boxes: dict[str, dict[str, Any]] = {}
        for e in self.entries:
            node, parent = nodes[e.key], e.project.parent_id
            if parent and parent in nodes:
                nodes[parent]["children"].append(node)
            elif e.project.confidence == "table":
                roots.append(node)
            else:
                title = e.project.source_title or "专栏"
                if title not in boxes:
                    boxes[title] = {"id": f"box:{title}", "kind": "box", "name": title, "confidence": "prose",
                                    "children": []}
                    roots.append(boxes[title])
                boxes[title]["children"].append(node)
        # boxes in document order (entries with figures and name lists of one box come from two readers)
        roots.sort(key=lambda n: min((c["lines"][0] for c in n["children"]), default=0) if n.get("kind") == "box"
                   else n["lines"][0])
        return roots

    def to_json(self, *, mentions: bool = False) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for e in self.entries:
            if e.project.kind == "item":
                counts[e.status] = counts.get(e.status, 0) + 1
        return {"plan": {"id": self.plan_id, "region": self.region,
                         "period": list(self.period) if self.period else None},
                "reports": self.reports, "summary": {"items": sum(counts.values()), "by_status": counts,
                                                     "mismatches": len(self.checks)},
                "checks": self.checks, "tree": self.tree(mentions=mentions),
                "projects": [e.to_json(mentions=mentions) for e in self.entries]}


def _linkable(p: m.Project) -> Commitment:
    """A project as a record the commitments linker can match: its names are what a report would write."""
    printed = _SEGMENT.sub("", p.name)
    bare = re.sub(r"[（(〔\[【][^（）()〔〕\[\]【】]*[）)〕\]】]", "", printed)  # 广清城际（二期） → 广清城际
    names = list(dict.fromkeys(n for n in (printed, core_name(p.name), bare) if len(n) >= 3))
    return Commitment(p.id or p.name, [*p.group, p.name], "project", p.name, printed, p.span, names=names)


class ProjectRegister:
    def __init__(self, db: Database, register: PlaceRegister | None = None) -> None:
        self.db = db
        self.places = register or PlaceRegister.seeded()

    def projects(self, plan: str | int) -> tuple[PlanView, list[m.Project]]:
        """The stored projects of a plan (tables and 专栏 entries), then those listed by name in its 专栏."""
        view = self.db.plan(plan)
        stored = view.projects()
        listed = find_listed_projects(stored_text_source(view), view.outline())
        return view, [*stored, *listed]

    def reports_for(self, view: PlanView) -> list[Any]:
        return CommitmentRegister(self.db, self.places).reports_for(view)

    def view(self, plan: str | int, *, mentions: bool = True) -> ProjectsView:
        pv, projects = self.projects(plan)
        meta = pv.meta()
        with self.db.session() as s:
            checks = queries.project_checks(s, pv.id)
        manual = self.manual_statuses(pv.id)
        entries = [Entry(pv.id, p, manual=manual.get(p.id or ""),
                         checks=[c for c in checks if c.get("row_id") == p.id]) for p in projects]
        reports: list[dict[str, Any]] = []
        if mentions:
            reports = self._link(pv, meta.region, entries)
        return ProjectsView(pv.id, meta.region, meta.period, reports, entries, checks)

    def _link(self, pv: PlanView, region: str | None, entries: list[Entry]) -> list[dict[str, Any]]:
        items = [e for e in entries if e.project.kind == "item"]
        if not items:
            return []
        linker = Linker([_linkable(e.project) for e in items], region=region, register=self.places)
        by_key = {e.key: e for e in items}
        prefixes = self.places.prefixes(region)  # 广州市妇女儿童医疗中心花都院区 is written 市妇女儿童…
        names = {e.key: list(dict.fromkeys(k for n in _linkable(e.project).names
                                           for k in (fold(n), name_key(n, prefixes)) if len(k) >= 3))
                 for e in items}
        extents = {e.key: _extent(e.project.name) for e in items}
        reports = []
        for d in self.reports_for(pv):
            paras = report_paragraphs(stored_text_source(PlanView(self.db, d.id)))
            links: list[Link] = linker.link(paras, source=d.file_name)
            for lk in links:
                if not lk.shared:  # a project is mentioned only where the report writes its name
                    continue
                found = _occurrence(lk.sentence, names[lk.commitment_id], extents[lk.commitment_id])
                if found is None:
                    continue
                by_key[lk.commitment_id].mentions.append(Mention(
                    d.file_name, d.id, lk.year, lk.kind, lk.line, [lk.report_line_start, lk.report_line_end],
                    lk.sentence, _clause_state(lk.sentence, *found), lk.score, lk.shared))
            reports.append({"id": d.id, "source": d.file_name, "period": list(d.period) if d.period else None})
        for e in items:
            e.mentions.sort(key=lambda x: (x.year or 0, x.line))
        return reports

    def entry(self, plan: str | int, key: str) -> Entry:
        return self.view(plan).entry(key)

    # --- manual status ---------------------------------------------------------------------------------------
    def manual_statuses(self, doc_id: int) -> dict[str, ManualStatus]:
        with self.db.session() as s:
            rows = s.scalars(select(ProjectStatus).where(ProjectStatus.document_id == doc_id)
                             .order_by(ProjectStatus.id))
            return {r.project_key: ManualStatus(r.status, r.set_by, iso_time(r.set_at), r.note)
                    for r in rows}  # later rows overwrite earlier ones: the latest wins

    def history(self, plan: str | int, key: str) -> list[dict[str, Any]]:
        pv = self.db.plan(plan)
        with self.db.session() as s:
            rows = s.scalars(select(ProjectStatus).where(ProjectStatus.document_id == pv.id,
                                                         ProjectStatus.project_key == key).order_by(ProjectStatus.id))
            return [{"status": r.status, "by": r.set_by, "at": iso_time(r.set_at),
                     "note": r.note} for r in rows]

    def set_status(self, plan: str | int, key: str, status: str, *, by: str, note: str | None = None) -> Entry:
        """Set a project's status by hand (audited in store/entries' log, table "project_status")."""
        if not by or not by.strip():
            raise EntryError("--by is required: who sets this status")
        status = status.strip()
        if status not in MANUAL:
            raise EntryError(f"unknown status {status!r}; one of: {', '.join(MANUAL)}")
        pv, projects = self.projects(plan)
        target = next((p for p in projects if p.id == key), None) or next(
            (p for p in projects if p.name == key), None)
        if target is None or not target.id:
            raise NotFound(f"plan {pv.id} has no project {key!r} (give an id from `planscope projects PLAN`)")
        before = self.manual_statuses(pv.id).get(target.id)
        from planscope.store.entries import record_audit

        with self.db._sessions.begin() as s:
            row = ProjectStatus(document_id=pv.id, project_key=target.id, status=status, note=note, set_by=by.strip())
            s.add(row)
            s.flush()
            record_audit(s, by.strip(), "set_project_status", "project_status", row.id,
                         {"status": before.status} if before else None, {"status": status, "note": note},
                         plan_id=pv.id, detail=f"project {target.id} {target.name}")
        return Entry(pv.id, target, manual=self.manual_statuses(pv.id).get(target.id))


def split_uid(uid: str) -> tuple[str, str]:
    """"3:b8.2" → ("3", "b8.2"); the plan part may be a region name."""
    plan, sep, key = uid.partition(":")
    if not sep or not plan or not key:
        raise NotFound(f"project id {uid!r} should be PLAN:KEY, e.g. 3:b8.2")
    return plan, key
