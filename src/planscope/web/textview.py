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


# --- the plan page sends the outline and its first part; the rest comes chunk by chunk (htmx) ---------------------
MAX_CHUNK = 400  # lines: a chapter longer than this is sent section by section


@dataclass
class Chunk:
    start: int  # first line (1-based)
    end: int  # last line, inclusive
    title: str  # the heading it opens with ("" for the part before the first one)


def _boxes(outline: list[m.Heading]) -> list[tuple[int, int]]:
    return [(h.span.line_start, max(h.span.line_end, h.span.line_start)) for h in outline if h.kind == "box"]


def chunks(outline: list[m.Heading], parents: list[int | None], n_lines: int,
           max_lines: int = MAX_CHUNK) -> list[Chunk]:
    """The text cut into parts that can be sent on their own: at the top-level headings (the first one stays with
    the lines before it), a part longer than `max_lines` cut again at its sub-headings (or every `max_lines`
    lines when it has none). A cut never falls inside a 专栏 box, so each box arrives whole."""
    if n_lines <= 0:
        return []
    boxes = _boxes(outline)

    def cuttable(n: int) -> bool:
        return 1 < n <= n_lines and not any(a < n <= b for a, b in boxes)

    depth: list[int] = []
    for p in parents[:len(outline)]:
        depth.append(0 if p is None or p >= len(depth) else depth[p] + 1)
    depth += [0] * (len(outline) - len(depth))
    starts = [(h.span.line_start, d) for h, d in zip(outline, depth, strict=True) if h.kind != "box"]
    titles: dict[int, str] = {}
    for h in outline:
        if h.kind != "box":
            titles.setdefault(h.span.line_start, f"{h.number or ''} {h.title}".strip())

    def split(a: int, b: int, level: int) -> list[int]:
        """Cut points inside a..b, using headings of `level` (deeper when a part is still too long)."""
        if b - a + 1 <= max_lines:
            return []
        levels = sorted({d for s, d in starts if a < s <= b and d >= level})
        for lv in levels:
            cuts = sorted({s for s, d in starts if d == lv and a < s <= b and cuttable(s)})
            if cuts:
                out: list[int] = []
                for x, y in zip([a, *cuts], [*(c - 1 for c in cuts), b], strict=True):
                    out += ([x] if x != a else []) + split(x, y, lv + 1)
                return out
        cuts, n = [], a + max_lines
        last = b - max_lines // 4  # no tail of a few lines on its own
        while n <= last:  # no heading to cut at: fixed-size pieces, moved past any box
            while n <= last and not cuttable(n):
                n += 1
            if n <= last:
                cuts.append(n)
            n += max_lines
        return cuts

    top = sorted({s for s, d in starts if d == 0 and cuttable(s)})[1:]
    bounds = [1, *top]
    cuts: list[int] = []
    for x, y in zip(bounds, [*(c - 1 for c in top), n_lines], strict=True):
        cuts += ([x] if x != 1 else []) + split(x, y, 1)
    merged: list[int] = []  # neighbours that fit in one part together travel together (few requests)
    for c, nxt in zip(sorted(set(cuts)), [*sorted(set(cuts))[1:], n_lines + 1], strict=True):
        if nxt - (merged[-1] if merged else 1) > max_lines:
            merged.append(c)
    cuts = merged
    return [Chunk(a, b, titles.get(a, "")) for a, b in zip([1, *cuts], [*(c - 1 for c in cuts), n_lines],
                                                            strict=True)]


def numbered_range(lines: list[str], outline: list[m.Heading], footnotes: list[m.Footnote], start: int,
                   end: int) -> list[Line]:
    """numbered_lines for lines start..end only (what one chunk shows): boxes cut by the range are closed at its
    end, and a box that opened before it does not close inside it (the HTML stays balanced)."""
    start, end = max(start, 1), min(end, len(lines))
    used = {n for f in footnotes for n in f.uses}
    defs = {f.mark: f.text for f in footnotes}
    out = [Line(i, mark_footnotes(lines[i - 1], defs) if i in used else escape(lines[i - 1]))
           for i in range(start, end + 1)]
    open_until = 0
    for h in sorted((h for h in outline if h.kind == "box"), key=lambda h: h.span.line_start):
        a, b = h.span.line_start, max(h.span.line_end, h.span.line_start)
        if a <= open_until or not 0 < a <= len(lines):
            continue  # the same outer-box-wins rule as numbered_lines
        open_until = b = min(b, len(lines))
        if start <= a <= end:
            out[a - start].box_title = f"{h.number or ''} {h.title}".strip()
            out[min(b, end) - start].box_end = True
    return out
