"""Outline: 篇/第一部分/章/节/一、/（一） headings, decimal outlines (1 / 1.1 / 1.1.1), 前言, 专栏 boxes, 附件
appendices and 注 blocks, in document order.

Only body headings: lines of a table of contents are skipped (outline_toc), numbered entries inside a box or an
appendix are the box's content, and 一、/（一） count as headings only when the line is a title (outline_lines).
A heading wrapped onto the next line is joined and keeps its first line number. Glossary footnotes are in
footnotes.py (re-exported here).
"""

from __future__ import annotations

import re

from planscope.ingest import SourceText
from planscope.model import Heading, Span
from planscope.parse.footnotes import parse_footnotes
from planscope.parse.numbers import to_chinese
from planscope.parse.outline_boxes import BodyState, box_end, notes_end
from planscope.parse.outline_lines import (
    DECIMAL_KIND,
    LineHead,
    body_indent,
    classify,
    clean_title,
    indent_of,
    norm,
    title_like,
)
from planscope.parse.outline_toc import toc_lines

__all__ = ["parse_footnotes", "parse_outline"]

_TITLE_WORDS = ("表", "图", "清单", "目录", "解释", "说明")
_CAPTION = re.compile(r"^(?:表|图)\s*[\d一二三四五六七八九十]+(?:[-—.．]\d+)?(?:\s|[:：、]|[^\d\s])")


def _next_nonempty(lines: list[str], i: int, skip: set[int], within: int = 3) -> int | None:
    for j in range(i + 1, min(len(lines), i + 1 + within)):
        if j + 1 in skip:
            return None
        if lines[j].strip():
            return j
    return None


def text_width(lines: list[str]) -> int:
    """The width (in characters) that full body lines fill: in hard-wrapped PDF text a heading as long as
    this was cut by the wrap. Unwrapped text has paragraph-long lines, so no heading reaches it."""
    lens = sorted(n for n in map(len, map(norm, lines)) if n > 8)
    return lens[int(len(lens) * 0.8)] if lens else 0


def _continuation_title(lines: list[str], i: int, head: LineHead, skip: set[int], width: int = 0) -> int | None:
    """0-based line continuing a heading title wrapped by extraction, or None. The continuation is short and
    has no sentence punctuation, and either the first line stops on a comma (…小康社会，), or it fills the
    text width of wrapped text, or the two lines are adjacent with the same indentation, as a heading and
    never body text."""
    j = _next_nonempty(lines, i, skip)
    if j is None:
        return None
    nxt = norm(lines[j])
    if classify(lines[j]) is not None or "\t" in lines[j] or len(nxt) > 25 or any(c in nxt for c in "。；：:！？，,"):
        return None
    if _CAPTION.match(nxt):
        return None  # 表1 …/图2 …: the caption of a table or figure right under the heading, never its title
    title = clean_title(head.title)
    if not title:
        return j  # 第一章 alone on its line, the title below it
    if len(title) + len(nxt) > 45:
        return None
    if head.kind == "appendix":
        return j if not title.endswith(_TITLE_WORDS) and nxt.endswith(_TITLE_WORDS) else None
    if title.endswith(("，", ",", "、", "—")):
        return j
    if width and len(norm(lines[i])) >= 0.9 * width:
        return j
    if j == i + 1 and indent_of(lines[j]) == indent_of(lines[i]):
        return j
    return None


def _block_end(lines: list[str], start: int, skip: set[int], stop_kinds: tuple[str, ...]) -> int:
    """Last non-empty line before the next heading of `stop_kinds` (or the end of the text)."""
    last = start
    for j in range(start + 1, len(lines)):
        if j + 1 in skip or not lines[j].strip():
            continue
        head = classify(lines[j])
        if head and head.kind in stop_kinds:
            break
        last = j
    return last


def decimal_headings(lines: list[str], skip: set[int]) -> dict[int, LineHead]:
    """0-based line -> heading for the lines of a decimal outline (1 发展基础 / 1.1 指导思想 / 1.1.1 …). A line
    counts only where it continues the numbering (1 then 1.1, 1.2, then 2 or 1.2.1; a 第N章 sets the chapter), and
    the document must have at least two such sections: a lone '3 重点任务' may be a table row or a wrapped number."""
    out: dict[int, LineHead] = {}
    nums = [0, 0, 0]  # the last chapter, section and item numbers
    for i, line in enumerate(lines):
        first = line.lstrip()[:1]
        if not (first.isdigit() or first == "第") or i + 1 in skip:
            continue  # only a number (1.1) or a chapter (第N章) matters here: most lines are neither
        head = classify(line)
        if head is None:
            continue
        if head.kind == "chapter" and head.value is not None:
            nums = [head.value, 0, 0]
            continue
        if head.kind != "decimal":
            continue
        parts = [int(x) for x in (head.number or "").split(".")]
        depth = len(parts)
        if parts[:-1] != nums[:depth - 1] or parts[-1] != nums[depth - 1] + 1:
            continue
        nums = parts + [0] * (3 - depth)
        out[i] = LineHead(DECIMAL_KIND[depth], depth, head.number, head.value, head.title)
    return out if sum(1 for h in out.values() if h.kind == "section") >= 2 else {}


def parse_outline(src: SourceText) -> list[Heading]:
    lines = src.lines
    skip = toc_lines(lines)
    width = text_width(lines)
    decimal = decimal_headings(lines, skip)
    body = BodyState(last={3: 0, 4: 0}, indent=body_indent(lines), stops=frozenset(decimal))
    out: list[Heading] = []
    struct_level = 0  # level of the innermost 篇/章/节 seen (boxes and notes sit one below it)
    in_appendix = False
    i = 0
    while i < len(lines):
        if i + 1 in skip or not lines[i].strip():
            i += 1
            continue
        head = classify(lines[i])
        if head is not None and head.kind == "decimal":
            head = decimal.get(i)
        if head is None or (in_appendix and head.kind not in ("appendix", "notes")):
            i += 1
            continue
        kind = head.kind
        if kind == "notes":
            end = notes_end(lines, i, skip)
            out.append(Heading(struct_level + 1, "notes", None, "注", Span(i + 1, end + 1)))
            i = end + 1
            continue
        if kind == "box":
            end = box_end(lines, i, body, skip)
            level = struct_level + 1
            title = clean_title(head.title)
            j = _continuation_title(lines, i, head, skip) if not title else None
            if j is not None and j <= end:
                title = clean_title(lines[j])
            out.append(Heading(level, "box", head.number, title, Span(i + 1, end + 1)))
            for k in range(i + 1, end + 1):  # a box's notes are its children
                if k + 1 not in skip and (h := classify(lines[k])) and h.kind == "notes":
                    out.append(Heading(level + 1, "notes", None, "注", Span(k + 1, notes_end(lines, k, skip) + 1)))
            i = end + 1
            continue
        if kind in ("item", "subitem") and i not in decimal:
            if not title_like(head.title):
                # 二、改革取得新突破。全面… : a numbered paragraph, not a heading, but it takes its place in the
                # body's numbering (a box's end is judged against that numbering)
                if head.value is not None and head.value == body.last[head.level] + 1:
                    body.last[head.level] = head.value
                    if head.level == 3:
                        body.last[4] = 0
                i += 1
                continue
            title = clean_title(head.title)
            j = _continuation_title(lines, i, head, skip, width)
            if j is not None and title_like(title + norm(lines[j])):
                title = clean_title(head.title + lines[j])
            else:
                j = None
            value = head.value if head.value is not None else body.last[head.level] + 1
            number = head.number or (f"{to_chinese(value)}、" if kind == "item" else None)
            body.last[head.level] = value
            if head.level == 3:
                body.last[4] = 0
            out.append(Heading(head.level, kind, number, title, Span(i + 1, (j if j is not None else i) + 1)))
            i = (j if j is not None else i) + 1
            continue
        # 篇/章/节, 前言, 附件: titles may wrap onto the next line
        title = clean_title(head.title)
        end_line = i
        j = _continuation_title(lines, i, head, skip, width) if kind != "preface" else None
        if j is not None:
            title = clean_title(head.title + lines[j])
            end_line = j
            if not clean_title(head.title):  # title on its own line(s) below the number: it may wrap too
                k = _continuation_title(lines, j, LineHead(kind, head.level, head.number, head.value, title), skip)
                if k is not None:
                    title, end_line, j = clean_title(title + lines[k]), k, k
        if kind == "appendix":
            in_appendix = True
            end_line = _block_end(lines, i, skip, ("appendix",))
        elif kind in ("part", "chapter", "section") or i in decimal:
            struct_level = head.level
            body.last = {3: 0, 4: 0}
        elif kind == "preface":
            struct_level = head.level
        out.append(Heading(head.level, kind, head.number, title, Span(i + 1, end_line + 1)))
        i = (j if j is not None else i) + 1
    return out
