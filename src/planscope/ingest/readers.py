"""Dispatch by file type to one reader per format; every reader returns a `SourceText`.

(First version: plain text only. HTML, PDF and DOCX readers and the cleaning rules are being added.)
"""

from __future__ import annotations

from pathlib import Path

from planscope.ingest.errors import IngestError
from planscope.ingest.script import column_map, detect_script, to_simplified
from planscope.ingest.source import SourceText

SUPPORTED_SUFFIXES = (".txt",)


def decode(data: bytes, path: str) -> tuple[str, str]:
    for enc in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise IngestError(path, "unknown text encoding (not UTF-8, GB18030 or Big5)")


def read_text_file(path: Path) -> SourceText:
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(str(path), "empty file")
    text, enc = decode(data, str(path))
    original = text.splitlines()
    script = detect_script(text)
    lines, maps = [], {}
    for i, s in enumerate(original, 1):
        c = to_simplified(s) if script == "traditional" else s
        m = column_map(s, c)
        if m:
            maps[i] = m
        lines.append(c)
    return SourceText(name=path.name, format="txt", encoding=enc, script=script, original_lines=original,
                      lines=lines, col_maps=maps)


def read_document(path: str | Path) -> SourceText:
    p = Path(path)
    if not p.is_file():
        raise IngestError(str(path), "no such file")
    return read_text_file(p)
