"""Indicator tables in every layout: main-indicator tables (十四五 主要指标), completion tables (十三五 完成情况)
and appendix indicator tables.

    find_indicator_tables(src) -> list[IndicatorTable]

locate.py finds each table (header, title, kind, layout, body); tsv.py and stream.py turn its body into rows
(align.py assigns cells to columns by content, rows.py fills merged cells); notes.py reads its footnotes.
"""

from __future__ import annotations

from planscope.ingest import SourceText
from planscope.model import IndicatorRow, IndicatorTable, Role, Span
from planscope.parse.tables.locate import find_blocks, table_end
from planscope.parse.tables.notes import parse_notes
from planscope.parse.tables.stream import parse_stream
from planscope.parse.tables.tsv import parse_tsv

__all__ = ["find_indicator_tables"]


def find_indicator_tables(src: SourceText) -> list[IndicatorTable]:
    tables: list[IndicatorTable] = []
    for block in find_blocks(src):
        if block.layout == "tsv":
            rows, problems = parse_tsv(src, block)
        else:
            rows, problems = parse_stream(src, block)
        if not rows:
            continue
        if block.kind == "main":
            _plan_target_first(rows)
        last_body = max([*block.header_lines, *block.body])
        notes, notes_end = parse_notes(src, last_body + 1)
        start = block.title_line or min(block.header_lines)
        table = IndicatorTable(title=block.title, span=Span(start, table_end(src, block, notes_end)), rows=rows,
                               notes=notes, columns=[c.label for c in block.columns], kind=block.kind,
                               problems=problems)
        tables.append(table)
    return tables


def _plan_target_first(rows: list[IndicatorRow]) -> None:
    """A main table that also prints the previous plan's target (2020年目标 beside 2025年目标) or a long-range one
    (2035年远景) keeps those after the others, so a row's first target (row.value(Role.TARGET)) is the plan's own:
    the first after the base (or result) year, else the latest."""
    for r in rows:
        years = [v.year for v in r.values if v.role == Role.TARGET and v.year]
        if len(years) > 1:
            since = [v.year for v in r.values if v.role in (Role.BASE, Role.ACTUAL) and v.year]
            later = [y for y in years if since and y > max(since)]
            own = min(later) if later else max(years)
            r.values.sort(key=lambda v: v.role == Role.TARGET and v.year is not None and v.year != own)
