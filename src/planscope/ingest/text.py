"""Plain text files (.txt/.text): decode, split into lines exactly as the file has them, clean."""

from __future__ import annotations

from pathlib import Path

from planscope.ingest.clean import build_source
from planscope.ingest.encoding import decode_bytes
from planscope.ingest.errors import IngestError
from planscope.ingest.source import SourceText


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: only \\n, \\r\\n and \\r end a line (str.splitlines also splits on
    \\f, \\x1c, U+2028…, which would shift every line number after them)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line does not start another
    return lines


def read_text(path: Path) -> SourceText:
    text, enc = decode_bytes(path.read_bytes(), str(path))
    if not text.strip():
        raise IngestError(str(path), "empty file")
    return build_source(path.name, "txt", split_lines(text), encoding=enc)
