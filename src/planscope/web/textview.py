"""A plan's text as numbered lines for the plan page: 专栏 boxes as ranges, footnote marks with their definitions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from planscope import model as m

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_RUN = re.compile(f"[{_SUPERSCRIPT}]+")
_TO_DIGIT = str.maketrans(_SUPERSCRIPT, "0123456789")


@dataclass
class Line:
    n: int
    html: Markup
    box_title: str | None = None  # a 专栏 box opens on this line
    box_end: bool = False  # … and closes after it


def mark_footnotes(text: str, defs: dict[str, str]) -> Markup:
    """Escape `text` and turn each superscript mark that has a definition into <sup title="definition">."""
    out, pos = [], 0
    for mt in _SUP_RUN.finditer(text):
        mark = mt.group().translate(_TO_DIGIT)
        if mark not in defs:
            continue
        out.append(escape(text[pos:mt.start()]))
        out.append(Markup('<sup class="fn" title="{}" tabindex="0">{}</sup>').format(f"注{mark}：{defs[mark]}",
                                                                                   mt.group()))
        pos = mt.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def numbered_lines(lines: list[str], outline: list[m.Heading], footnotes: list[m.Footnote]) -> list[Line]:
    used = {n for f in footnotes for n in f.uses}
    defs = {f.mark: f.text for f in footnotes}
    out = [Line(i, mark_footnotes(t, defs) if i in used else escape(t)) for i, t in enumerate(lines, 1)]
    # Boxes never nest in a plan; if the parser reports overlapping ones, the outer box wins.
    open_until = 0
    for h in sorted((h for h in outline if h.kind == "box"), key=lambda h: h.span.line_start):
        start, end = h.span.line_start, max(h.span.line_end, h.span.line_start)
        if start <= open_until or not 0 < start <= len(out):
            continue
        end = min(end, len(out))
        out[start - 1].box_title = f"{h.number or ''} {h.title}".strip()
        out[end - 1].box_end = True
        open_until = end
    return out


@dataclass
class Node:
    index: int
    heading: m.Heading
    children: list[Node]


def outline_tree(outline: list[m.Heading], parents: list[int | None]) -> list[Node]:
    nodes = [Node(i, h, []) for i, h in enumerate(outline)]
    roots: list[Node] = []
    for node, parent in zip(nodes, parents, strict=False):
        (nodes[parent].children if parent is not None and parent < len(nodes) else roots).append(node)
    return roots
