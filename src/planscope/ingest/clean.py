"""From the lines a reader produced to a `SourceText`: the cleaning every format goes through.

Always line-preserving: a removed line becomes "" and is listed in `removed` with its reason:
  spam        injected porn/gambling keyword lines (web pages)
  web_junk    page chrome a scraper kept: widgets, metadata bars, breadcrumbs, CSS class names
  page_number page-number lines of PDF text
  toc         the table of contents (its '目录' header, entries, leaders)
PDF readers remove more before cleaning (ingest/pdf_pages.py), listed the same way:
  page_header     a running header or footer repeated at the same height on the pages (the plan's title)
  table_continued a 续表 label where a table goes on over a page break
  joined_row      the part of a table row the page break pushed onto the next page, joined back to its line
Odd spaces (NBSP, ideographic, thin, …) become a plain space one for one; zero-width characters are
dropped and traditional characters converted to simplified, with `col_maps` for lines whose length changed.
"""

from __future__ import annotations

import re

from planscope.ingest.junk import find_junk
from planscope.ingest.pages import find_page_numbers
from planscope.ingest.script import column_map, detect_script, to_simplified
from planscope.ingest.source import Removal, SourceText
from planscope.ingest.toc import find_toc
from planscope.ingest.wrap import detect_wrapped

_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

REASONS = ("spam", "web_junk", "page_number", "toc", "page_header", "table_continued", "joined_row")


def normalise_line(s: str) -> str:
    if s.isprintable():  # cheap: every odd space (Zs) and zero-width character (Cf) is unprintable
        return s
    return _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", s))


def _simplified(lines: list[str]) -> list[str]:
    """Each line converted to simplified characters, in one OpenCC call for the whole text (calls cost more than
    characters). OpenCC's phrases never hold a line break, so each line converts as it would alone."""
    if any("\n" in s for s in lines):  # a reader's line holding a break would shift the lines after it
        return [to_simplified(s) for s in lines]
    out = to_simplified("\n".join(lines)).split("\n")
    return out if len(out) == len(lines) else [to_simplified(s) for s in lines]


def build_source(
    name: str,
    fmt: str,
    original_lines: list[str],
    *,
    encoding: str | None = None,
    wrapped: bool | None = None,
    rendering: str | None = None,
    known: list[tuple[int, str]] | None = None,
) -> SourceText:
    """Clean `original_lines` (one entry per line of the file, or of the reader's rendering) into a SourceText.
    `wrapped=None` detects hard wrapping from the text itself. `known` lists (0-based index, reason) removals a
    reader already knows from layout (a PDF page number in the footer)."""
    # A lone surrogate (U+D800–DFFF) cannot be encoded as UTF-8, so OpenCC, the store and JSON would all fail on
    # it: it becomes U+FFFD, one for one, like an undecodable byte (found by tests/test_fuzz_parse.py).
    if _LONE_SURROGATE.search("\n".join(original_lines)):  # one scan: a lone surrogate is very rare
        original_lines = [_LONE_SURROGATE.sub("\ufffd", s) for s in original_lines]
    else:
        original_lines = list(original_lines)
    script = detect_script("\n".join(original_lines))
    lines = [normalise_line(s) for s in original_lines]
    if script == "traditional":
        lines = _simplified(lines)
    maps: dict[int, list[int]] = {}
    for i, (s, c) in enumerate(zip(original_lines, lines, strict=True), 1):
        m = column_map(s, c)
        if m:
            maps[i] = m
    if wrapped is None:
        wrapped = detect_wrapped(lines)

    # Each pass sees the lines the earlier ones blanked (a TOC interrupted by a page number stays one block).
    removed: list[Removal] = []
    passes = (
        lambda: list(known or []),
        lambda: find_junk(lines),
        lambda: [(i, "page_number") for i in find_page_numbers(lines, wrapped)],
        lambda: [(i, "toc") for i in find_toc(lines)],
    )
    for found in passes:
        for i, why in found():
            if lines[i]:
                removed.append(Removal(line=i + 1, reason=why, text=original_lines[i]))
                lines[i] = ""
                maps.pop(i + 1, None)
    removed.sort(key=lambda r: r.line)
    return SourceText(name=name, format=fmt, encoding=encoding, script=script, original_lines=original_lines,
                      lines=lines, removed=removed, wrapped=wrapped, rendering=rendering, col_maps=maps)
