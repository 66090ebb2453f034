"""A table's footnotes (注：1. … 2. …): one entry per note, verbatim, wrapped lines joined with nothing."""

from __future__ import annotations

import re

from planscope.ingest import SourceText
from planscope.parse.tables.locate import is_heading, is_notes_start

_ITEM = re.compile(r"^(?:注\s*[:：]\s*)?(?:\d{1,2}\s*[.．、]|[(（]\d{1,2}[)）])")
_END = ("。", "！", "？", "”", "）", ")")


def parse_notes(src: SourceText, start: int) -> tuple[list[str], int | None]:
    """Notes beginning at or after 1-based line `start` (blank lines skipped); (notes, last line used)."""
    n = start
    while n <= len(src.lines) and not src.lines[n - 1].strip():
        n += 1
    if n > len(src.lines) or not is_notes_start(src.lines[n - 1]):
        return [], None
    notes: list[str] = []
    last, blanks = None, 0
    while n <= len(src.lines):
        clean, raw = src.lines[n - 1].strip(), src.original_lines[n - 1].strip()
        n += 1
        if not clean:
            blanks += 1
            if blanks > 2:
                break
            continue
        blanks = 0
        if last is not None and (is_heading(clean) and not _ITEM.match(clean)):
            break
        if _ITEM.match(clean) or (is_notes_start(clean) and last is None):
            if re.fullmatch(r"注\s*[:：]", clean):  # a lone 注： header is not a note
                last = n - 1
                continue
            notes.append(raw)
        elif notes and not notes[-1].endswith(_END):
            notes[-1] += raw  # a note wrapped onto the next line
        else:
            break
        last = n - 1
    return notes, last
