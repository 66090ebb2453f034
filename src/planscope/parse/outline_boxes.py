"""Where a 专栏 box and a 注 block end.

A box has no closing mark in extracted text; it ends where the body resumes. The rules, in order:
1. a structural heading (篇/章/节, another 专栏, 附件) always ends it;
2. a numbered heading (一、 / （一）) that continues the body's numbering rather than the box's own list ends
   it; when both lists would continue with that number, the heading is the body's if body prose follows it;
   an item that is a sentence or a 'label：text' entry is box content, never a body heading;
3. where body paragraphs carry an indentation the box's lines do not (web pages), the first line with the
   body's indentation ends it;
4. in a box that is a list (it opens with a numbered entry), a prose paragraph that is not the content of a
   list label ends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planscope.parse.outline_lines import (
    ARABIC_ITEM,
    SENTENCE_END,
    classify,
    continues,
    indent_of,
    norm,
    prose_like,
    title_like,
)

_STRUCTURAL = ("part", "chapter", "section", "box", "appendix", "preface")


@dataclass
class BodyState:
    """The body's numbering where the box starts: the last 一、 and （一） numbers seen."""

    last: dict[int, int]
    indent: str  # body paragraph indentation ("" when the document does not indent)
    stops: frozenset[int] = field(default_factory=frozenset)  # 0-based lines of decimal headings (1.2 …): end a box


def paragraph_at(lines: list[str], i: int, skip: set[int], limit: int = 8) -> str:
    """Text of the paragraph starting at 0-based line i, following wrapped continuation lines."""
    text = norm(lines[i])
    prev = lines[i]
    j = i + 1
    while j < len(lines) and limit > 0:
        if j + 1 in skip or not lines[j].strip():
            j += 1
            continue
        if not continues(prev, lines[j]):
            break
        text += norm(lines[j])
        prev = lines[j]
        j += 1
        limit -= 1
    return text


def _next_text(lines: list[str], i: int, skip: set[int]) -> str:
    j = i + 1
    while j < len(lines) and (j + 1 in skip or not lines[j].strip()):
        j += 1
    return paragraph_at(lines, j, skip) if j < len(lines) else ""


def box_end(lines: list[str], start: int, body: BodyState, skip: set[int]) -> int:
    """0-based index of the last line of the box whose title is at 0-based `start`."""
    own: dict[int, int] = {3: 0, 4: 0}
    is_list: bool | None = None
    prev_label = True  # the box title counts as a label: its first line of content is always inside
    first_indent: str | None = None
    last = start
    prev_line = lines[start]
    for j in range(start + 1, len(lines)):
        raw = lines[j]
        if j + 1 in skip or not raw.strip():
            continue
        s = norm(raw)
        head = classify(raw)
        if (head and head.kind in _STRUCTURAL) or j in body.stops:
            break
        indent = indent_of(raw)
        if first_indent is None:
            first_indent = indent
        elif (body.indent and first_indent != body.indent and indent == body.indent
              and not (head and head.kind == "notes") and not continues(prev_line, raw)):
            break
        if head and head.kind in ("item", "subitem"):
            level = head.level
            if title_like(head.title):
                body_next, own_next = body.last.get(level, 0) + 1, own[level] + 1
                if head.value is None:
                    is_body = prose_like(_next_text(lines, j, skip)) or bool(body.indent and indent == body.indent)
                elif head.value == body_next and head.value != own_next:
                    is_body = True
                elif head.value == body_next == own_next:
                    is_body = prose_like(_next_text(lines, j, skip))
                else:
                    is_body = False
                if is_body:
                    break
                prev_label = True
            else:
                prev_label = False
            if head.value is not None:
                own[level] = head.value
                if level == 3:
                    own[4] = 0
            if is_list is None:
                is_list = True
        elif (head and head.kind == "notes") or ARABIC_ITEM.match(s):
            if is_list is None:
                is_list = True
            prev_label = False
        else:
            if is_list is None:
                is_list = "\t" in raw
            wrapped = continues(prev_line, raw)
            if (is_list and not wrapped and not prev_label and "\t" not in raw
                    and prose_like(paragraph_at(lines, j, skip))):
                break
            if not wrapped:
                # a short line without a full stop labels what follows (航空交通, 石碁镇)
                prev_label = len(s) <= 25 and not SENTENCE_END.search(s) and "\t" not in raw
        last = j
        prev_line = raw
    return last


def notes_end(lines: list[str], start: int, skip: set[int]) -> int:
    """0-based index of the last line of the 注 block starting at `start`: its numbered notes and their
    wrapped continuations."""
    last = start
    prev = lines[start]
    for j in range(start + 1, len(lines)):
        raw = lines[j]
        if j + 1 in skip or not raw.strip():
            continue
        s = norm(raw)
        if ARABIC_ITEM.match(s) or continues(prev, raw):
            last, prev = j, raw
            continue
        break
    return last
