"""Dispatch by file type to one reader per format; every reader returns a cleaned `SourceText`.

Readers: text.py (.txt/.text), html.py (.html/.htm), pdf.py (.pdf), docx.py (.docx). Any failure to read
a file surfaces as one `IngestError` naming the file and the problem, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planscope.ingest.encoding import decode_bytes
from planscope.ingest.errors import IngestError
from planscope.ingest.source import SourceText
from planscope.ingest.text import read_text


def _html(p: Path) -> SourceText:
    from planscope.ingest.html import read_html  # heavy imports only when the format is used

    return read_html(p)


def _pdf(p: Path) -> SourceText:
    from planscope.ingest.pdf import read_pdf

    return read_pdf(p)


def _docx(p: Path) -> SourceText:
    from planscope.ingest.docx import read_docx

    return read_docx(p)


_READERS: dict[str, Callable[[Path], SourceText]] = {
    ".txt": read_text, ".text": read_text, ".html": _html, ".htm": _html, ".pdf": _pdf, ".docx": _docx,
}
SUPPORTED_SUFFIXES = tuple(_READERS)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Kept for callers of the first version: bytes → (text, encoding)."""
    return decode_bytes(data, path)


def read_document(path: str | Path) -> SourceText:
    p = Path(path)
    if not p.is_file():
        raise IngestError(str(path), "no such file")
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        kinds = " ".join(SUPPORTED_SUFFIXES)
        raise IngestError(str(path), f"unsupported file type '{p.suffix or '(none)'}' (supported: {kinds})")
    if p.stat().st_size == 0:
        raise IngestError(str(path), "empty file")
    from planscope.ingest.limits import check_file, check_lines  # here, not at the top: parse imports ingest

    check_file(p)
    try:
        src = reader(p)
        check_lines(str(path), src.original_lines)  # too much text would hang the parsers: refuse it now
        return src
    except IngestError:
        raise
    except MemoryError:
        raise IngestError(str(path), "document too large to read") from None
    except Exception as e:  # a reader library choking on a malformed file: one line, no traceback
        raise IngestError(str(path), f"cannot read {p.suffix.lstrip('.').upper()} file ({type(e).__name__}: "
                                     f"{str(e).splitlines()[0] if str(e) else 'malformed'})") from None
