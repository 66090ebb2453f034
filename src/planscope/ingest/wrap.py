"""Hard-wrapped text (PDF extraction): detecting it, and joining wrapped lines back into paragraphs with a
map back to each line."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from planscope.ingest.source import Paragraph, SourceText

# A line that starts one of these never continues the line before it.
_HEADING_START = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[篇章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|"
    r"专栏|附件|附表|注[:：]|\d+(?:[、．]|\.(?!\d))\s*\S|[•·●▪]|[①-⑳])"
)
# A sentence ends with 。！？； possibly followed by a closing quote or bracket. A closing quote alone does
# not end one (…打造“枢纽花都” + 建设…), nor does a colon (a wrapped line may stop right after 主要表现为：).
_SENTENCE_END_RE = re.compile(r"[。！？；][”」』）)]*$")
# A heading wrapped over two lines: its first line ends mid-title with a comma or a dash.
_HEADING_OPEN = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+[篇章节])\s*\S.*[，,、—]$")


_TERMINATORS = frozenset("。！？；")


def _ends_sentence(text: str) -> bool:
    """_SENTENCE_END_RE.search(text), told from the end of the text: the regex would try every 。 of a long
    paragraph, once for each line joined to it."""
    if text.endswith("\n"):  # '$' also matches before a final newline: leave that case to the regex
        return bool(_SENTENCE_END_RE.search(text))
    return text.rstrip("”」』）)")[-1:] in _TERMINATORS


def display_width(s: str) -> int:
    """Width in half-width columns: CJK and full-width characters count 2 (that is what a PDF line fills)."""
    if s.isascii():
        return len(s)
    # Count the narrow characters with one regex pass (a per-character Python loop was a hot spot; finding the
    # few narrow ones is faster than the many wide ones); characters beyond the BMP are rare and checked one by one.
    width = 2 * len(s) - len(_narrow().findall(s))
    if _ASTRAL.search(s):
        width += sum(1 for c in s if c > "\uffff" and unicodedata.east_asian_width(c) in "WF")
    return width


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _narrow() -> re.Pattern[str]:
    """Every character but the wide (W/F) BMP ones, as one character class built once from unicodedata."""
    ranges: list[str] = []
    start = None
    for cp in range(0x10000 + 1):
        wide = cp < 0x10000 and not 0xD800 <= cp <= 0xDFFF and unicodedata.east_asian_width(chr(cp)) in "WF"
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    return re.compile(f"[^{''.join(ranges)}]")


def _width_over_16(s: str) -> int:
    """display_width(s) when it is over 16 columns, else some width of at most 16: detect_wrapped only looks at
    widths over 16, so a line of at most 8 characters is not measured."""
    return len(s) if len(s) <= 8 else display_width(s)


def _full_width(widths: list[int]) -> int:
    """The width a wrapped document's body lines fill (80th percentile of the longer lines)."""
    lens = sorted(w for w in widths if w > 16)
    return lens[int(len(lens) * 0.8)] if lens else 0


def detect_wrapped(lines: list[str]) -> bool:
    """True when body lines are hard-wrapped at a fixed width: most long lines fill (almost) the same width,
    are at most ~50 CJK characters wide, and mostly stop mid-sentence."""
    body = [t for s in lines if "\t" not in s and (t := s.strip())]
    widths = [_width_over_16(s) for s in body]
    width = _full_width(widths)
    if width < 30 or width > 110:
        return False
    long_lines = [s for s, w in zip(body, widths, strict=True) if w > 16]
    full = [s for s, w in zip(body, widths, strict=True) if w > 16 and width - 6 <= w <= width + 2]
    if len(full) < 20 or len(full) < 0.4 * len(long_lines):
        return False
    open_ended = sum(1 for s in full if not _SENTENCE_END_RE.search(s))
    return open_ended >= 0.6 * len(full)


def join_paragraphs(src: SourceText) -> list[Paragraph]:
    out: list[Paragraph] = []
    if not src.wrapped:
        for n, s in src.numbered():
            out.append(Paragraph(s.strip(), [n], [0]))
        return out
    numbered = src.numbered()
    widths = {n: display_width(s.strip()) for n, s in numbered}  # once per line, not again as the previous line
    width = _full_width([widths[n] for n, s in numbered if "\t" not in s])
    cur: Paragraph | None = None
    for n, s in numbered:
        text = s.strip()
        if cur is not None:
            prev = cur.text
            full = widths[cur.line_numbers[-1]] >= width - 6
            continues = not _HEADING_START.match(text) and (
                (full and not _ends_sentence(prev))
                # a two-line heading: '第一章 全面建成小康社会，' + '开启…新征程'
                or (len(cur.line_numbers) == 1 and bool(_HEADING_OPEN.match(prev)) and widths[n] < width)
            )
            if continues:
                cur.line_numbers.append(n)
                cur.starts.append(len(prev))
                cur.text = prev + text
                continue
            out.append(cur)
        cur = Paragraph(text, [n], [0])
    if cur is not None:
        out.append(cur)
    return out
