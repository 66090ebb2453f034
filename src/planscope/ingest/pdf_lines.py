"""PDF text from glyph geometry: lines rebuilt from characters, and tables without ruling lines found by the
columns their cells line up in.

pdfplumber's own text joins characters closer than a fixed tolerance, so in a tight table ("经济发展1",
"序号指标") cells run together. Here a line is cut where the horizontal gap is wide relative to the font
size, and inside a region of lines that share column gaps (a borderless table) it is cut at every column
boundary, however narrow, and rendered as TAB-separated cells (layout.py's convention). Gaps between glyphs of
running CJK text are ~0, so running text stays unbroken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

WORD_GAP = 0.25  # × font size: a gap this wide between two glyphs is a space in running text
WIDE_GAP = 0.8  # × font size: a gap this wide can only be between two cells (or a deliberate blank)
MIN_COLUMN_GAP = 0.5  # points: the narrowest blank strip accepted as a column boundary
MIN_TABLE_LINES = 3
_NOTES = re.compile(r"^注\s*\d*\s*[:：]")


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Line:
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def size(self) -> float:
        return median(g.size for g in self.glyphs)

    def gaps(self) -> list[tuple[float, float]]:
        return [(a.x1, b.x0) for a, b in pairwise(self.glyphs)]

    def wide_gaps(self) -> list[tuple[float, float]]:
        em, base = self.size, spacing(self.glyphs)
        return [(a, b) for a, b in self.gaps() if b - a - base >= WIDE_GAP * em]


def glyphs_of(chars: list[dict[str, Any]]) -> list[Glyph]:
    out = []
    for c in chars:
        t = c.get("text") or ""
        if not t or t.isspace():
            continue  # blanks are read from the geometry instead
        out.append(Glyph(t, float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                         float(c.get("size") or (c["bottom"] - c["top"]) or 1.0)))
    return out


def build_lines(glyphs: list[Glyph]) -> list[Line]:
    """Glyphs grouped into lines by vertical position, top to bottom, each sorted left to right. A glyph joins
    a line when its vertical centre lies in the line's band; smaller glyphs (superscript marks) that overlap a
    line of larger type are folded into it."""
    lines: list[Line] = []
    bands: list[tuple[float, float]] = []
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        c = (g.top + g.bottom) / 2
        for k in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
            top, bottom = bands[k]
            if top <= c <= bottom:
                lines[k].glyphs.append(g)
                break
        else:
            lines.append(Line([g]))
            bands.append((g.top, g.bottom))
    merged: list[Line] = []
    for ln in lines:
        if merged and _small_overlapping(ln, merged[-1]):
            merged[-1].glyphs.extend(ln.glyphs)
            continue
        if merged and _small_overlapping(merged[-1], ln):
            ln.glyphs.extend(merged.pop().glyphs)
        merged.append(ln)
    for ln in merged:
        ln.glyphs.sort(key=lambda g: g.x0)
    return merged


def _small_overlapping(small: Line, big: Line) -> bool:
    overlap = min(small.bottom, big.bottom) - max(small.top, big.top)
    return small.size < 0.8 * big.size and overlap > 0.3 * (small.bottom - small.top)


def spacing(glyphs: list[Glyph]) -> float:
    """The line's own letter spacing: letter-spaced or justified CJK text has a gap after every glyph, and
    none of them is a space. Taken as the lower quartile of the gaps when there are enough to tell, and only
    up to half an em (a row of one-glyph table cells has only wide gaps, and they are all cell boundaries)."""
    gaps = sorted(b.x0 - a.x1 for a, b in pairwise(glyphs))
    if len(gaps) < 4:
        return 0.0
    q = gaps[len(gaps) // 4]
    return max(0.0, q) if q <= 0.5 * median(g.size for g in glyphs) else 0.0


def join_glyphs(glyphs: list[Glyph]) -> str:
    """Glyphs as text: a space where the gap is a word space (beyond the line's letter spacing), nothing
    between glyphs set close."""
    out = ""
    prev: Glyph | None = None
    base = spacing(glyphs)
    for g in glyphs:
        if prev is not None and g.x0 - prev.x1 - base > WORD_GAP * max(g.size, prev.size):
            out += " "
        out += g.text
        prev = g
    return out


# --- tables without ruling lines --------------------------------------------------------------------------


@dataclass
class Region:
    """A run of lines forming a borderless table: `start`..`end` (inclusive) index its lines, `seps` are the
    x positions of its column boundaries."""

    start: int
    end: int
    seps: list[float]


def _close(a: Line, b: Line) -> bool:
    """b follows a within a table (no paragraph-sized blank between them)."""
    return b.top - a.bottom <= 1.5 * max(a.size, b.size)


def _crosses(line: Line, seps: list[float]) -> bool:
    return any(g.x0 < s < g.x1 for g in line.glyphs for s in seps)


def column_seps(lines: list[Line]) -> list[float]:
    """Column boundaries shared by `lines`: blank vertical strips no glyph of any line enters, where at least
    one line has a wide gap (so letter-spaced or justified text, whose blanks are all narrow, has none)."""
    spans = sorted((g.x0, g.x1) for ln in lines for g in ln.glyphs)
    free: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= MIN_COLUMN_GAP:
            free.append((reach, x0))
        reach = max(reach, x1)
    wide = [w for ln in lines for w in ln.wide_gaps()]
    return [(a + b) / 2 for a, b in free if any(wa <= a + 0.01 and b <= wb + 0.01 for wa, wb in wide)]


def _trim_edges(lines: list[Line], lo: int, hi: int) -> tuple[int, int]:
    """Drop a first or last line with at most one wide gap that cuts across the columns of the rest: a title
    or heading set close to the table (专栏1, an ideographic space, then its name)."""
    for _ in range(2):
        if hi - lo >= MIN_TABLE_LINES and len(lines[lo].wide_gaps()) <= 1:
            seps = column_seps(lines[lo + 1:hi + 1])
            if len(seps) >= 2 and _crosses(lines[lo], seps):
                lo += 1
        if hi - lo >= MIN_TABLE_LINES and len(lines[hi].wide_gaps()) <= 1:
            seps = column_seps(lines[lo:hi])
            if len(seps) >= 2 and _crosses(lines[hi], seps):
                hi -= 1
    return lo, hi


def find_regions(lines: list[Line]) -> list[Region]:
    """Borderless tables: runs of close lines, at least MIN_TABLE_LINES of them with wide gaps, sharing at
    least two column boundaries. Lines at the edges without wide gaps belong only if they fit the columns."""
    regions: list[Region] = []
    i = 0
    n = len(lines)
    while i < n:
        if not lines[i].wide_gaps():
            i += 1
            continue
        j = i
        while j + 1 < n and _close(lines[j], lines[j + 1]) and not _NOTES.match(join_glyphs(lines[j + 1].glyphs)):
            j += 1
        # the run i..j: trim edge lines without wide gaps, then test the column structure
        lo, hi = i, j
        while hi > lo and not lines[hi].wide_gaps():
            hi -= 1
        lo, hi = _trim_edges(lines, lo, hi)
        tabular = [ln for ln in lines[lo:hi + 1] if ln.wide_gaps()]
        if len(tabular) >= MIN_TABLE_LINES:
            seps = column_seps(lines[lo:hi + 1])
            if len(seps) >= 2:
                while hi < j and not _crosses(lines[hi + 1], seps):
                    hi += 1  # trailing continuation lines of wrapped cells
                regions.append(Region(lo, hi, seps))
                i = hi + 1
                continue
        i += 1
    return regions


def cells_of(line: Line, seps: list[float]) -> list[str]:
    cols: list[list[Glyph]] = [[] for _ in range(len(seps) + 1)]
    for g in line.glyphs:
        k = sum(1 for s in seps if s < (g.x0 + g.x1) / 2)
        cols[k].append(g)
    return [join_glyphs(c) for c in cols]


# --- rows of a borderless table ----------------------------------------------------------------------------
# Without horizontal rules a table row is a set of lines: the "key" line holding most of its cells, plus the
# lines of cells that wrap. A table's cells are either centred on their row (a wrapped cell then puts lines
# half a line above and below the key line: the sign) or start at its top (every other line continues the
# key line above it). Centred: each other line goes to the nearest key line, and a line exactly between two
# goes where it balances a wrapped cell around its key line. A first column empty in most rows holds cells
# merged down several rows (类别): printed in the first row they span (layout.py's convention for merged cells).


@dataclass
class _Row:
    key: Line
    cells: list[str]
    parts: list[tuple[Line, list[str]]] = field(default_factory=list)  # (line, cells), key line included

    @property
    def top(self) -> float:
        return min(ln.top for ln, _ in self.parts)

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln, _ in self.parts)


def _centre(ln: Line) -> float:
    return (ln.top + ln.bottom) / 2


def _overlaps(a: Line, b: Line) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > 0.2 * (a.bottom - a.top)


def _nearest(ln: Line, rows: list[_Row]) -> list[int]:
    """Indices of the rows whose key line is nearest `ln` (two on a tie, within half a point)."""
    ds = [abs(_centre(r.key) - _centre(ln)) for r in rows]
    best = min(ds)
    return [k for k, d in enumerate(ds) if d <= best + 0.5]


def _balance(row: _Row, col: int) -> int:
    """Lines of column `col` below the key line minus those above it."""
    return sum((1 if ln.top > row.key.top else -1) for ln, cs in row.parts if cs[col] and ln is not row.key)


def _place_spans(spans: list[tuple[Line, str]], rows: list[_Row], middle: bool) -> dict[int, str]:
    """Row index → merged first-column text. Top-aligned text is on its first row already; centred text is
    moved to the first of the run of rows whose middle it marks. Runs follow each other, except that the
    first may start lower (the rows above it continue a merged cell from the previous page)."""
    out: dict[int, str] = {}
    start = 1  # row 0 is the header
    for k, (ln, text) in enumerate(spans):
        home = max(_nearest(ln, rows)[-1 if middle else 0], start)
        if home >= len(rows):
            break
        if not middle:
            out[home] = out.get(home, "") + text
            start = home + 1
            continue
        nxt = max(_nearest(spans[k + 1][0], rows)[0], home + 1) if k + 1 < len(spans) else len(rows)
        firsts = range(start, home + 1) if k == 0 else [start]
        c = _centre(ln)
        first, last = min(((s, e) for s in firsts for e in range(home, min(nxt, len(rows)))),
                          key=lambda se: abs((rows[se[0]].top + rows[se[1]].bottom) / 2 - c) + 0.01 * se[0])
        out[first] = out.get(first, "") + text
        start = last + 1
    return out


_ANCHOR = re.compile(r"^[\[(（<>≤≥＜＞约]*(?:\d[\d.,，/%]*|[—－-]+)[\])）%*]*$")


def _anchor_column(cells: list[list[str]], skip_first: bool) -> int | None:
    """The column whose cells mark rows: the one with the most short numeric cells (序号, a value column;
    they never wrap). Leftmost on a tie, so 序号 wins when there is one."""
    best, score = None, 1
    for c in range(1 if skip_first else 0, len(cells[0])):
        n = sum(1 for cs in cells if _ANCHOR.match(cs[c]))
        if n > score:
            best, score = c, n
    return best


def _key_lines(cells: list[list[str]]) -> list[int]:
    """Indices of key lines: those with a numeric cell in the anchor column, and the header's first line
    (the first with any text in the anchor column, when it comes before them)."""
    counts = [sum(1 for c in cs if c) for cs in cells]
    span_first = sum(1 for cs in cells if cs[0]) * 2 < len(cells)
    anchor = _anchor_column(cells, span_first)
    if anchor is None:  # no numeric column: lines holding most of the cells
        need = max(2, round(0.5 * max(counts)))
        return [k for k, n in enumerate(counts) if n >= need]
    keys = [k for k, cs in enumerate(cells) if _ANCHOR.match(cs[anchor])]
    head = next((k for k, cs in enumerate(cells) if cs[anchor]), None)
    if head is not None and head < keys[0]:
        keys.insert(0, head)
    elif keys[0] > 0 or counts[0] >= 2:
        keys.insert(0, 0)  # a header without text in the anchor column starts at the first line
    return keys


def _join_spans(spans: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """Lines of one wrapped merged cell (one line apart) as one."""
    out: list[tuple[Line, str]] = []
    for ln, text in sorted(spans, key=lambda s: s[0].top):
        if out and ln.top - out[-1][0].bottom < 0.5 * ln.size:
            prev, t = out.pop()
            out.append((Line(prev.glyphs + ln.glyphs), t + text))
        else:
            out.append((ln, text))
    return out


def region_rows(lines: list[Line], seps: list[float]) -> list[tuple[float, list[str]]]:
    """(top, cells) per table row of a borderless table region, wrapped cells joined."""
    from planscope.ingest.layout import join_fragments

    cells = [cells_of(ln, seps) for ln in lines]
    key_idx = set(_key_lines(cells))
    rows = [_Row(lines[k], cells[k]) for k in sorted(key_idx)]
    if len(rows) < 2:
        return [(ln.top, cs) for ln, cs in zip(lines, cells, strict=True)]
    data = rows[1:]
    span_col = len(data) >= 2 and sum(1 for r in data if r.cells[0]) * 2 < len(data)
    others = [(ln, cs) for k, (ln, cs) in enumerate(zip(lines, cells, strict=True)) if k not in key_idx]
    middle = any(_overlaps(ln, r.key) for ln, _ in others for r in rows)
    spans: list[tuple[Line, str]] = []
    if span_col:
        for r in data:
            if r.cells[0]:
                spans.append((r.key, r.cells[0]))
                r.cells = ["", *r.cells[1:]]
    for r in rows:
        r.parts.append((r.key, r.cells))
    ties: list[tuple[Line, list[str], list[int]]] = []
    for ln, cs in others:
        if span_col and cs[0] and ln.top > rows[1].top - 0.5 * ln.size:
            spans.append((ln, cs[0]))
            cs = ["", *cs[1:]]
            if not any(cs):
                continue
        if not middle:  # top-aligned: the line continues the row above it
            k = max([k for k, r in enumerate(rows) if r.key.top < ln.top], default=0)
            rows[k].parts.append((ln, cs))
            continue
        near = _nearest(ln, rows)
        if len(near) == 1:
            rows[near[0]].parts.append((ln, cs))
        else:
            ties.append((ln, cs, near))
    for ln, cs, near in ties:
        col = next(c for c, t in enumerate(cs) if t)
        k = near[-1] if _balance(rows[near[-1]], col) > 0 else near[0]
        rows[k].parts.append((ln, cs))
    placed = _place_spans(_join_spans(spans), rows, middle) if span_col else {}
    out: list[tuple[float, list[str]]] = []
    for k, r in enumerate(rows):
        r.parts.sort(key=lambda p: p[0].top)
        joined = [join_fragments([cs[c] for _, cs in r.parts]) for c in range(len(seps) + 1)]
        if span_col and k > 0:
            joined[0] = placed.get(k, "")
        out.append((r.top, joined))
    return out
