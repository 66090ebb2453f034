"""Indicator-by-indicator comparison of a parent plan's table with its children's.

Written against model types with injected helpers, so the catalogue plugs in later:
- `canonical_of(row)`: the concept id of a row (default: `row.canonical`, else the name without spaces);
- `direction_of(id)`: "higher" or "lower" is better, or None when unknown (default: a guess from the words);
- `convert(value, from_unit, to_unit)`: a Decimal in the other unit, or None when not convertible;
- `related`: pairs of ids that measure related but different things (每万人有效发明专利 vs 高价值发明专利);
  a parent row and a child row in such a pair are compared as `different_definition`.

Verdicts per child: same, stricter, looser, mixed (a/b pairs moving both ways), different_definition,
different_unit, not_comparable (a total of the whole region vs the district's, or a qualitative target),
child_only, parent_only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from planscope.model import CellValue, IndicatorRow, IndicatorTable, Qualifier, Role, dec_json

CanonicalOf = Callable[[IndicatorRow], str | None]
DirectionOf = Callable[[str], str | None]
Convert = Callable[[Decimal, str, str], Decimal | None]

_LOWER = re.compile(r"下降|降低|减少|削减|死亡率|失业率|能耗|排放|PM2\.?5|浓度|控制在|发生率|事故")
# Names that are rates, shares or per-head figures: comparable between a city and its districts. Totals
# (地区生产总值 in 亿元) are not: a district's total is naturally smaller than the city's.
_RELATIVE = re.compile(
    r"率|比重|比例|占|增长|增速|人均|每万人|每千人|每百|每十万|强度|指数|寿命|年限|天数|密度|浓度|覆盖|达标"
)
_RELATIVE_UNITS = {"%", "‰", "岁", "年", "天", "元"}


def default_canonical(row: IndicatorRow) -> str | None:
    return row.canonical or re.sub(r"[\s*＊()（）]", "", row.name) or None


def guess_direction(key: str) -> str | None:
    """Lower is better for declines, deaths, emissions and energy use; higher otherwise. A fallback only."""
    return "lower" if _LOWER.search(key or "") else "higher"


def _unit_key(u: str | None) -> str:
    return re.sub(r"\s+", "", u or "").replace("％", "%")


@dataclass
class Side:
    """One plan's row for a concept: what it says at base and target, with lines."""

    name: str
    unit: str | None
    base: CellValue | None
    target: CellValue | None
    lines: tuple[int, int]
    attribute: str | None = None
    canonical: str | None = None

    @classmethod
    def of(cls, row: IndicatorRow, canonical: str | None) -> Side:
        return cls(row.name, row.unit, row.value(Role.BASE), row.value(Role.TARGET),
                   (row.span.line_start, row.span.line_end), row.attribute, canonical)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "canonical": self.canonical, "unit": self.unit, "attribute": self.attribute,
                "base": _cell_json(self.base), "target": _cell_json(self.target), "lines": list(self.lines)}


def _cell_json(c: CellValue | None) -> dict[str, Any] | None:
    if c is None:
        return None
    p = c.parsed
    return {"raw": c.raw, "year": c.year, "ref_year": p.ref_year if p else None,
            "value": dec_json(p.value) if p and p.parts is None else None,
            "parts": [dec_json(x) for x in p.parts] if p and p.parts else None,
            "qualifier": str(p.qualifier) if p else None}


@dataclass
class ChildComparison:
    side: Side | None
    verdict: str
    flags: list[str] = field(default_factory=list)
    explanation: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = self.side.to_json() if self.side else {}
        out.update({"verdict": self.verdict, "flags": self.flags})
        if self.explanation:
            out["explanation"] = self.explanation
        return out


@dataclass
class IndicatorAlignment:
    canonical: str
    parent: Side | None
    children: dict[str, ChildComparison]

    @property
    def verdict(self) -> str:
        vs = {c.verdict for c in self.children.values()}
        return vs.pop() if len(vs) == 1 else "mixed" if vs else "parent_only"

    def to_json(self) -> dict[str, Any]:
        return {"canonical": self.canonical, "parent": self.parent.to_json() if self.parent else None,
                "children": {k: v.to_json() for k, v in self.children.items()}, "verdict": self.verdict}


def _rows(t: IndicatorTable | Iterable[IndicatorRow]) -> list[IndicatorRow]:
    return list(t.rows) if isinstance(t, IndicatorTable) else list(t)


def compare_indicators(parent: IndicatorTable | Iterable[IndicatorRow],
                       children: dict[str, IndicatorTable | Iterable[IndicatorRow]], *,
                       canonical_of: CanonicalOf = default_canonical, direction_of: DirectionOf = guess_direction,
                       convert: Convert | None = None, related: Iterable[tuple[str, str]] = ()
                       ) -> list[IndicatorAlignment]:
    """One entry per concept found in the parent or any child, parent's order first."""
    rel: dict[str, set[str]] = {}
    for a, b in related:
        rel.setdefault(a, set()).add(b)
        rel.setdefault(b, set()).add(a)
    p_rows = _keyed(_rows(parent), canonical_of)
    c_rows = {name: _keyed(_rows(t), canonical_of) for name, t in children.items()}
    order = list(p_rows)
    for rows in c_rows.values():
        order += [k for k in rows if k not in order]
    out: list[IndicatorAlignment] = []
    used: dict[str, set[str]] = {name: set() for name in children}
    for key in order:
        if key not in p_rows:
            continue
        pside = Side.of(p_rows[key], key)
        comps = {}
        for name, rows in c_rows.items():
            if key in rows:
                used[name].add(key)
                comps[name] = compare_pair(pside, Side.of(rows[key], key), direction_of(key), convert)
                continue
            alt = next((k for k in rows if k in rel.get(key, ()) and k not in p_rows), None)
            if alt is not None:
                used[name].add(alt)
                comps[name] = ChildComparison(Side.of(rows[alt], alt), "different_definition",
                                              explanation=f"the child measures {alt}, not {key}")
            else:
                comps[name] = ChildComparison(None, "parent_only")
        out.append(IndicatorAlignment(key, pside, comps))
    for key in order:
        if key in p_rows:
            continue
        comps = {}
        for name, rows in c_rows.items():
            if key in rows and key not in used[name]:
                comps[name] = ChildComparison(Side.of(rows[key], key), "child_only")
        if comps:
            out.append(IndicatorAlignment(key, None, comps))
    return out


def _keyed(rows: list[IndicatorRow], canonical_of: CanonicalOf) -> dict[str, IndicatorRow]:
    out: dict[str, IndicatorRow] = {}
    for r in rows:
        k = canonical_of(r)
        if k and k not in out:  # a concept twice in one table (13th-plan completion sub-rows): keep the first
            out[k] = r
    return out


def _numbers(c: CellValue | None) -> list[Decimal] | None:
    if c is None or c.parsed is None or c.parsed.qualifier == Qualifier.QUALITATIVE:
        return None
    nums = c.parsed.numbers()
    return nums or None


def _eff_year(c: CellValue | None) -> int | None:
    if c is None:
        return None
    return c.parsed.ref_year if c.parsed and c.parsed.ref_year else c.year


def _is_relative(side: Side) -> bool:
    return bool(_RELATIVE.search(side.name)) or _unit_key(side.unit) in _RELATIVE_UNITS


def compare_pair(parent: Side, child: Side, direction: str | None, convert: Convert | None = None
                 ) -> ChildComparison:
    flags = ref_year_flags(parent.base, child.base)
    pu, cu = _unit_key(parent.unit), _unit_key(child.unit)
    p_t, c_t = _numbers(parent.target), _numbers(child.target)
    if pu and cu and pu != cu:
        converted = [convert(x, cu, pu) for x in c_t] if convert and c_t else None
        if not converted or any(x is None for x in converted):
            return ChildComparison(child, "different_unit", flags, f"{child.unit} vs {parent.unit}")
        c_t = [x for x in converted if x is not None]
        flags.append(f"converted child target from {child.unit} to {parent.unit}")
    if p_t is None or c_t is None or len(p_t) != len(c_t):
        if parent.target and child.target and _same_text(parent.target.raw, child.target.raw):
            return ChildComparison(child, "same", flags)
        return ChildComparison(child, "not_comparable", flags, "a qualitative or missing target")
    if p_t == c_t and _qual(parent.target) == _qual(child.target):
        return ChildComparison(child, "same", flags)
    if not _is_relative(parent):
        return ChildComparison(child, "not_comparable", flags,
                               "a total for the whole region: a part's level differs by nature")
    if direction not in ("higher", "lower"):
        return ChildComparison(child, "not_comparable", flags, "direction of the indicator unknown")
    sign = 1 if direction == "higher" else -1
    moves = {(c > p) - (c < p) for p, c in zip(p_t, c_t, strict=True)} - {0}
    if not moves:  # same numbers, different qualifiers (≥5 vs 5): the bound decides
        moves = {_qual_rank(child.target) - _qual_rank(parent.target)} - {0}
        if not moves:
            return ChildComparison(child, "same", flags)
    if len(moves) > 1:
        return ChildComparison(child, "mixed", flags, "parts of the target move in opposite directions")
    verdict = "stricter" if moves.pop() * sign > 0 else "looser"
    return ChildComparison(child, verdict, flags)


def _qual(c: CellValue | None) -> str | None:
    return str(c.parsed.qualifier) if c and c.parsed else None


def _qual_rank(c: CellValue | None) -> int:
    q = c.parsed.qualifier if c and c.parsed else None
    return {Qualifier.MORE_THAN: 1, Qualifier.LESS_THAN: -1}.get(q, 0) if q else 0


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


def ref_year_flags(p: CellValue | None, c: CellValue | None) -> list[str]:
    """Data-year problems of the base values: one plan says its 2020 figure is 2019 data and the other does not,
    or both give the same figure under different years (a figure copied with its year label changed)."""
    if p is None or c is None:
        return []
    flags = []
    p_ref = p.parsed.ref_year if p.parsed else None
    c_ref = c.parsed.ref_year if c.parsed else None
    p_eff, c_eff = _eff_year(p), _eff_year(c)
    if (p_ref is not None and p_ref != p.year) != (c_ref is not None and c_ref != c.year):
        which, other = ("parent", "child") if p_ref is not None and p_ref != p.year else ("child", "parent")
        ref = p_ref if which == "parent" else c_ref
        col = p.year if which == "parent" else c.year
        flags.append(f"ref_year: the {which}'s base is {ref} data in the {col} column; the {other} labels its "
                     f"base {_eff_year(c) if which == 'parent' else _eff_year(p)}")
    pn, cn = _numbers(p), _numbers(c)
    if pn and cn and p_eff != c_eff and pn == cn:
        flags.append(f"same_value_different_year: both give {p.raw.strip()} but as {p_eff} (parent) and "
                     f"{c_eff} (child) data")
    return flags
