"""From a table row to what monitoring needs: one TargetSpec per number the row targets.

A row like "机场旅客/货邮吞吐量 | 万人次/万吨 | 7339/192 | 10000/350" targets two numbers; each becomes its own
spec (part 0, part 1) with its own unit, qualifier and profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from planscope.catalog.rows import target_cell
from planscope.model import CellValue, IndicatorRow, Measure, ParsedValue, Qualifier, Role
from planscope.monitor.goals import Goal, goal_from_parsed
from planscope.monitor.profile import Direction, Profile, profile
from planscope.parse.values import parse_value

PLAN_YEARS = 5  # a five-year plan: the base year is the target year − 5 when no cell or argument says otherwise


@dataclass(frozen=True)
class TargetSpec:
    name: str
    unit: str | None
    base: Decimal | None
    base_year: int
    goal: Goal
    target_year: int
    profile: Profile
    cumulative: bool = False
    attribute: str | None = None
    part: int | None = None  # index into an "a/b" row

    @property
    def periods(self) -> int:
        return self.target_year - self.base_year


def split_cell(cell: CellValue | None) -> list[ParsedValue | None]:
    """The cell's parsed values, one per part: '年均7.5以上/28000' → [≥7.5 (年均), 28000].

    Each piece is re-parsed alone so a qualifier printed on one part stays on that part.
    """
    if cell is None:
        return []
    pv = cell.parsed if cell.parsed is not None else parse_value(cell.raw)
    if pv is None or not pv.parts:
        return [pv]
    raw = re.sub(r"[(（]\s*(?:19|20)\d{2}\s*年?\s*[)）]", "", cell.raw)  # the ref year belongs to every part
    pieces = raw.split("/")
    if len(pieces) != len(pv.parts):
        return [_part(pv, i) for i in range(len(pv.parts))]
    out: list[ParsedValue | None] = []
    for i, piece in enumerate(pieces):
        sub = parse_value(piece)
        if sub is None or sub.value is None:
            sub = _part(pv, i)
        sub.ref_year = pv.ref_year
        sub.cumulative = sub.cumulative or pv.cumulative
        out.append(sub)
    return out


def _part(pv: ParsedValue, i: int) -> ParsedValue:
    assert pv.parts is not None
    return ParsedValue(qualifier=pv.qualifier, value=pv.parts[i], ref_year=pv.ref_year, cumulative=pv.cumulative,
                       footnote_mark=pv.footnote_mark)


def split_units(unit: str | None, n: int) -> list[str | None]:
    """'%/亿元' for a two-part row → ['%', '亿元']; a rate unit like '1/10万' is not split."""
    if unit and n > 1:
        pieces = [p.strip() for p in unit.split("/")]
        if len(pieces) == n:
            return list(pieces)
    return [unit] * max(n, 1)


def full_name(row: IndicatorRow) -> str:
    """The name the heuristics read: a sub-row's group label carries its meaning ('主要污染物排放累计减少'+'氨氮')."""
    return f"{row.parent_name}{row.name}" if row.parent_name and row.parent_name not in row.name else row.name


def value_of(pv: ParsedValue | None) -> Decimal | None:
    """The single number of a parsed cell (the lower end of a range); None for text or empty cells."""
    if pv is None or pv.qualifier == Qualifier.QUALITATIVE:
        return None
    if pv.value is not None:
        return pv.value
    return pv.low


def specs_from_row(row: IndicatorRow, *, base_year: int | None = None, target_year: int | None = None,
                   measure: Measure | None = None, direction: Direction | None = None,
                   measures: list[Measure | None] | None = None, cumulative: bool | None = None) -> list[TargetSpec]:
    """One spec per numeric target of the row; [] when the target is qualitative or absent.

    Years come from the cells (CellValue.year, or the base's "(2019年)"), else from the arguments.
    `measures` gives a measure per part of an "a/b" row (a catalogue match per part); `measure` applies to all.
    `cumulative`: None reads [ ] on the target, or a name saying 累计/新增 on a non-% row ("新增基础教育公办学位数"
    is a five-year total even where the table prints no brackets).
    """
    target, base_cell = target_cell(row), row.value(Role.BASE)
    targets = split_cell(target)
    if not targets or targets[0] is None:
        return []
    bases = split_cell(base_cell)
    units = split_units(row.unit, len(targets))
    t_year = (target.year if target and target.year else None) or target_year
    out: list[TargetSpec] = []
    for i, tpv in enumerate(targets):
        if tpv is None or tpv.qualifier == Qualifier.QUALITATIVE:
            continue
        bpv = bases[i] if i < len(bases) else None
        b_year = (bpv.ref_year if bpv and bpv.ref_year else None) or (base_cell.year if base_cell else None) \
            or base_year or (t_year - PLAN_YEARS if t_year else None)
        if t_year is None or b_year is None:
            continue
        m = measures[i] if measures and i < len(measures) and measures[i] else measure
        prof = profile(full_name(row), units[i], measure=m, direction=direction, target_qualifier=tpv.qualifier)
        goal = goal_from_parsed(tpv, prof, units[i])
        if goal is None:
            continue
        is_total = tpv.cumulative if cumulative is None else cumulative
        if cumulative is None and not is_total and re.search(r"累计|累計|新增", row.name):
            is_total = not (units[i] and "%" in units[i])
        # a bracketed base is the previous plan's five-year total: not a starting level for this one
        base = None if bpv is None or (bpv.cumulative and not is_total) else value_of(bpv)
        out.append(TargetSpec(name=row.name, unit=units[i], base=base, base_year=b_year, goal=goal,
                              target_year=t_year, profile=prof, cumulative=is_total, attribute=row.attribute,
                              part=i if len(targets) > 1 else None))
    return out
