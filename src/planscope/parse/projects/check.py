"""Check every subtotal of a project table against the sum of its rows.

A group row (一、科技创新工程, （一）…, 新兴支柱产业), a grand total (合计/总计) and a 小计 row each state figures
for the rows under them. Every amount column is checked (总投资, 期间投资, and extra columns such as 累计完成投资),
and a stated count ("（4个大项）", "58个大项") against the number of projects under the row. A mismatch is
reported with both figures and the lines involved; nothing is corrected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from planscope.model import Project, dec_json
from planscope.parse.numbers import arabic
from planscope.parse.projects.cells import is_amount, norm


@dataclass
class Mismatch:
    table: str | None
    name: str  # the row that states the figure
    lines: list[int]  # that row's lines
    column: str  # total_investment | period_investment | an extra column's label | count
    stated: Decimal
    computed: Decimal  # sum of the rows under it (or their number, for count)
    child_lines: list[int] = field(default_factory=list)  # first line of each row summed
    row_id: str | None = None

    @property
    def difference(self) -> Decimal:
        return self.stated - self.computed

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "name": self.name, "lines": self.lines, "column": self.column,
                "stated": dec_json(self.stated), "computed": dec_json(self.computed),
                "difference": dec_json(self.difference), "child_lines": self.child_lines, "row_id": self.row_id}

    def __str__(self) -> str:
        return (f"{self.name} (lines {self.lines[0]}-{self.lines[1]}) {self.column}: stated {self.stated}, "
                f"rows sum to {self.computed} (difference {self.difference})")


def _figures(p: Project) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    if p.total_investment is not None:
        out["total_investment"] = p.total_investment
    if p.period_investment is not None:
        out["period_investment"] = p.period_investment
    for label, raw in p.extra.items():
        if is_amount(raw):
            out[label] = arabic(norm(raw))
    return out


def _leaves(p: Project, children: dict[str, list[Project]]) -> int:
    kids = [c for c in children.get(p.id or "", []) if c.kind != "subtotal"]
    return sum(_leaves(c, children) for c in kids) if kids else 1


def check_totals(projects: list[Project]) -> list[Mismatch]:
    """Every mismatch between a stated subtotal and its rows, in document order. Prose projects are skipped."""
    rows = [p for p in projects if p.confidence == "table" and p.id]
    children: dict[str, list[Project]] = {}
    for p in rows:
        if p.parent_id:
            children.setdefault(p.parent_id, []).append(p)
    out: list[Mismatch] = []
    for p in rows:
        if p.kind == "subtotal":
            siblings = [c for c in children.get(p.parent_id or "", []) if c.kind != "subtotal"]
            out += _compare(p, siblings, children)
            continue
        kids = [c for c in children.get(p.id or "", []) if c.kind != "subtotal"]
        if not kids:
            continue
        out += _compare(p, kids, children)
        if p.stated_count is not None:
            n = sum(_leaves(c, children) for c in kids)
            if n != p.stated_count:
                out.append(Mismatch(p.source_title, p.name, p.span.lines(), "count", Decimal(p.stated_count),
                                    Decimal(n), [c.span.line_start for c in kids], p.id))
    return out


def _effective(p: Project, children: dict[str, list[Project]]) -> dict[str, Decimal]:
    """A row's figures; a group row printed without figures takes those of its 小计 row."""
    own = _figures(p)
    for sub in (c for c in children.get(p.id or "", []) if c.kind == "subtotal"):
        for col, v in _figures(sub).items():
            own.setdefault(col, v)
    return own


def _compare(p: Project, kids: list[Project], children: dict[str, list[Project]]) -> list[Mismatch]:
    out: list[Mismatch] = []
    mine = _figures(p)
    theirs = [_effective(c, children) for c in kids]
    for col, stated in mine.items():
        if not kids or any(col not in f for f in theirs):  # a row without the figure: the sum cannot be checked
            continue
        total = sum((f[col] for f in theirs), Decimal(0))
        if total != stated:
            out.append(Mismatch(p.source_title, p.name, p.span.lines(), col, stated, total,
                                [c.span.line_start for c in kids], p.id))
    return out
