"""Size limits that keep hostile or broken input from hanging the pipeline or exhausting memory.

A plan document is at most a few hundred thousand characters (the corpus's largest is ~150k); the limits here are
two orders of magnitude above that, so a real document never meets them, while a file that does (a log, a dump,
10^6 digits on one line) is refused with a clear message before the parsers spend minutes on it.

- `check_file(path)`: before reading, by file size per format (PDF and DOCX have their own checks in ingest/).
- `check_lines(name, lines)`: after reading, the decoded text's total characters, line count, longest line and
  longest run of digits.
- `MAX_SENTENCE_CHARS`: prose rules look at one sentence at a time and some are quadratic in its length; a
  "sentence" longer than this (real ones stay under ~600 characters) is cut at clause breaks before they run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from planscope.ingest.errors import IngestError

MAX_TEXT_CHARS = 20_000_000  # characters of decoded text in one document
MAX_LINES = 200_000  # lines in one document
MAX_LINE_CHARS = 2_000_000  # one line (a whole plan pasted without line breaks is ~200k: still accepted)
MAX_SENTENCE_CHARS = 2_000  # one sentence as the prose rules see it (see parse/figures/sentences.py)
# Digits in one unbroken run. A float (the contract's JSON numbers) overflows to infinity past ~308 digits, and no
# printed quantity comes near: a longer run is a dump or an attack, not a figure.
MAX_DIGIT_RUN = 300
_DIGIT_RUN = re.compile(rf"[0-9０-９]{{{MAX_DIGIT_RUN + 1},}}")
# Bytes on disk before a reader starts. Text: 20M characters are at most ~80 MB of UTF-8/GB18030.
# HTML carries markup, so it may be larger for the same text.
MAX_FILE_BYTES = {".txt": 80 * 2**20, ".text": 80 * 2**20, ".html": 150 * 2**20, ".htm": 150 * 2**20}


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def check_file(path: str | Path) -> None:
    """Refuse a text or HTML file too large to be a plan document, before reading it into memory."""
    p = Path(path)
    limit = MAX_FILE_BYTES.get(p.suffix.lower())
    if limit is None:
        return
    size = p.stat().st_size
    if size > limit:
        raise IngestError(str(path), f"file too large ({_mb(size)}; limit {_mb(limit)} for {p.suffix.lower()} "
                                     "files): not a plan document, or several joined together")


def check_lines(name: str, lines: Sequence[str]) -> None:
    """Refuse decoded text beyond the document limits (raises IngestError naming the limit that was passed)."""
    if len(lines) > MAX_LINES:
        raise IngestError(name, f"document too long ({len(lines):,} lines; limit {MAX_LINES:,})")
    total = 0
    for i, line in enumerate(lines, 1):
        n = len(line)
        if n > MAX_LINE_CHARS:
            raise IngestError(name, f"line {i} has {n:,} characters (limit {MAX_LINE_CHARS:,}): not a text "
                                    "document")
        if n > MAX_DIGIT_RUN and (m := _DIGIT_RUN.search(line)) is not None:  # cheap: the run needs the room
            raise IngestError(name, f"line {i} holds a number of {len(m.group(0)):,} digits (limit {MAX_DIGIT_RUN}): "
                                    "not a plan document")
        total += n
        if total > MAX_TEXT_CHARS:
            raise IngestError(name, f"document too long (more than {MAX_TEXT_CHARS:,} characters of text)")


def cut_points(text: str, breaks: str, limit: int = MAX_SENTENCE_CHARS) -> list[int]:
    """Offsets at which to cut `text` so that no piece is longer than `limit`: each cut is just after the last
    character of `breaks` inside the window, or at the limit when the window has none. Empty when text fits."""
    cuts: list[int] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        at = max(window.rfind(ch) for ch in breaks) if breaks else -1
        end = start + (at + 1 if at > 0 else limit)
        cuts.append(end)
        start = end
    return cuts
