"""What a PDF's pages share: running headers and footers, and tables that continue from one page to the next.

pdf.py reads each page into `Item`s (text lines and table rows, top to bottom). Here, across pages:
- page furniture: a short line in the top or bottom band of the page that recurs, digits aside, at the same
  height on one of the two pages before (the plan's title over every page, '第3页' under it) is marked
  'page_header'; a lone page number is already 'page_number'. Marked, not dropped: cleaning blanks the line
  and records it.
- continued tables: when a page ends with a table and the next page's body starts with a table of the same
  columns (after its furniture and a '续表' label, marked 'table_continued'), the second is the first one
  continued. Its repeated header rows stay (the table parsers know a header repeated after a page break); a
  row broken by the page (its name wrapping onto the next page) is joined back into the row's first line,
  and the continuation line is marked 'joined_row' (its text is in the row it continues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planscope.ingest.layout import join_fragments, render_row

BAND = 0.1  # top/bottom share of a page where running headers and footers sit
_CONTINUED = re.compile(r"^(?:[（(]?续表\s*[\d一二三四五六七八九十]*\s*[)）]?|.{0,60}[（(]续表?[)）])$")
# a cell that marks a row of its own (序号, a value): a table row broken by a page never continues with one
_ANCHOR = re.compile(r"^[\[(（<>≤≥＜＞约]*(?:\d[\d.,，/%]*|[—－-]+)[\])）%*]*$")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass
class TablePart:
    """One table's rows on one page. `seps`: column boundaries of a table without ruling lines (None when
    ruled). `open_top`/`open_bottom`: a ruled table whose cells the page edge left open (a row broken across
    pages). `header`: signatures of the table's header rows, carried along its continuations."""

    x0: float
    x1: float
    ncols: int
    seps: list[float] | None = None
    open_top: bool = False
    open_bottom: bool = False
    header: list[str] = field(default_factory=list)
    rows: list[Item] = field(default_factory=list)


@dataclass
class Item:
    """A line of the rendering: running text, or a table row (`cells`, `part`) whose `kind` is header, row or
    fragment (the end of a row begun on the previous page). `removal`: why cleaning blanks it, if it does."""

    top: float
    bottom: float
    text: str
    cells: list[str] | None = None
    part: TablePart | None = None
    kind: str = "text"
    removal: str | None = None


@dataclass
class Page:
    items: list[Item]
    height: float


def signature(cells: list[str]) -> str:
    return _SPACE.sub("", "".join(cells))


def _in_band(page: Page, k: int) -> bool:
    """A short text line in the top or bottom band of the page, set apart from the body by a blank at least its
    own height: where running headers and footers sit (a table title is set close to its table)."""
    it, items, height = page.items[k], page.items, page.height
    size = max(it.bottom - it.top, 1.0)
    if it.cells is not None or len(it.text) > 60:
        return False
    if it.bottom <= height * BAND:
        return k + 1 == len(items) or items[k + 1].top - it.bottom >= size
    if it.top >= height * (1 - BAND):
        return k == 0 or it.top - items[k - 1].bottom >= size
    return False


def is_continued_label(text: str) -> bool:
    return bool(_CONTINUED.match(text.strip()))


def mark_running(pages: list[Page]) -> None:
    """Band lines of the last page that recur at the same height on one of the two pages before it, digits
    aside (a page number inside the header), are running headers or footers: marked on both pages."""
    *before, page = pages
    for k, it in enumerate(page.items):
        if it.removal or not _in_band(page, k):
            continue
        key = _DIGITS.sub("#", _SPACE.sub("", it.text))
        for old in before[-2:]:
            for j, o in enumerate(old.items):
                if abs(o.top - it.top) <= 3 and _in_band(old, j) \
                        and _DIGITS.sub("#", _SPACE.sub("", o.text)) == key:
                    it.removal = "page_header"
                    o.removal = o.removal or "page_header"


def last_part(page: Page) -> TablePart | None:
    """The table the page's body ends with (band lines below it aside), if it ends with one."""
    for k in range(len(page.items) - 1, -1, -1):
        it = page.items[k]
        if it.removal or _in_band(page, k):
            continue
        return it.part if it.kind in ("row", "fragment") else None
    return None


def _first_body(page: Page) -> Item | None:
    """The first item of the page's body: furniture, band lines and a 续表 label (marked) aside."""
    for k, it in enumerate(page.items):
        if it.removal or (_in_band(page, k) and not is_continued_label(it.text)):
            continue
        if it.cells is None and is_continued_label(it.text):
            nxt = next((o for o in page.items[k + 1:] if not o.removal), None)
            if nxt is not None and nxt.cells is not None:
                it.removal = "table_continued"
                continue
        return it
    return None


def _same_table(a: TablePart, b: TablePart) -> bool:
    width = max(a.x1 - a.x0, 1.0)
    return (a.ncols == b.ncols and (a.seps is None) == (b.seps is None)
            and abs(a.x0 - b.x0) < 0.05 * width and abs(a.x1 - b.x1) < 0.05 * width)


def header_of(part: TablePart) -> list[str]:
    """Signatures of a table's header rows: rows marked header (tables without ruling lines), or the leading
    rows holding no number (ruled tables; at most three)."""
    if part.seps is not None:
        return [signature(r.cells or []) for r in part.rows if r.kind == "header"]
    out = []
    for r in part.rows[:3]:
        if any(_ANCHOR.match(c) for c in r.cells or []):
            break
        out.append(signature(r.cells or []))
    return out


def _is_fragment(row: Item, prev: TablePart, part: TablePart) -> bool:
    """The end of a row broken by the page: a few cells (a wrapped name, unit or attribute), never a number, and
    for ruled tables cells the page edge left open."""
    cells = row.cells or []
    filled = [j for j, c in enumerate(cells) if c.strip()]
    if not filled or filled == [0] or 2 * len(filled) > len(cells) or any(_ANCHOR.match(c) for c in cells):
        return False
    return row.kind == "fragment" if part.seps is not None else prev.open_bottom or part.open_top


def stitch(prev: Page, page: Page) -> None:
    """Join a table continued from `prev` onto `page`: the row broken by the page is made whole again."""
    before = last_part(prev)
    first = _first_body(page)
    if before is None or first is None or first.part is None or not _same_table(before, first.part):
        return
    part = first.part
    part.header = before.header
    body = [r for r in part.rows if r.kind != "header" and signature(r.cells or []) not in before.header]
    last = next((r for r in reversed(before.rows) if r.kind == "row" and not r.removal), None)
    if not body or last is None or not _is_fragment(body[0], before, part):
        return
    frag = body[0]
    last.cells = [join_fragments([a, b]) for a, b in zip(last.cells or [], frag.cells or [], strict=True)]
    last.text = render_row(last.cells)
    frag.removal = "joined_row"
