"""Cells of a project table assigned to columns by what they contain, not where they sit.

Both layouts come here as a stream of (line, text) cells: a tab-separated line is one row whose empty cells were
dropped; a flattened HTML table (one cell per line, empty cells omitted) is one long stream that has to be cut
into rows. A cell goes to the next column, in header order, that accepts its content (amounts are numbers,
periods look like 2021—2025, a 序号 is a short numeral, status is 新建/续建 …); a cell that no later column
accepts starts the next row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from planscope.parse.projects.header import AMOUNT_ROLES, NAME, PERIOD, SEQ, STATUS, Column

AMOUNT_RE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
PLACEHOLDER_RE = re.compile(r"[—–\-/／－]+|无|暂无")
SEQ_RE = re.compile(r"[（(]?(?:[一二三四五六七八九十]+|\d{1,3})[)）]?[、.．]?")
_YEAR = r"(?:19|20)\d{2}"
PERIOD_RE = re.compile(rf"{_YEAR}\s*年?(?:\s*\d{{1,2}}\s*月)?\s*[-—–~～至到]+\s*(?:{_YEAR}|\d{{2}})\s*年?"
                       rf"(?:\s*\d{{1,2}}\s*月)?(?:以后|以前)?|{_YEAR}\s*年(?:\s*\d{{1,2}}\s*月)?(?:以前|以后|前|后|开工|建成|完工)?")
STATUS_RE = re.compile(r"(?:计划)?(?:新建|续建|在建|扩建|改建|改扩建|新开工|预备|储备|前期|竣工|建成|谋划|完工)"
                       r"(?:项目)?")


def norm(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip()


def is_amount(s: str) -> bool:
    return bool(AMOUNT_RE.fullmatch(norm(s)))


def is_placeholder(s: str) -> bool:
    return bool(PLACEHOLDER_RE.fullmatch(norm(s)))


def is_seq(s: str) -> bool:
    return bool(SEQ_RE.fullmatch(norm(s).replace(" ", "")))


def is_text(s: str) -> bool:
    return not (is_amount(s) or is_placeholder(s))


_GROUP_NAME = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．])")


def row_start_like(cell: str) -> bool:
    """A cell that can only begin a row: 合计/小计, a Chinese 序号 (二、), a numbered group name ((一)先进制造业)."""
    s = norm(cell)
    return bool(re.search(r"合计|总计|小计", s) or (is_seq(s) and not is_amount(s)) or _GROUP_NAME.match(s))


def accepts(role: str, cell: str) -> bool:
    if role == SEQ:
        return is_seq(cell)
    if role in AMOUNT_ROLES:
        return is_amount(cell) or is_placeholder(cell)
    if role == PERIOD:
        return bool(PERIOD_RE.fullmatch(norm(cell))) or is_placeholder(cell)
    if role == STATUS:
        return bool(STATUS_RE.fullmatch(norm(cell))) or is_placeholder(cell)
    if role == NAME:
        return is_text(cell) and not PERIOD_RE.fullmatch(norm(cell))
    return is_text(cell)  # content, place, owner, notes, unknown text columns


@dataclass
class RawRow:
    """One table row: column index -> (cell text, line); `lines` are every source line the row uses."""

    cells: dict[int, tuple[str, int]] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    leftover: list[tuple[str, int]] = field(default_factory=list)  # cells no column accepted

    def get(self, i: int) -> str | None:
        c = self.cells.get(i)
        return c[0] if c else None


def _seq_number(s: str) -> int | None:
    t = norm(s).strip("()（）、.．")
    return int(t) if t.isdigit() else None


def assign_line(cols: list[Column], cells: list[tuple[str, int]]) -> RawRow:
    """One tab-separated line: its non-empty cells, in order, to the columns that accept them."""
    row = RawRow()
    ptr = 0
    for text, line in cells:
        row.lines.append(line)
        j = next((k for k in range(ptr, len(cols)) if accepts(cols[k].role, text)), None)
        if j is None:
            row.leftover.append((text, line))
            continue
        row.cells[j] = (text, line)
        ptr = j + 1
    return row


def assign_stream(cols: list[Column], cells: list[tuple[str, int]]) -> list[RawRow]:
    """A flattened table: cut the cell stream into rows while assigning cells to columns."""
    rows: list[RawRow] = []
    row: RawRow | None = None
    ptr = 0
    seq_col = next((k for k, c in enumerate(cols) if c.role == SEQ), None)
    name_col = next((k for k, c in enumerate(cols) if c.role == NAME), 0)
    last_seq = 0
    for n, (text, line) in enumerate(cells):
        nxt = cells[n + 1][0] if n + 1 < len(cells) else None
        j = None if row is None else next((k for k in range(ptr, len(cols)) if accepts(cols[k].role, text)), None)
        # An integer after the name could be an amount or the next row's 序号: it is the 序号 when it continues
        # the numbering and a name follows it (an amount is not followed by a project name).
        if (j is not None and seq_col is not None and ptr > name_col and is_amount(text) and nxt is not None
                and accepts(NAME, nxt) and _seq_number(text) in (last_seq + 1, 1)):
            j = None
        # A total, a 小计, a Chinese 序号 or a numbered group name never fills a text column: it starts a row.
        if j is not None and cols[j].role not in (SEQ, NAME) and row_start_like(text):
            j = None
        if j is None:  # start a new row
            row = RawRow()
            rows.append(row)
            j = next((k for k in range(len(cols)) if accepts(cols[k].role, text)), None)
            if j is None:
                row.leftover.append((text, line))
                row.lines.append(line)
                ptr = 0
                continue
        assert row is not None
        if j == seq_col and _seq_number(text) is not None:
            last_seq = _seq_number(text) or last_seq
        row.cells[j] = (text, line)
        row.lines.append(line)
        ptr = j + 1
    return rows
