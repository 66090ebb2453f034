"""How a main-table row states its target, read the same way by monitoring and alignment (both read rows through
the catalogue; neither may import the other's modules).

Many main tables print a rate-of-change indicator with "—" under 目标值 and its target under 年均增长/累计:
"地区生产总值增长 | % | 3.6 | — | 6左右" targets 6% a year, "单位地区生产总值能源消耗降低 | % | — | — | 〔14〕" a
five-year total of 14%. A level row's growth column (人均地区生产总值 9.2, 年均 6.2) stays a growth column.
"""

from __future__ import annotations

import re

from planscope.model import CellValue, IndicatorRow, Qualifier, Role

_RATE_OF_CHANGE = re.compile(r"(增长|增速|增幅|降低|下降|减少|削减|提高|提升)(率|幅度|速度)?[*＊]?$")


def _has_value(cell: CellValue | None) -> bool:
    """The cell states a target: a number, or words (与经济增长基本同步); "—" and empty cells do not."""
    pv = cell.parsed if cell is not None else None
    return pv is not None and (bool(pv.numbers()) or pv.qualifier == Qualifier.QUALITATIVE)


def target_cell(row: IndicatorRow) -> CellValue | None:
    """The cell holding the row's target: its 目标值 cell, or, for a rate-of-change row in % whose 目标值 cell has
    no target, its 年均增长/累计 cell given the target cell's year (see the module doc)."""
    target = row.value(Role.TARGET)
    if _has_value(target):
        return target
    growth = row.value(Role.GROWTH)
    name = f"{row.parent_name or ''}{row.name}"
    if growth is None or not _has_value(growth) or "%" not in (row.unit or "") or not _RATE_OF_CHANGE.search(name):
        return target
    year = (target.year if target is not None else None) or growth.year
    return CellValue(Role.TARGET, growth.raw, year, growth.parsed, growth.span)
