"""Passages and sections of a plan's text, for alignment: wrapped lines joined, item headings kept with their
body, table rows split into cells, sentences and enumeration items with the source lines they came from.

Works from `SourceText` lines alone (it does not need the outline parser), so it also joins hard-wrapped PDF
text when the reader did not flag it as wrapped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from planscope.ingest import SourceText
from planscope.model import Heading

_CN = "一二三四五六七八九十百零〇"
# Lines that begin a new unit (never continue the previous line).
HEADING_RE = re.compile(
    rf"^\s*(第[{_CN}\d]+[篇章节]|[{_CN}]+、|[（(][{_CN}\d]+[)）]|专栏\s*\d|附件\s*\d|附表|注[:：]|\d+[.、．]\s*\S|——)"
)
SECTION_RE = re.compile(rf"^\s*(第[{_CN}\d]+([篇章节]))\s*(.*)$")
# A table-of-contents line: dot leaders, or a trailing page number after a tab or spaces.
TOC_RE = re.compile(r"(\.{3,}|…{2,}|·{3,}|[\t ]\d{1,3}\s*$)")
APPENDIX_RE = re.compile(r"^\s*附件\s*\d*\s*$|^\s*附件\s*\d+\s+\S")
SENTENCE_END = tuple("。！？；!?")
_TITLE_CONT = tuple("，、：—")
_SPLIT_SENT = re.compile(r"(?<=[。！？；!?])")
_OPEN, _CLOSE = "（(“《「[【", "）)”》」]】"


@dataclass
class Passage:
    """A run of text with a map from character offsets back to 1-based source lines."""

    text: str
    lines: list[int]  # source line of each piece
    starts: list[int]  # text offset where each piece begins
    kind: str = "text"  # text | heading | table_row
    cells: list[str] = field(default_factory=list)  # table_row: the cells

    @property
    def line_start(self) -> int:
        return self.lines[0]

    @property
    def line_end(self) -> int:
        return self.lines[-1]

    def line_at(self, offset: int) -> int:
        return self.lines[max(0, bisect_right(self.starts, offset) - 1)]

    def span_of(self, start: int, end: int) -> tuple[int, int]:
        return self.line_at(start), self.line_at(max(start, end - 1))

    def append(self, text: str, line: int) -> None:
        self.starts.append(len(self.text))
        self.lines.append(line)
        self.text += text


@dataclass(frozen=True)
class Piece:
    """A sentence or enumeration item cut out of a passage."""

    text: str
    line_start: int
    line_end: int
    passage: int  # index of the passage it came from


@dataclass(frozen=True)
class Section:
    level: int  # 1 章, 2 节
    number: str
    title: str
    line_start: int
    line_end: int  # last line of its body (up to the next heading of the same or a higher level)


def _is_heading(text: str) -> bool:
    return bool(HEADING_RE.match(text)) and len(text) <= 60 and not text.rstrip().endswith(SENTENCE_END)


def build_passages(src: SourceText) -> list[Passage]:
    """Join wrapped lines into passages; an item heading (一、… （一）…) is prefixed to the passage after it."""
    out: list[Passage] = []
    cur: Passage | None = None
    for p in src.paragraphs():
        for k, line in enumerate(p.line_numbers):
            end = p.starts[k + 1] if k + 1 < len(p.starts) else len(p.text)
            raw = p.text[p.starts[k]:end]
            text = raw.strip()
            if not text:
                continue
            if "\t" in raw.strip("\t "):
                cells = [c.strip() for c in raw.split("\t") if c.strip()]
                if cur:
                    out.append(cur)
                out.append(Passage(" | ".join(cells), [line], [0], "table_row", cells))
                cur = None
                continue
            text = re.sub(r"\s+", "", text) if re.search(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff\d]", text) else text
            if cur is not None and _continues(cur, text):
                cur.append(text, line)
                continue
            if cur is not None:
                out.append(cur)
            cur = Passage(text, [line], [0], "heading" if _is_heading(text) else "text")
    if cur is not None:
        out.append(cur)
    return _attach_headings(out)


def _continues(cur: Passage, text: str) -> bool:
    if cur.kind == "heading":  # a wrapped heading title: "第一章 全面建成小康社会，" + "开启…"
        return cur.text.endswith(_TITLE_CONT) and not HEADING_RE.match(text)
    return not cur.text.endswith(SENTENCE_END) and not HEADING_RE.match(text) and len(cur.text) >= 12


def _attach_headings(ps: list[Passage]) -> list[Passage]:
    """Item headings (一、打造两千亿级汽车产业) say what the paragraph after them is about: keep them together."""
    out: list[Passage] = []
    for p in ps:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "heading" and p.kind == "text" and not SECTION_RE.match(prev.text)
                and p.line_start - prev.line_end <= 3):
            merged = Passage(prev.text, list(prev.lines), list(prev.starts), "text")
            merged.text += "\n"  # keeps heading and body apart for figure extraction
            for k, line in enumerate(p.lines):
                end = p.starts[k + 1] if k + 1 < len(p.starts) else len(p.text)
                merged.append(p.text[p.starts[k]:end], line)
            out[-1] = merged
        else:
            out.append(p)
    return out


def split_top(text: str, seps: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` split at `seps`, ignoring separators inside brackets and quotes."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            pieces.append((start, i + 1))
            start = i + 1
    if start < len(text):
        pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip(seps + " ")]


def sentences(p: Passage, index: int, min_chars: int = 8) -> list[Piece]:
    out = []
    for a, b in split_top(p.text, "。！？；!?"):
        s = p.text[a:b].strip()
        if len(s) >= min_chars:
            ls, le = p.span_of(a, b)
            out.append(Piece(s, ls, le, index))
    return out


def sections(src: SourceText, outline: list[Heading] | None = None) -> list[Section]:
    """Chapters (level 1) and sections (level 2) with their line ranges. From the parsed outline when it has
    chapters; otherwise from 第X章 / 第X节 lines, skipping the table of contents."""
    heads: list[tuple[int, str, str, int]] = []  # level, number, title, line
    if outline and any(h.kind == "chapter" for h in outline):
        for h in outline:
            if h.kind in ("chapter", "section"):
                heads.append((1 if h.kind == "chapter" else 2, h.number or "", h.title, h.span.line_start))
    else:
        n = len(src.lines)
        for i, line in enumerate(src.lines):
            m = SECTION_RE.match(line)
            if not m or m.group(2) == "篇" or TOC_RE.search(line):
                continue
            title = m.group(3).strip()
            j = i + 1
            while title.endswith(_TITLE_CONT) and j < n:  # wrapped title
                if src.lines[j].strip():
                    title += src.lines[j].strip()
                j += 1
            heads.append((1 if m.group(2) == "章" else 2, m.group(1), re.sub(r"\s+", "", title), i + 1))
    # A TOC entry repeats a heading that comes again in the body: keep the last occurrence.
    seen: dict[tuple[int, str, str], int] = {}
    for k, (level, number, title, _) in enumerate(heads):
        seen[(level, number, title[:6])] = k
    heads = [h for k, h in enumerate(heads) if seen[(h[0], h[1], h[2][:6])] == k or h[0] == 2]
    # Appendices (附件) end the body: the last chapter does not run into them.
    stops = [i + 1 for i, s in enumerate(src.lines) if APPENDIX_RE.match(s)]
    out: list[Section] = []
    last = len(src.lines)
    for k, (level, number, title, line) in enumerate(heads):
        end = next((h[3] - 1 for h in heads[k + 1:] if h[0] <= level), last)
        end = min([end, *(x - 1 for x in stops if x > line)])
        body = "".join(s.strip() for s in src.lines[line:end] if not (SECTION_RE.match(s) or TOC_RE.search(s)))
        if len(body) < 40:  # a TOC entry that slipped through, or an empty heading
            continue
        out.append(Section(level, number, title, line, end))
    return out
