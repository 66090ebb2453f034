"""Running text → sentences and clauses, whitespace removed, with a map back to source lines.

PDF and web text put spaces inside numbers and words ("突破 2.5 万亿元"); every rule downstream works on the
compact text, and `Sentence.line_at` maps a compact offset back to the original line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from planscope.ingest import Paragraph
from planscope.ingest.limits import cut_points

SENTENCE_END = "。！？!?"
CLAUSE_BREAK = "，,；;：:"
_TABLE_WORDS = re.compile(r"预期性|约束性|目标值|完成值|指标名称")
_SPACE = re.compile(r"\s")  # \s is exactly str.isspace()
_NON_SPACE = re.compile(r"\S+")
_OPENERS = re.compile("[“「《（(]")  # the characters that raise the bracket depth in Sentence._depths
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_BREAK_RE = re.compile(f"[{re.escape(CLAUSE_BREAK)}]")
_PUNCT = re.compile("[，。；,;！？：:]")  # is_running_text: a line with any of these is prose, not a cell


_CN_YEAR = re.compile(r"[一二][〇○零O０0一二三四五六七八九]{3}(?=年)")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "O": "0", "０": "0",
                                                                         "0": "0"}


# Full-width digits (１２．５％, －０．２３‰): older web pages and bulletins print them; ASCII, same length.
_FULL_WIDTH = re.compile("[０-９％]")
_FULL_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
_FULL_POINT = re.compile(r"(?<=\d)．(?=\d)|－(?=\d)")


def ascii_digits(text: str) -> str:
    if not _FULL_WIDTH.search(text):
        return text
    text = text.translate(_FULL_DIGITS)
    return _FULL_POINT.sub(lambda m: "." if m.group(0) == "．" else "-", text)


def arabic_years(text: str) -> str:
    """二○二五年 → 2025年 and ２０２５ → 2025, same length, so offsets still hold (news and 繁體 reports write
    years this way, older bulletins print full-width digits)."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), ascii_digits(text))


@dataclass
class Sentence:
    text: str  # compact: whitespace removed, years in Arabic digits
    para: Paragraph
    offsets: Sequence[int]  # offsets[i]: offset in para.text of text[i] (a range when para.text has no spaces)
    original: str = ""  # the compact text as printed (the sentence a figure quotes)
    _depth: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _breaks: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def line_at(self, i: int) -> int:
        return self.para.line_at(self.offsets[min(max(i, 0), len(self.offsets) - 1)])

    def is_break(self, i: int) -> bool:
        """A clause break outside quotes and brackets (“依法征收,净地出让” is one name), and not the thousands
        separator of a number (4,280公里)."""
        if self.text[i] not in CLAUSE_BREAK or _thousands(self.text, i):
            return False
        return self._depths()[i] == 0

    def _depths(self) -> list[int]:
        # Bracket depth before each offset, computed once: rescanning the prefix per call made a long
        # sentence with many clauses quadratic (found by tests/test_fuzz_parse.py).
        if self._depth is None and not _OPENERS.search(self.text):
            self._depth = [0] * len(self.text)  # cheap: nothing opens, so the depth stays 0 throughout
        if self._depth is None:
            depths, depth = [], 0
            for ch in self.text:
                depths.append(depth)
                if ch in "“「《（(":
                    depth += 1
                elif ch in "”」》）)" and depth:
                    depth -= 1
            self._depth = depths
        return self._depth

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Start and end (exclusive) of the clause holding offset i: just after the last clause break before i,
        up to the first one at or after i. The breaks are found once per sentence and bisected (stepping through
        the characters from every phrase was a hot spot)."""
        if 0 <= i <= len(self.text):
            if self._breaks is None:
                depths = self._depths()
                self._breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(self.text)
                                if depths[m.start()] == 0 and not _thousands(self.text, m.start())]
            breaks = self._breaks
            k = bisect_left(breaks, i)
            return (breaks[k - 1] + 1 if k else 0), (breaks[k] if k < len(breaks) else len(self.text))
        start = i  # out of range: step as before (no caller does this)
        while start > 0 and not self.is_break(start - 1):
            start -= 1
        end = i
        while end < len(self.text) and not self.is_break(end):
            end += 1
        return start, end


_THOUSANDS = re.compile(r"\d{3}(?!\d)")


def _thousands(text: str, i: int) -> bool:
    """An ASCII comma between a digit and exactly three digits: 1,234.5亿元 is one number."""
    return text[i] == "," and i > 0 and text[i - 1].isdigit() and _THOUSANDS.match(text, i + 1) is not None


def is_running_text(para: Paragraph) -> bool:
    """False for table cells and rows that survived as text (tabs, space-separated cells, 预期性/约束性)."""
    t = para.text
    if "\t" in t or _TABLE_WORDS.search(t):
        return False
    has_punct = _PUNCT.search(t) is not None
    # a line without any punctuation is a heading or a table cell flattened onto its own line
    return has_punct and (len(t) > 40 or len(t.split()) < 3)


def split_sentences(para: Paragraph, keep: Callable[[str], bool] | None = None) -> list[Sentence]:
    """The paragraph's sentences; none when `keep` rejects its compact text (which every sentence is part of):
    the figures stage drops paragraphs that cannot hold a quantity before cutting them up."""
    # compact text and the offset of each of its characters, by regex (a per-character loop was a hot spot)
    chars = _SPACE.sub("", para.text)
    # years converted once per paragraph: same length, and no match spans a sentence end (。！？ are not in it)
    years = arabic_years(chars)
    if keep is not None and not keep(years):
        return []
    spaced = len(chars) != len(para.text)
    offs = [k for m in _NON_SPACE.finditer(para.text) for k in range(m.start(), m.end())] if spaced else []
    out: list[Sentence] = []
    start = 0
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(chars)]
    if not ends or ends[-1] < len(chars):
        ends.append(len(chars))
    for end in ends:
        if end <= start:
            continue
        # A run-on "sentence" far beyond any real one is cut at clause breaks (ingest/limits.py): the rules
        # downstream are per sentence, and some grow with the square of its length.
        printed = chars[start:end]
        text = years[start:end]
        cuts = cut_points(text, CLAUSE_BREAK)
        for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True):
            # no spaces: the offsets are the identity, and a range costs nothing to build (a list was a hot spot)
            at = offs[start + a:start + b] if spaced else range(start + a, start + b)
            out.append(Sentence(text[a:b], para, at, printed[a:b]))
        start = end
    return out
