"""PDF files (pdfplumber): text page by page, in reading order, with tables rendered as TAB rows (layout.py)
in place of their text: ruled tables from their ruling lines, tables without ruling lines from the columns
their cells line up in (pdf_lines.py, which also rebuilds every other line from glyph positions, so tight
cells never run together). Rows of a table that continues on the next page simply continue there.
Page furniture (a lone page number in the top or bottom margin) is marked for removal as 'page_number'.
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
from planscope.ingest.pdf_lines import build_lines, find_regions, glyphs_of, join_glyphs, region_rows
from planscope.ingest.source import SourceText

MAX_PAGES = 2000
MAX_BYTES = 300 * 1024 * 1024
_MARGIN = 0.08  # top/bottom share of the page where running headers and page numbers sit
_BARE_NUMBER = re.compile(r"^\d{1,4}$")

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)  # pdfminer warns loudly about harmless font quirks


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _page_items(page: Any) -> list[tuple[float, str, bool]]:
    """(top, line, is_page_number) for one page: text lines outside tables, and table rows."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, str, bool]] = []
    for t in tables:
        for k, row in enumerate(t.extract()):
            cells = [cell_text(c) if c else "" for c in row]
            line = render_row(cells)
            if line:
                # keep rows in order: a row's position is the table top plus a tiny step per row
                items.append((t.bbox[1] + k * 1e-3, line, False))
    chars = [c for c in page.chars if not _inside(c, boxes)] if boxes else page.chars
    lines = build_lines(glyphs_of(chars))
    in_region: set[int] = set()
    for reg in find_regions(lines):
        in_region.update(range(reg.start, reg.end + 1))
        for top, cells in region_rows(lines[reg.start:reg.end + 1], reg.seps):
            if line := render_row([cell_text(c) for c in cells]):
                items.append((top, line, False))
    height = float(page.height)
    for k, ln in enumerate(lines):
        if k in in_region:
            continue
        s = join_glyphs(ln.glyphs).strip()
        if not s:
            continue
        in_margin = ln.top < height * _MARGIN or ln.bottom > height * (1 - _MARGIN)
        furniture = in_margin and (is_page_number_text(s) or bool(_BARE_NUMBER.match(s)))
        items.append((ln.top, s, furniture))
    items.sort(key=lambda it: it[0])
    return items


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
    lines: list[str] = []
    furniture: list[int] = []
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as e:
            raise IngestError(str(path), f"corrupt PDF ({type(e).__name__})") from None
        if n_pages > MAX_PAGES:
            raise IngestError(str(path), f"PDF has {n_pages} pages (limit {MAX_PAGES})")
        for page in pdf.pages:
            try:
                items = _page_items(page)
            except Exception as e:
                raise IngestError(str(path), f"corrupt PDF page {page.page_number} ({type(e).__name__})") from None
            for _, s, is_furniture in items:
                if is_furniture:
                    furniture.append(len(lines))
                lines.append(s)
            page.flush_cache()
    if not any(s.strip() for s in lines):
        raise IngestError(str(path), "PDF has no text layer (scanned images? OCR is not supported)")
    return build_source(path.name, "pdf", lines, wrapped=True, rendering="\n".join(lines),
                        known=[(i, "page_number") for i in furniture])
