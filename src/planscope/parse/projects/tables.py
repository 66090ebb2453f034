"""Find project tables (重大项目表, 十大工程表) in a document and read them into `Project`s.

A table starts at a header with a name column and an investment column (see header.py), printed either as one
tab-separated line or one fragment per line. Its title is the 附件/专栏 heading that contains it (or the line
above), its money unit comes from the header, a '单位：亿元' line or the title. The body runs until the next
heading or note; a header repeated after a page break is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planscope.ingest import SourceText
from planscope.model import Heading, Project
from planscope.parse.projects import cells as C
from planscope.parse.projects.header import (
    Column,
    columns,
    header_like,
    is_project_header,
    merge_fragments,
    squash,
    unit_in_labels,
    unit_in_text,
)
from planscope.parse.projects.tree import build

_STOP = re.compile(r"^\s*(附件|附表|附录)\s*\d*\s*$|^\s*(第[一二三四五六七八九十百]+[章节篇])|^\s*专栏\s*\d|"
                   r"^\s*注\s*[:：]|^\s*(附件|附表)\s*\d+\s*\S")
# Every investment-column label (总投资, 累计完成投资, 资金, 金额) holds one of these; letter-spacing allowed.
_MONEY_HINT = re.compile(r"投\s*资|资\s*金|金\s*额")


@dataclass
class ProjectTable:
    title: str | None
    unit: str | None
    header_lines: list[int]  # 1-based
    columns: list[Column]
    layout: str  # tsv | cells
    projects: list[Project] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def line_start(self) -> int:
        return self.header_lines[0]

    @property
    def line_end(self) -> int:
        return max([self.header_lines[-1], *(p.span.line_end for p in self.projects)])


def _tsv_cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t") if c.strip()]


def _header_at(lines: list[str], i: int) -> tuple[list[int], list[Column], str] | None:
    """(0-based header lines, columns, layout) when a project-table header starts at line i."""
    line = lines[i]
    if "\t" in line:
        if line.count("\t") > 40:  # no project table has that many columns; keeps absurd lines cheap
            return None
        if not _MONEY_HINT.search(line):  # cheap: a project header always has an investment column
            return None
        cols = columns([squash(c) for c in _tsv_cells(line)])
        return ([i], cols, "tsv") if is_project_header(cols) else None
    if not header_like(line):  # cheap test first: most lines are prose
        return None
    first = columns(merge_fragments([squash(line)]))
    if len(first) != 1 or first[0].role == "text" or first[0].label != squash(line):
        return None  # a header starts with a complete, known label (序号, 项目名称 …), never a title line
    frags: list[str] = []
    used: list[int] = []
    j = i
    while j < len(lines) and len(used) < 24:
        s = lines[j]
        if not s.strip():
            j += 1
            continue
        if "\t" in s or not header_like(s):
            break
        frags.append(squash(s))
        used.append(j)
        j += 1
    # Trim from the end until the last label is a known column: a group name printed right after the header
    # (现代产业工程) is header-like but has no column role.
    while frags:
        cols = columns(merge_fragments(frags))
        roles = [c.role for c in cols]
        if roles[-1] != "text" and roles.count("name") == 1:
            return (used, cols, "cells") if is_project_header(cols) else None
        frags.pop()
        used.pop()
    return None


def _same_header(lines: list[str], i: int, cols: list[Column]) -> list[int] | None:
    found = _header_at(lines, i)
    if found and [c.role for c in found[1]] == [c.role for c in cols]:
        return found[0]
    return None


def _title(src: SourceText, outline: list[Heading], header_line: int) -> tuple[str | None, list[str]]:
    """The heading that contains the header (1-based line), and the text lines between it and the header."""
    boxes = [h for h in outline if h.kind in ("box", "appendix") and h.span.line_start <= header_line
             <= h.span.line_end]
    start = boxes[-1].span.line_start if boxes else max(1, header_line - 8)
    between = [src.lines[k - 1] for k in range(start, header_line) if src.lines[k - 1].strip()]
    if boxes:
        h = boxes[-1]
        return f"{h.number} {h.title}".strip() if h.number else h.title, between
    return (between[-1].strip() if between else None), between


def find_tables(src: SourceText, outline: list[Heading]) -> list[ProjectTable]:
    lines = src.lines
    tables: list[ProjectTable] = []
    i = 0
    while i < len(lines):
        found = _header_at(lines, i) if lines[i].strip() else None
        if found is None:
            i += 1
            continue
        hdr, cols, layout = found
        title, between = _title(src, outline, hdr[0] + 1)
        unit = unit_in_labels([c.label for c in cols]) or next(
            (u for u in (unit_in_text(t) for t in reversed(between)) if u), None)
        t = ProjectTable(title, unit, [k + 1 for k in hdr], cols, layout)
        end = _read_body(src, t, hdr[-1] + 1, len(tables) + 1)
        tables.append(t)
        i = max(end, hdr[-1] + 1)
    return tables


def _read_body(src: SourceText, t: ProjectTable, i: int, table_no: int) -> int:
    """Read rows from 0-based line i; return the line after the table."""
    lines = src.lines
    cells: list[tuple[str, int]] = []
    rows: list[C.RawRow] = []
    while i < len(lines):
        s = lines[i]
        if not s.strip():
            i += 1
            continue
        again = _same_header(lines, i, t.columns)
        if again:  # the header printed again after a page break
            t.header_lines.extend(k + 1 for k in again)
            i = again[-1] + 1
            continue
        if _STOP.match(s) or (t.layout == "tsv" and "\t" not in s):
            break
        if t.layout == "tsv":
            rows.append(C.assign_line(t.columns, [(c, i + 1) for c in _tsv_cells(s)]))
        else:
            cells.append((s.strip(), i + 1))
        i += 1
    if t.layout == "cells":
        rows = C.assign_stream(t.columns, cells)
    rows = _trim(rows, t)
    t.projects = build(rows, t.columns, t.unit, t.title, table_no)
    for r in rows:
        if r.leftover:
            t.problems.append(f"lines {min(r.lines)}-{max(r.lines)}: cells not matching any column: "
                              + " | ".join(x for x, _ in r.leftover))
    return i


def _trim(rows: list[C.RawRow], t: ProjectTable) -> list[C.RawRow]:
    """Rows after the last row with a figure are not table rows (web page text after the table)."""
    def has_figure(r: C.RawRow) -> bool:
        return any(C.is_amount(text) for text, _ in r.cells.values())

    k = len(rows)
    while k and not has_figure(rows[k - 1]):
        k -= 1
    for r in rows[k:]:
        t.problems.append(f"line {min(r.lines)}: text after the last figure dropped: "
                          + " | ".join(x for x, _ in [*r.cells.values(), *r.leftover]))
    return rows[:k]
