"""Stream layouts, where a row is a run of lines rather than one line:

- wrapped (PDF text, 000): several cells on a line separated by spaces, a long cell wrapped over up to 14
  lines, wrapped cells printed column after column, categories printed two characters per line before
  their group, the header repeated after a page break;
- cells (a flattened HTML table, 003): one cell per line, EMPTY CELLS OMITTED, a long cell sometimes wrapped.

Both become a list of pieces; a row ends at its attribute (预期性/约束性) or, in tables without one, where the
next sequence number starts. Inside a row, pieces are assigned to columns by content (align.py).
"""

from __future__ import annotations

import re
from itertools import pairwise

from planscope.ingest import SourceText
from planscope.model import IndicatorRow
from planscope.parse.tables.align import Piece, align
from planscope.parse.tables.content import is_attribute, is_text, seq_number, squash
from planscope.parse.tables.header import Column, header_labels, header_strength
from planscope.parse.tables.locate import Block
from planscope.parse.tables.rows import Draft, RowBuilder

# Cost of a missing cell, by role: a plan table always states the target; a base or a growth rate may be
# absent (a new indicator, an empty growth column), so a lone value is read as the target in a main table.
_SKIP_MAIN = {"name": 9.0, "target": 1.5, "actual": 1.2, "base": 1.0, "unit": 1.0, "growth": 0.5, "status": 0.5}
_SKIP_COMPLETION = {"name": 9.0, "base": 1.5, "actual": 1.2, "target": 1.0, "unit": 1.0, "growth": 0.5,
                    "status": 0.5}


def pieces_of(src: SourceText, block: Block) -> list[Piece]:
    out: list[Piece] = []
    in_header = False
    for n in block.body:
        clean = src.lines[n - 1]
        is_fragment = header_labels(clean) is not None and not clean.strip().isdigit()
        # a header repeated after a page break starts with a line of several header words; lone fragments
        # such as 增速 or 目标 are wrapped cells
        in_header = is_fragment and (in_header or header_strength(clean) >= 2)
        if in_header:
            block.header_lines.append(n)
            continue
        if block.layout == "wrapped":
            toks, raws = _tokens(clean), _tokens(src.original_lines[n - 1])
            if len(raws) != len(toks):
                raws = toks
            out.extend(Piece(t, r, n) for t, r in zip(toks, raws, strict=True))
        else:
            out.append(Piece(clean.strip(), src.original_lines[n - 1].strip(), n))
    return out


# PDF text often glues a row's number to its name with a dot: "1.地区生产总值增长" is the cells 1 and 地区生产总值增长
SEQ_GLUED = re.compile(r"^(\d{1,3})[.．、](?=[\u4e00-\u9fff])")


def _tokens(line: str) -> list[str]:
    out: list[str] = []
    for tok in line.split():
        m = SEQ_GLUED.match(tok)
        out += [m.group(1), tok[m.end():]] if m else [tok]
    return out


def _segments(pieces: list[Piece], has_attribute: bool) -> tuple[list[list[Piece]], list[Piece]]:
    """Rows as runs of pieces, each ending at its attribute; the pieces left over after the last row."""
    segs: list[list[Piece]] = []
    cur: list[Piece] = []
    for p in pieces:
        cur.append(p)
        if has_attribute and is_attribute(p.text):
            segs.append(cur)
            cur = []
    if not has_attribute:
        segs, cur = _split_at_seqs(cur), []
    return segs, cur


def _split_at_seqs(pieces: list[Piece]) -> list[list[Piece]]:
    segs: list[list[Piece]] = []
    expected = None
    start = 0
    for k in range(len(pieces)):
        if _seq_at(pieces, k, expected, allow_text_before=False) and k > start:
            segs.append(pieces[start:k])
            start = k
        if (s := seq_number(pieces[k].text)) is not None and _seq_at(pieces, k, expected, False):
            expected = s + 1
    segs.append(pieces[start:])
    return [s for s in segs if s]


def _seq_at(pieces: list[Piece], k: int, expected: int | None, allow_text_before: bool = True) -> bool:
    s = seq_number(pieces[k].text)
    if s is None or k + 1 >= len(pieces) or not is_text(pieces[k + 1].text):
        return False
    return s in (1, 2) if expected is None else expected <= s <= expected + 1


def parse_stream(src: SourceText, block: Block) -> tuple[list[IndicatorRow], list[str]]:
    cols = block.columns
    has_attr = any(c.role == "attribute" for c in cols)
    inner = [c for c in cols if c.role not in ("category", "seq", "attribute", "sub")]
    skips = _SKIP_COMPLETION if block.completion else _SKIP_MAIN
    problems: list[str] = []
    segs, rest = _segments(pieces_of(src, block), has_attr)
    drafts: list[Draft] = []
    expected: int | None = None
    for seg in segs:
        body = seg[:-1] if has_attr else seg
        attr = seg[-1:] if has_attr else []
        k = next((k for k in range(len(body)) if _seq_at(body, k, expected)
                  and all(is_text(p.text) for p in body[:k])), None)
        category, seq = (body[:k], body[k:k + 1]) if k is not None else ([], [])
        rest_pieces = body[k + 1:] if k is not None else body
        if seq:
            expected = (seq_number(seq[0].text) or 0) + 1
        cells = align(rest_pieces, inner, lambda j: skips.get(inner[j].role, 0.3), merge=True)
        if cells is None:
            problems.append(f"lines {seg[0].line}-{seg[-1].line}: cells not assigned to columns: "
                            + " | ".join(p.text for p in seg))
            continue
        d = Draft.from_alignment(inner, cells)
        d.category, d.seq, d.attribute = category, seq, attr
        first = (seq or rest_pieces or attr)[0].line
        d.lines = (first, seg[-1].line)
        drafts.append(d)
    _split_parents(drafts)
    builder = RowBuilder(fill_values=False)
    for d in drafts:
        if builder.add(d) is None:
            problems.append(f"lines {d.lines[0]}-{d.lines[1]}: row without an indicator name")
    if any(squash(p.text) for p in rest):
        problems.append(f"lines {rest[0].line}-{rest[-1].line}: text after the last row not assigned: "
                        + " | ".join(p.text for p in rest))
    return builder.rows, problems


def _split_parents(drafts: list[Draft]) -> None:
    """A numbered row followed by rows without a number is a group: its name pieces are the parent cell and
    the first sub-row's name (城乡居民收入 / 城镇居民人均可支配收入). Split where the sub-name best matches the
    next sibling's name (shared ending), else before the last piece."""
    for a, b in pairwise(drafts):
        if not a.seq or b.seq or len(a.name) < 2 or a.sub:
            continue
        sibling = "".join(p.text for p in b.name)

        def shared_end(cut: int, sib: str = sibling, names: list[Piece] = a.name) -> int:
            sub = "".join(p.text for p in names[cut:])
            n = 0
            while n < min(len(sub), len(sib)) and sub[-1 - n] == sib[-1 - n]:
                n += 1
            return n

        cuts = range(1, len(a.name))
        best = max(cuts, key=lambda c: (shared_end(c), c))
        a.name, a.sub = a.name[:best], a.name[best:]


def value_columns(cols: list[Column]) -> list[Column]:
    return [c for c in cols if c.role in ("base", "target", "actual", "growth", "status")]
