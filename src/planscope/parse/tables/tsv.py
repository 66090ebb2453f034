"""Tab layouts: one table row per line, cells separated by TAB (001, and every real HTML/DOCX/PDF table as the
readers render it: a rowspan cell printed on its first row and empty below).

Repeated headers after page breaks replace the column model (their shapes differ: an extra empty column for
sub-row names, a trailing empty column). Rows are aligned to columns by content, so lines shifted left by a
dropped empty cell still land right.
"""

from __future__ import annotations

from planscope.ingest import SourceText
from planscope.model import IndicatorRow
from planscope.parse.tables.align import Piece, align
from planscope.parse.tables.content import squash
from planscope.parse.tables.header import (
    Column,
    classify,
    header_continuation,
    header_labels,
    header_strength,
    merge_header_rows,
    sub_header,
)
from planscope.parse.tables.locate import Block, group_row
from planscope.parse.tables.rows import Draft, RowBuilder


def _with_sub(cols: list[Column]) -> list[Column]:
    """Add a virtual column after 指标 for sub-row names when the header has none."""
    if any(c.role == "sub" for c in cols):
        return cols
    out: list[Column] = []
    for c in cols:
        out.append(c)
        if c.role == "name":
            out.append(Column("", "sub"))
    return out


def _is_header(line: str) -> bool:
    cells = line.split("\t")
    return header_strength(line) >= 3 and all(header_labels(c) is not None or not squash(c) for c in cells)


def parse_tsv(src: SourceText, block: Block) -> tuple[list[IndicatorRow], list[str]]:
    cols = _with_sub(block.columns)
    builder = RowBuilder(fill_values=True)
    problems: list[str] = []
    sub_rows: set[int] = set()
    for k, n in enumerate(block.body):
        line = src.lines[n - 1]
        if n in sub_rows:
            continue
        if _is_header(line):  # a header repeated after a page break, maybe on two rows like the first
            labels = [squash(c) for c in line.split("\t")]
            below = src.lines[block.body[k + 1] - 1] if k + 1 < len(block.body) else ""
            if (bottom := sub_header(labels, below)) or (whole := header_continuation(labels, below)):
                labels = merge_header_rows(labels, bottom) if bottom else whole
                sub_rows.add(block.body[k + 1])
                block.header_lines.append(block.body[k + 1])
            cols = _with_sub(classify(labels, block.completion, merge=False))
            block.header_lines.append(n)
            continue
        nxt = src.lines[block.body[k + 1] - 1] if k + 1 < len(block.body) else ""
        if (category := group_row(line, nxt)) is not None:  # 一、经济发展 across the table: the rows below are its
            builder.category = category
            continue
        clean = line.split("\t")
        raw = src.original_lines[n - 1].split("\t")
        if len(raw) != len(clean):
            raw = clean
        pieces = [Piece(c, r, n) for c, r in zip(clean, raw, strict=True)]
        while pieces and not squash(pieces[-1].text) and len(pieces) > len(cols):
            pieces.pop()  # trailing empty cells beyond the header
        cells = align(pieces, cols, lambda j, cs=cols: _skip(cs[j]), merge=False)
        if cells is None:
            problems.append(f"line {n}: cells not assigned to columns: {' | '.join(c.strip() for c in clean)}")
            continue
        draft = Draft.from_alignment(cols, cells)
        draft.lines = (n, n)
        if builder.add(draft) is None:
            problems.append(f"line {n}: row without an indicator name: {' | '.join(c.strip() for c in clean)}")
    return builder.rows, problems


def _skip(col: Column) -> float:
    return 0.0 if col.role in ("sub", "extra") else 1.0
