"""Running text → sentences and clauses, whitespace removed, with a map back to source lines.

PDF and web text put spaces inside numbers and words ("突破 2.5 万亿元"); every rule downstream works on the
compact text, and `Sentence.line_at` maps a compact offset back to the original line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planscope.ingest import Paragraph

SENTENCE_END = "。！？!?"
CLAUSE_BREAK = "，,；;：:"
_TABLE_WORDS = re.compile(r"预期性|约束性|目标值|完成值|指标名称")


@dataclass
class Sentence:
    text: str  # compact: whitespace removed
    para: Paragraph
    offsets: list[int]  # offsets[i]: offset in para.text of text[i]

    def line_at(self, i: int) -> int:
        return self.para.line_at(self.offsets[min(max(i, 0), len(self.offsets) - 1)])

    def is_break(self, i: int) -> bool:
        """A clause break outside quotes and brackets (“依法征收,净地出让” is one name)."""
        if self.text[i] not in CLAUSE_BREAK:
            return False
        depth = 0
        for ch in self.text[:i]:
            if ch in "“「《（(":
                depth += 1
            elif ch in "”」》）)" and depth:
                depth -= 1
        return depth == 0

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Start and end (exclusive) of the clause holding offset i."""
        start = i
        while start > 0 and not self.is_break(start - 1):
            start -= 1
        end = i
        while end < len(self.text) and not self.is_break(end):
            end += 1
        return start, end


def is_running_text(para: Paragraph) -> bool:
    """False for table cells and rows that survived as text (tabs, space-separated cells, 预期性/约束性)."""
    t = para.text
    if "\t" in t or _TABLE_WORDS.search(t):
        return False
    has_punct = any(ch in t for ch in "，。；,;！？：:")
    # a line without any punctuation is a heading or a table cell flattened onto its own line
    return has_punct and (len(t.split()) < 3 or len(t) > 40)


def split_sentences(para: Paragraph) -> list[Sentence]:
    chars: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(para.text):
        if not ch.isspace():
            chars.append(ch)
            offs.append(i)
    out: list[Sentence] = []
    start = 0
    for i, ch in enumerate(chars):
        if ch in SENTENCE_END:
            if i + 1 > start:
                out.append(Sentence("".join(chars[start:i + 1]), para, offs[start:i + 1]))
            start = i + 1
    if start < len(chars):
        out.append(Sentence("".join(chars[start:]), para, offs[start:]))
    return out
