"""Rows of a project table → `Project`s nested into groups.

Plan documents number their groups in the official order 一、 > （一） > 1. > （1）; rows whose 序号 is a plain
Arabic number are the projects themselves. Group rows without a number (新兴支柱产业, 现代产业工程) sit
wherever they first appear: one level under the numbered group that is open at that point, or at the top when
none is. A 合计/总计 row is the grand total, wherever it is printed; a 小计 row sums the rows of its group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from planscope.model import Project, Span
from planscope.parse.numbers import arabic
from planscope.parse.projects.cells import RawRow, is_amount, norm
from planscope.parse.projects.header import (
    CONTENT,
    NAME,
    PERIOD,
    PERIOD_INV,
    SEQ,
    STATUS,
    TOTAL,
    Column,
)

_CN = "一二三四五六七八九十"
# Numbered styles in their official order; "bare" (no number) is slotted in where it first appears.
ORDER = ["cn", "pcn", "ar", "par"]
_MARKER = re.compile(rf"^\s*([（(]\s*[{_CN}]+\s*[)）]|[{_CN}]+\s*[、.．]|\d{{1,3}}\s*[、．]|"
                     r"[（(]\s*\d{1,3}\s*[)）])\s*")
_COUNT = re.compile(r"(\d+)\s*个?\s*(?:大项|项目|项|个)")
_TOTAL = re.compile(r"合计|总计|累计总|全部项目")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff“”（）()、])\s+(?=[\u4e00-\u9fff“”（）()、])")


def style_of(seq: str | None) -> str:
    if not seq:
        return "bare"
    s = norm(seq).replace(" ", "")
    if re.fullmatch(rf"[（(][{_CN}]+[)）]", s):
        return "pcn"
    if re.fullmatch(rf"[{_CN}]+[、.．]?", s):
        return "cn"
    if re.fullmatch(r"[（(]\d+[)）]", s):
        return "par"
    return "ar"


def clean_name(s: str) -> str:
    return _CJK_SPACE.sub("", s.strip())


def _amount(cell: str | None) -> Decimal | None:
    return arabic(norm(cell)) if cell is not None and is_amount(cell) else None


@dataclass
class Node:
    project: Project
    style: str
    rank: int = 0
    children: list[Node] = field(default_factory=list)


def build(rows: list[RawRow], cols: list[Column], unit: str | None, title: str | None, table_no: int) -> list[Project]:
    nodes: list[Node] = []
    for k, row in enumerate(rows, 1):
        p = _project(row, cols, unit, title, f"t{table_no}.{k}")
        if p is not None:
            nodes.append(Node(p, style_of(p.seq) if p.kind not in ("total", "subtotal") else p.kind))
    _nest(nodes)
    return [n.project for n in nodes]


def _project(row: RawRow, cols: list[Column], unit: str | None, title: str | None, pid: str) -> Project | None:
    name_cell = next((row.cells[k] for k, c in enumerate(cols) if c.role == NAME and k in row.cells), None)
    if name_cell is None:
        return None
    name, seq = clean_name(name_cell[0]), None
    seq_cell = next((row.cells[k][0] for k, c in enumerate(cols) if c.role == SEQ and k in row.cells), None)
    m = _MARKER.match(name)
    if m and not seq_cell:  # "(一)先进制造业": the number is printed inside the name cell
        seq, name = m.group(1).replace(" ", ""), name[m.end():].strip()
    elif seq_cell:
        seq = norm(seq_cell).replace(" ", "")
    p = Project(name=name, span=Span(min(row.lines), max(row.lines)), unit=unit, id=pid, seq=seq,
                source_title=title)
    squashed = re.sub(r"\s+", "", name)
    if "小计" in squashed:
        p.kind = "subtotal"
    elif _TOTAL.search(squashed):
        p.kind = "total"
    cm = _COUNT.search(squashed)
    if cm and (p.kind == "total" or re.search(r"[（(]\s*\d+\s*个?\s*(?:大项|项目|项|个)\s*[)）]", squashed)):
        p.stated_count = int(cm.group(1))
    for k, c in enumerate(cols):
        cell = row.get(k)
        if cell is None or c.role in (SEQ, NAME):
            continue
        if c.role == TOTAL and p.total_investment is None:
            p.total_investment = _amount(cell)
            continue
        if c.role == PERIOD_INV and p.period_investment is None:
            p.period_investment = _amount(cell)
            continue
        if c.role == PERIOD:
            p.period = norm(cell)
        elif c.role == STATUS:
            p.status = norm(cell)
        elif c.role == CONTENT and p.content is None:
            p.content = cell.strip()
        p.extra[c.label] = cell.strip()  # every other column, as printed, under its header label
    if row.leftover:
        p.extra["unassigned"] = " | ".join(t for t, _ in row.leftover)
    return p


def _nest(nodes: list[Node]) -> None:
    """Give every node its parent, group path and level."""
    order = list(ORDER)
    stack: list[Node] = []
    totals = [n for n in nodes if n.style == "total"]
    for n in nodes:
        if n.style == "total":
            continue
        if n.style == "subtotal":
            while stack and not stack[-1].children:  # close the last item: the 小计 belongs to its group
                stack.pop()
            parent = stack[-1] if stack else None
            _attach(n, parent)
            continue
        if n.style not in order:  # first bare group row: one level below the open numbered group
            at = order.index(stack[-1].style) + 1 if stack and stack[-1].style in order else 0
            order.insert(at, n.style)
        n.rank = order.index(n.style)
        while stack and stack[-1].rank >= n.rank:
            stack.pop()
        _attach(n, stack[-1] if stack else None)
        stack.append(n)
    if totals:  # the grand total heads every top-level row, whether printed first or last
        root = totals[0]
        for n in nodes:
            if n is not root and n.project.parent_id is None:
                _attach(n, root)
    _finish(nodes)


def _attach(n: Node, parent: Node | None) -> None:
    if parent is None:
        return
    n.project.parent_id = parent.project.id
    parent.children.append(n)


def _finish(nodes: list[Node]) -> None:
    by_id = {n.project.id: n for n in nodes}
    for n in nodes:
        p = n.project
        path: list[str] = []
        cur = by_id.get(p.parent_id) if p.parent_id else None
        depth = 0
        while cur is not None:
            depth += 1
            if cur.project.kind != "total":
                path.insert(0, cur.project.name)
            cur = by_id.get(cur.project.parent_id) if cur.project.parent_id else None
        p.group, p.level = path, depth
        if p.kind == "item" and n.children:
            p.kind = "group"
        p.is_subtotal = p.kind != "item"
