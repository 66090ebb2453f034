"""How real tables (HTML, DOCX, PDF) are rendered as text lines, one convention for every format:

- one line per table row, cells separated by TAB;
- a merged cell's text is printed once, in its first row and first column; the rows and columns it spans
  get an EMPTY cell (the layout the tab-table parser already reads, where merged cells are empty);
- text inside a cell is joined onto one line (no space between CJK characters, one space between words).
"""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")


def _is_wordy(c: str) -> bool:
    return c.isascii() and c.isalnum()


def join_fragments(parts: list[str]) -> str:
    """Join the lines of a cell: no separator between CJK text, one space where two words would touch."""
    out = ""
    for p in parts:
        p = _WS.sub(" ", p).strip()
        if not p:
            continue
        if out and _is_wordy(out[-1]) and _is_wordy(p[0]):
            out += " "
        out += p
    return out


def cell_text(text: str) -> str:
    """A cell's text on one line (tabs and line breaks inside a cell would break the row)."""
    return join_fragments(text.replace("\t", " ").split("\n"))


def render_row(cells: list[str]) -> str:
    return "\t".join(cells) if any(c.strip() for c in cells) else ""


class SpanGrid:
    """Lays out cells with rowspan/colspan on a grid. `add_row` takes (text, rowspan, colspan) per cell in
    source order and returns the row's cells with spanned positions left empty."""

    def __init__(self) -> None:
        self._pending: dict[int, int] = {}  # column -> rows it is still covered by a rowspan from above

    def add_row(self, cells: list[tuple[str, int, int]]) -> list[str]:
        row: list[str] = []
        col = 0

        def skip_covered() -> None:
            nonlocal col
            while self._pending.get(col, 0) > 0:
                row.append("")
                col += 1

        for text, rowspan, colspan in cells:
            skip_covered()
            for k in range(max(colspan, 1)):
                row.append(text if k == 0 else "")
                if rowspan > 1:
                    self._pending[col] = rowspan  # decremented below, so it covers rowspan-1 further rows
                col += 1
        # columns covered from above to the right of this row's last cell
        last = max((c for c, n in self._pending.items() if n > 0), default=-1)
        while col <= last:
            row.append("")
            col += 1
        for c in list(self._pending):
            self._pending[c] -= 1
            if self._pending[c] <= 0:
                del self._pending[c]
        return row
