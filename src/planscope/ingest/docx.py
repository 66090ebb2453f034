"""Word files (.docx, python-docx): paragraphs and tables in body order, tables as TAB rows (layout.py):
a horizontally merged cell (gridSpan) leaves empty cells to its right, a vertically merged one (vMerge)
is empty in the rows after its first. The zip is checked before opening: not a zip, no document part,
or a zip bomb are refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

from planscope.ingest.clean import build_source
from planscope.ingest.errors import IngestError
from planscope.ingest.layout import SpanGrid, cell_text, render_row
from planscope.ingest.source import SourceText

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100  # uncompressed/compressed; XML compresses ~10x, a bomb ~1000x
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(path: Path) -> None:
    """Refuse what is not a readable .docx before python-docx (and its XML parser) touch it."""
    if not zipfile.is_zipfile(path):
        raise IngestError(str(path), "not a DOCX file (not a zip archive): corrupt or mislabelled")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise IngestError(str(path), f"corrupt DOCX (bad zip: {e})") from None
    if "word/document.xml" not in names:
        raise IngestError(str(path), "not a DOCX file (no word/document.xml in the archive)")
    if total > MAX_UNCOMPRESSED or (total > 10 * 1024 * 1024 and total > MAX_RATIO * max(packed, 1)):
        raise IngestError(str(path), f"refused: DOCX unpacks to {total // 2**20} MB from {packed // 2**10} KB "
                                     "(zip bomb or far too large)")


def _paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text


def _cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    parts = [_paragraph_text(p) for p in tc.iter(f"{_W}p")]
    return cell_text("\n".join(parts))


def _table_lines(tbl) -> list[str]:  # type: ignore[no-untyped-def]
    """Rows of a w:tbl. vMerge cells after the first are empty, like rowspan cells in HTML."""
    grid = SpanGrid()
    out = []
    for tr in tbl.findall(f"{_W}tr"):
        cells: list[tuple[str, int, int]] = []
        for tc in tr.findall(f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span, continued = 1, False
            if tcpr is not None:
                gs = tcpr.find(f"{_W}gridSpan")
                if gs is not None:
                    try:
                        span = max(1, int(gs.get(f"{_W}val", "1")))
                    except ValueError:
                        span = 1
                vm = tcpr.find(f"{_W}vMerge")
                continued = vm is not None and vm.get(f"{_W}val", "continue") != "restart"
            cells.append(("" if continued else _cell_text(tc), 1, span))
        line = render_row(grid.add_row(cells))
        if line:
            out.append(line)
    return out


def _body_lines(body) -> list[str]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    for el in body.iterchildren():
        if el.tag == f"{_W}p":
            # a soft line break inside a paragraph starts a new line of the rendering
            lines.extend(s for s in _paragraph_text(el).split("\n") if s.strip())
        elif el.tag == f"{_W}tbl":
            lines.extend(_table_lines(el))
        elif el.tag == f"{_W}sdt":  # content control (e.g. a generated TOC): read what it holds
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                lines.extend(_body_lines(content))
    return lines


def read_docx(path: Path) -> SourceText:
    check_zip(path)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:
        raise IngestError(str(path), f"corrupt DOCX ({type(e).__name__})") from None
    lines = _body_lines(document.element.body)
    if not lines:
        raise IngestError(str(path), "DOCX has no text")
    return build_source(path.name, "docx", lines, rendering="\n".join(lines))
