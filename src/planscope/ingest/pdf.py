"""PDF files (pdfplumber): text page by page, in reading order, with tables rendered as TAB rows (layout.py)
in place of their text: ruled tables from their ruling lines, tables without ruling lines from the columns
their cells line up in (pdf_lines.py, which also rebuilds every other line from glyph positions, so tight
cells never run together).

Across pages (pdf_pages.py): running headers and footers are marked 'page_header', a lone page number in the
top or bottom margin 'page_number'; a table that continues on the next page continues in the rendering, a
'续表' label before it marked 'table_continued', and a row broken by the page joined back ('joined_row').
A ruled table's cells left open by the page edge are closed first, so the broken row is read as a row.
PDF text is hard-wrapped by nature, so `wrapped` is True."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from planscope.ingest.clean import build_source
from planscope.ingest.errors import IngestError
from planscope.ingest.layout import cell_text, render_row
from planscope.ingest.pages import is_page_number_text
from planscope.ingest.pdf_lines import (
    Line,
    Region,
    build_lines,
    continuation_region,
    find_regions,
    fits,
    glyphs_of,
    join_glyphs,
    region_rows,
)
from planscope.ingest.pdf_pages import (
    BAND,
    Item,
    Page,
    TablePart,
    header_of,
    is_continued_label,
    last_part,
    mark_running,
    stitch,
)
from planscope.ingest.source import SourceText

MAX_PAGES = 2000
MAX_BYTES = 300 * 1024 * 1024
_MARGIN = 0.08  # top/bottom share of the page where running headers and page numbers sit
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_SNAP = 2.0  # points: ruling lines this close meet

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)  # pdfminer warns loudly about harmless font quirks


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _open_ends(page: Any) -> tuple[list[dict[str, Any]], list[float], list[float]]:
    """Ruling lines that close cells the page edge left open: where two or more vertical rules end at the same
    height with no horizontal rule there (a row broken across pages), a horizontal line joining them. Returns
    the lines and the heights of the open bottoms and tops they close."""
    edges = page.edges
    hs = [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= 3]
    vs = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= 3]

    # rules bucketed by the height or position where they could meet an end: a page of a large ruled table has
    # thousands of rule pieces, and every end is tested
    h_at: dict[int, list[tuple[float, float, float]]] = {}
    for h in hs:
        h_at.setdefault(round(h[0] / _SNAP), []).append(h)
    v_at: dict[int, list[tuple[float, float, float]]] = {}
    for v in vs:
        v_at.setdefault(round(v[0] / _SNAP), []).append(v)

    def near(index: dict[int, list[tuple[float, float, float]]], at: float) -> list[tuple[float, float, float]]:
        b = round(at / _SNAP)
        return [*index.get(b - 1, ()), *index.get(b, ()), *index.get(b + 1, ())]

    def closed(x: float, y: float, down: bool) -> bool:
        """A rule meets the end at (x, y), or the vertical rule goes on past it (a merged cell's side drawn in
        pieces)."""
        return any(abs(hy - y) <= _SNAP and x0 - _SNAP <= x <= x1 + _SNAP for hy, x0, x1 in near(h_at, y)) or any(
            abs(vx - x) <= _SNAP and top - _SNAP <= y <= bottom + _SNAP and (bottom > y + _SNAP if down else
                                                                           top < y - _SNAP)
            for vx, top, bottom in near(v_at, x))

    lines: list[dict[str, Any]] = []
    ends: tuple[list[float], list[float]] = ([], [])
    for side in (0, 1):  # bottoms, then tops
        loose: dict[float, list[float]] = {}
        for v in vs:
            y = v[2] if side == 0 else v[1]
            if not closed(v[0], y, side == 0):
                key = next((k for k in loose if abs(k - y) <= _SNAP), y)
                loose.setdefault(key, []).append(v[0])
        for y, xs in loose.items():
            if len(xs) >= 2:
                x0, x1 = min(xs), max(xs)
                lines.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                              "height": 0.0})
                ends[side].append(y)
    return lines, ends[0], ends[1]


def _ruled_tables(page: Any) -> list[TablePart]:
    extra, bottoms, tops = _open_ends(page)
    tables = page.find_tables({"explicit_horizontal_lines": extra}) if extra else page.find_tables()
    parts = []
    for t in tables:
        x0, top, x1, bottom = t.bbox
        part = TablePart(x0, x1, len(t.columns), open_top=any(abs(y - top) <= _SNAP for y in tops),
                         open_bottom=any(abs(y - bottom) <= _SNAP for y in bottoms))
        for k, row in enumerate(t.extract()):
            cells = [cell_text(c) if c else "" for c in row]
            if line := render_row(cells):
                # keep rows in order: a row's position is the table top plus a tiny step per row
                part.rows.append(Item(top + k * 1e-3, top + k * 1e-3, line, cells, part, "row"))
        parts.append((part, t.bbox))
    return parts


def _body_start(lines: list[Line], height: float) -> int:
    """Index of the first line of the page's body: a line in the top band set apart (a running header) and
    a 续表 label aside."""
    for k, ln in enumerate(lines):
        apart = k + 1 == len(lines) or lines[k + 1].top - ln.bottom >= ln.bottom - ln.top
        if (ln.bottom <= height * BAND and apart) or is_continued_label(join_glyphs(ln.glyphs)):
            continue
        return k
    return len(lines)


def _regions(lines: list[Line], height: float, carry: TablePart | None, above: float) -> list[tuple[Region, bool]]:
    """Borderless table regions of a page, each with whether it continues `carry`, the borderless table the
    previous page ended with: the run of lines at the top of the body that fit its columns (unless a ruled
    table comes first, above `above`)."""
    found = find_regions(lines)
    if carry is None or carry.seps is None:
        return [(r, False) for r in found]
    k = _body_start(lines, height)
    if k >= len(lines) or lines[k].top > above:
        return [(r, False) for r in found]
    cont = continuation_region(lines, k, carry.seps)
    own = next((r for r in found if r.start >= k), None)
    if own is not None and own.start - k <= 3 and fits(lines[k:own.start], own.seps) \
            and (cont is None or own.end > cont.end):
        # the page's own table runs further than the first part's columns fit (or its columns moved): keep its
        # columns, taking in the lines above it that fit them (the end of a row broken by the page)
        return [(Region(k, own.end, own.seps, own.head) if r is own else r, r is own) for r in found]
    if cont is None:
        return [(r, False) for r in found]
    return [(cont, True), *((r, False) for r in found if r.end < cont.start or r.start > cont.end)]


def _page(page: Any, carry: TablePart | None) -> Page:
    """One page as items (text lines outside tables, table rows), top to bottom."""
    height = float(page.height)
    ruled = _ruled_tables(page)
    boxes = [bbox for _, bbox in ruled]
    items = [it for part, _ in ruled for it in part.rows]
    chars = [c for c in page.chars if not _inside(c, boxes)] if boxes else page.chars
    lines = build_lines(glyphs_of(chars))
    in_region: set[int] = set()
    first_ruled = min((b[1] for b in boxes), default=height)
    for reg, continued in _regions(lines, height, carry, first_ruled):
        in_region.update(range(reg.start, reg.end + 1))
        span = lines[reg.start:reg.end + 1]
        part = TablePart(min(g.x0 for ln in span for g in ln.glyphs), max(g.x1 for ln in span for g in ln.glyphs),
                         len(reg.seps) + 1, seps=reg.seps)
        header = "".join(carry.header) if continued and carry is not None else None
        for row in region_rows(span, reg.seps, reg.head, header):
            cells = [cell_text(c) for c in row.cells]
            if line := render_row(cells):
                part.rows.append(Item(row.top, row.top, line, cells, part, row.kind))
        items.extend(part.rows)
    for k, ln in enumerate(lines):
        if k in in_region:
            continue
        s = join_glyphs(ln.glyphs).strip()
        if not s:
            continue
        in_margin = ln.top < height * _MARGIN or ln.bottom > height * (1 - _MARGIN)
        furniture = in_margin and (is_page_number_text(s) or bool(_BARE_NUMBER.match(s)))
        items.append(Item(ln.top, ln.bottom, s, removal="page_number" if furniture else None))
    items.sort(key=lambda it: it.top)
    for part, _ in ruled:
        part.header = header_of(part)
    return Page(items, height)


def _carry(page: Page) -> TablePart | None:
    part = last_part(page)
    if part is not None and not part.header:
        part.header = header_of(part)
    return part


def read_pdf(path: Path) -> SourceText:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(str(path), f"PDF too large ({size // 2**20} MB; limit {MAX_BYTES // 2**20} MB)")
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise IngestError(str(path), "not a PDF file (no %PDF header): corrupt or mislabelled")
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise IngestError(str(path), "PDF is encrypted (password protected)") from None
    except Exception as e:
        # pdfplumber wraps pdfminer's error: report the inner one, it says what is wrong
        inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else (e.__cause__ or e.__context__ or e)
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(e).lower():
            raise IngestError(str(path), "PDF is encrypted (password protected)") from None
        detail = str(inner).splitlines()[0][:120] if str(inner) else type(inner).__name__
        raise IngestError(str(path), f"corrupt PDF ({detail})") from None
    pages: list[Page] = []
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as e:
            raise IngestError(str(path), f"corrupt PDF ({type(e).__name__})") from None
        if n_pages > MAX_PAGES:
            raise IngestError(str(path), f"PDF has {n_pages} pages (limit {MAX_PAGES})")
        for page in pdf.pages:
            carry = _carry(pages[-1]) if pages else None
            try:
                pages.append(_page(page, carry))
            except Exception as e:
                raise IngestError(str(path), f"corrupt PDF page {page.page_number} ({type(e).__name__})") from None
            page.flush_cache()
            mark_running(pages[-3:])
            if len(pages) > 1:
                stitch(pages[-2], pages[-1])
    items = [it for p in pages for it in p.items]
    lines = [it.text for it in items]
    if not any(s.strip() for s in lines):
        raise IngestError(str(path), "PDF has no text layer (scanned images? OCR is not supported)")
    return build_source(path.name, "pdf", lines, wrapped=True, rendering="\n".join(lines),
                        known=[(i, it.removal) for i, it in enumerate(items) if it.removal])
