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
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

from planscope.ingest.layout import join_fragments

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
    head: int = 0  # group header lines at the start (2025年 over 目标值 | 年均增长), laid out apart from the rest


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
    or heading set close to the table (专栏1, an ideographic space, then its name). A header line whose labels
    are only wider than the cells below them (序号 over 1, 2, 3) narrows the columns' blanks but keeps them all."""
    for _ in range(2):
        if hi - lo >= MIN_TABLE_LINES and len(lines[lo].wide_gaps()) <= 1:
            seps = column_seps(lines[lo + 1:hi + 1])
            if len(seps) >= 2 and _crosses(lines[lo], seps) and len(column_seps(lines[lo:hi + 1])) < len(seps):
                lo += 1
        if hi - lo >= MIN_TABLE_LINES and len(lines[hi].wide_gaps()) <= 1:
            seps = column_seps(lines[lo:hi])
            if len(seps) >= 2 and _crosses(lines[hi], seps) and len(column_seps(lines[lo:hi + 1])) < len(seps):
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
                head = 0
                while lo - head > 0 and head < 2 and _close(lines[lo - head - 1], lines[lo - head]) \
                        and is_group_line(lines[lo - head - 1], seps, lines[lo - head:lo - head + 2]):
                    head += 1
                regions.append(Region(lo - head, hi, seps, head))
                i = hi + 1
                continue
        i += 1
    return regions


def continuation_region(lines: list[Line], k: int, seps: list[float]) -> Region | None:
    """The rows of a borderless table continued from the previous page, starting at line k: the run of close
    lines that fit the columns `seps` of its first part (too few to be found as a table on their own, or with
    columns of their own that would not line up with the first part's)."""
    if k >= len(lines) or _crosses(lines[k], seps):
        return None
    end = k
    while end + 1 < len(lines) and _close(lines[end], lines[end + 1]) and not _crosses(lines[end + 1], seps) \
            and not _NOTES.match(join_glyphs(lines[end + 1].glyphs)):
        end += 1
    while end > k and not lines[end].wide_gaps():
        end -= 1
    if not any(ln.wide_gaps() for ln in lines[k:end + 1]):
        return None
    return Region(k, end, seps)


def fits(lines: list[Line], seps: list[float]) -> bool:
    """No glyph of `lines` straddles a column boundary."""
    return not any(_crosses(ln, seps) for ln in lines)


def _chunks(line: Line) -> list[list[Glyph]]:
    """The line cut at its wide gaps: the text of one cell each (a label over several columns is one chunk)."""
    out: list[list[Glyph]] = [[]]
    cuts = {a for a, _ in line.wide_gaps()}
    for g in line.glyphs:
        out[-1].append(g)
        if g.x1 in cuts:
            out.append([])
    return [c for c in out if c]


def _column(x: float, seps: list[float]) -> int:
    return sum(1 for s in seps if s < x)


def is_group_line(line: Line, seps: list[float], below: list[Line]) -> bool:
    """A header line of group labels (2025年 over 目标值 | 年均增长): every chunk spans two or more columns but
    at most half of them, not the first (a title or heading starts at the table's left edge or spans it), and
    the header lines `below` have text in at least two of them."""
    chunks = _chunks(line)
    if not chunks:
        return False
    near = [g for ln in below for g in ln.glyphs]
    bounds = [min(g.x0 for g in near + line.glyphs), *seps, max(g.x1 for g in near + line.glyphs)]
    for ch in chunks:
        c0, c1 = _column(ch[0].x0, seps), _column(ch[-1].x1, seps)
        if c0 == 0 or c1 == c0 or c1 - c0 + 1 > max(2, (len(seps) + 1) // 2):
            return False
        lo, hi = bounds[c0], bounds[c1 + 1]
        if len({_column((g.x0 + g.x1) / 2, seps) for g in near if lo < (g.x0 + g.x1) / 2 < hi}) < 2:
            return False
    return True


def group_cells(line: Line, seps: list[float]) -> tuple[list[str], set[int]]:
    """A group header line as cells (each label in the first column it spans, as layout.py prints merged
    cells) and the columns its labels span."""
    cells = [""] * (len(seps) + 1)
    spanned: set[int] = set()
    for ch in _chunks(line):
        c0, c1 = _column(ch[0].x0, seps), _column(ch[-1].x1, seps)
        cells[c0] += join_glyphs(ch)
        spanned.update(range(c0, c1 + 1))
    return cells, spanned


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


@dataclass
class TableRow:
    """One rendered row of a borderless table: `kind` is header, row, or fragment (lines at the top of a page
    that end a row begun on the previous page: pdf_pages.py joins them to it)."""

    top: float
    cells: list[str]
    kind: str = "row"


def _mirrored(ln: Line, col: int, k: int, rows: list[_Row], lines: list[tuple[Line, list[str]]]) -> bool:
    """A line of column `col` that may belong to row k lies opposite `ln` across its key line: a cell centred on
    its row has as many lines above the key line as below it."""
    m = 2 * _centre(rows[k].key) - _centre(ln)
    return any(o is not ln and cs[col] and abs(_centre(o) - m) < 0.25 * o.size and k in _nearest(o, rows)
               for o, cs in lines)


def _assign_ties(ties: list[tuple[Line, list[str], list[int]]], rows: list[_Row],
                 others: list[tuple[Line, list[str]]]) -> None:
    """A line exactly between two key lines goes to the row where a line of its cell lies opposite it (a centred
    cell wrapped over an odd number of lines), else where it balances its cell around the key line."""
    for ln, cs, near in ties:
        col = next(c for c, t in enumerate(cs) if t)
        mirrored = [k for k in near if _mirrored(ln, col, k, rows, others)]
        balanced = near[-1] if _balance(rows[near[-1]], col) > 0 else near[0]
        k = mirrored[0] if len(mirrored) == 1 else balanced
        rows[k].parts.append((ln, cs))


def _joined(parts: list[tuple[Line, list[str]]], ncols: int) -> list[str]:
    ordered = sorted(parts, key=lambda p: p[0].top)
    return [join_fragments([cs[c] for _, cs in ordered]) for c in range(ncols)]


def signature(cells: list[list[str]]) -> str:
    """A header's text without spacing, to recognise it when it is repeated on the next page."""
    return re.sub(r"\s+", "", "".join("".join(cs) for cs in cells))


def _split_header(row: _Row, sig: Callable[[list[str]], str], header: str, ncols: int
                  ) -> list[tuple[Line, list[str]]] | None:
    """The lines below a repeated header's key line that are not part of it (the end of a row begun on the
    previous page, drawn to the nearer header): the header's text (`sig` of its cells) must then be the first
    page's exactly."""
    below = sorted((p for p in row.parts if p[0].top > row.key.top), key=lambda p: p[0].top)
    for m in range(1, len(below) + 1):
        kept = [p for p in row.parts if not any(p is q for q in below[-m:])]
        if sig(_joined(kept, ncols)) == header:
            row.parts = kept
            return below[-m:]
    return None


@dataclass
class _Layout:
    rows: list[_Row]  # rows[0] is the header (or an empty stand-in above the page)
    placed: dict[int, str] | None  # merged first-column text by row, when the first column holds merged cells
    fragment: list[tuple[Line, list[str]]] = field(default_factory=list)


def _stand_in(first: Line, ncols: int) -> _Row:
    """An empty header row far above the page's first line: a table continued without its header repeated."""
    y = first.top - 1000.0
    return _Row(Line([Glyph("", first.glyphs[0].x0, first.glyphs[0].x0, y, y + first.size, first.size)]),
                [""] * ncols)


def _assemble(lines: list[Line], cells: list[list[str]], keys: list[int], ncols: int, stand_in: bool,
              continued: bool) -> _Layout:
    """Rows from their key lines (`keys`; the first is the header unless `stand_in`), every other line joined
    to its row. When the table is `continued` from the previous page, lines above its first row that are not
    its own are the end of a row begun there: the layout's `fragment`."""
    rows = [_Row(lines[k], cells[k]) for k in keys]
    if stand_in:
        rows.insert(0, _stand_in(lines[0], ncols))
    data = rows[1:]
    span_col = len(data) >= 2 and sum(1 for r in data if r.cells[0]) * 2 < len(data)
    key_set = set(keys)
    others = [(ln, cs) for k, (ln, cs) in enumerate(zip(lines, cells, strict=True)) if k not in key_set]
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
    _assign_ties(ties, rows, others)
    fragment: list[tuple[Line, list[str]]] = []
    if stand_in:
        fragment = [p for p in rows[0].parts if p[0] is not rows[0].key]
        rows[0].parts = [(rows[0].key, rows[0].cells)]
    if continued and middle and data:
        fragment += _unbalanced_top(data[0], ncols)
    return _Layout(rows, _place_spans(_join_spans(spans), rows, middle) if span_col else None, fragment)


def _unbalanced_top(row: _Row, ncols: int) -> list[tuple[Line, list[str]]]:
    """Lines at the top of a table's first row on a page that are not its own: a cell centred on its row has
    as many lines above the key line as below it, so lines above beyond that end a row begun on the previous
    page. They are taken out of the row and returned."""
    extra: list[tuple[Line, list[str]]] = []
    for c in range(ncols):
        above = sorted((p for p in row.parts if p[0].top < row.key.top and p[1][c]), key=lambda p: p[0].top)
        below = [p for p in row.parts if p[0].top > row.key.top and p[1][c]]
        extra += [p for p in above[:max(0, len(above) - len(below))] if not any(p is q for q in extra)]
    row.parts = [p for p in row.parts if not any(p is q for q in extra)]
    return extra


def region_rows(lines: list[Line], seps: list[float], head: int = 0, header: str | None = None) -> list[TableRow]:
    """The rows of a borderless table region, wrapped cells joined. `head` group header lines start the region.
    `header`: the table's header signature when the region continues a table from the previous page: its first
    row is a header only if it repeats that one."""
    ncols = len(seps) + 1
    groups = [group_cells(ln, seps) for ln in lines[:head]]
    group_tops = [ln.top for ln in lines[:head]]
    lines = lines[head:]
    cells = [cells_of(ln, seps) for ln in lines]
    keys = sorted(set(_key_lines(cells)))
    if len(keys) < 2:
        return [TableRow(ln.top, cs) for ln, cs in zip(lines, cells, strict=True)]
    lay = _assemble(lines, cells, keys, ncols, stand_in=False, continued=header is not None)
    first_kind = "header"

    def sig(joined: list[str]) -> str:  # the header's text as printed on the first page
        rows = _header_rows(groups, group_tops, TableRow(0.0, joined)) if groups else [TableRow(0.0, joined)]
        return signature([r.cells for r in rows])

    if header is not None and sig(_joined(lay.rows[0].parts, ncols)) != header:
        split = _split_header(lay.rows[0], sig, header, ncols)
        if split is not None:
            lay.fragment = split + lay.fragment
        else:  # no header repeated on this page: rows start at the first key line with a number
            anchored = [k for k in keys if any(_ANCHOR.match(c) for c in cells[k])]
            if anchored:
                lay = _assemble(lines, cells, anchored, ncols, stand_in=True, continued=True)
                first_kind = "stand-in"
    out: list[TableRow] = []
    for k, r in enumerate(lay.rows):
        joined = _joined(r.parts, ncols)
        if lay.placed is not None and k > 0:
            joined[0] = lay.placed.get(k, "")
        if k > 0 or first_kind == "header":
            out.append(TableRow(r.top, joined, first_kind if k == 0 else "row"))
    if lay.fragment:
        frag = TableRow(min(ln.top for ln, _ in lay.fragment), _joined(lay.fragment, ncols), "fragment")
        out.insert(1 if first_kind == "header" else 0, frag)
    if groups and first_kind == "header":
        out[:1] = _header_rows(groups, group_tops, out[0])
    return out


def _header_rows(groups: list[tuple[list[str], set[int]]], tops: list[float], header: TableRow) -> list[TableRow]:
    """A two-row header as layout.py prints merged cells: the group labels, and the labels that span both header
    rows, on the first row; the sub-labels under the groups on the second."""
    spanned = set().union(*(s for _, s in groups))
    top_row = [join_fragments([g[j] for g, _ in groups]) if j in spanned else c for j, c in enumerate(header.cells)]
    sub_row = [c if j in spanned else "" for j, c in enumerate(header.cells)]
    return [TableRow(tops[0], top_row, "header"), TableRow(header.top, sub_row, "header")]
