"""Indicator-by-indicator comparison of a parent plan's table with its children's.

Written against model types with injected helpers (align/catalogued.py supplies the catalogue's):
- `canonical_of(row)`: the concept id of a row (default: `row.canonical`, else the name without spaces);
- `direction_of(id)`: "higher" or "lower" is better, or None when unknown (default: a guess from the words);
- `convert(value, from_unit, to_unit)`: a Decimal in the other unit, or None when not convertible;
- `related`: pairs of ids that measure related but different things (每万人有效发明专利 vs 高价值发明专利);
  a parent row and a child row in such a pair are compared as `different_definition`;
- `parts_of(id)`: the two ids of an a/b pair row, so a child stating one half is compared with that half;
- `relative_of(id)`: True for rates and shares, False for totals, None to guess from the name and unit.

Verdicts per child: same, stricter, looser, mixed (a/b pairs moving both ways), follows_parent (the child's
target is 完成上级下达目标), different_definition, different_unit, not_comparable (a total of the whole region vs
the district's, or a qualitative target), child_only, parent_only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from planscope.model import CellValue, IndicatorRow, IndicatorTable, Qualifier, Role, dec_json

CanonicalOf = Callable[[IndicatorRow], str | None]
DirectionOf = Callable[[str], str | None]
Convert = Callable[[Decimal, str, str], Decimal | None]
PartsOf = Callable[[str], tuple[str, ...]]
RelativeOf = Callable[[str], bool | None]

# Verdicts in Chinese, for pages and exports (one place: web/ and render.py read it from here).
VERDICT_LABELS: dict[str, str] = {
    "same": "一致", "stricter": "高于上级要求", "looser": "低于上级要求", "mixed": "部分一致",
    "follows_parent": "按上级下达目标", "different_definition": "口径不同", "different_unit": "单位不同",
    "not_comparable": "无法比较", "missing": "下级未设置", "parent_only": "仅上级设置", "child_only": "仅下级设置",
    # task coverage
    "covered": "已承接", "weak": "部分承接", "not_covered": "未承接",
}
_LOWER = re.compile(r"下降|降低|减少|削减|死亡率|失业率|能耗|排放|PM2\.?5|浓度|控制在|发生率|事故")
# Names that are rates, shares or per-head figures: comparable between a city and its districts. Totals
# (地区生产总值 in 亿元) are not: a district's total is naturally smaller than the city's.
_RELATIVE = re.compile(
    r"率|比重|比例|占|增长|增速|人均|每万人|每千人|每百|每十万|强度|指数|寿命|年限|天数|密度|浓度|覆盖|达标"
)
_RELATIVE_UNITS = {"%", "‰", "岁", "年", "天", "元"}
# A quotient unit (万元/人, 微克/立方米, 1/10万): per head, per area, per volume: relative, and never a unit pair.
_RATE_UNIT = re.compile(r"/(人|户|平方米|平方公里|立方米|万元|元|吨|\d*万?)$|^1/")
# "完成省下达目标", "完成广州市下达任务": the target is whatever the higher level hands down.
_DEFERS = re.compile(r"完成.{0,8}下达")
# Names of growth or reduction rates: their base → target change means nothing.
_GROWTH = re.compile(r"增长|增速|增幅|下降|降低|降幅|减少")


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
    source: str = "table"  # table | prose (a target stated in the text, when the plan's table lacks the row)
    sentence: str | None = None  # prose: the sentence the target comes from

    @classmethod
    def of(cls, row: IndicatorRow, canonical: str | None) -> Side:
        from planscope.catalog.rows import target_cell

        return cls(row.name, row.unit, row.value(Role.BASE), target_cell(row),
                   (row.span.line_start, row.span.line_end), row.attribute, canonical)

    def to_json(self) -> dict[str, Any]:
        out = {"name": self.name, "canonical": self.canonical, "unit": self.unit, "attribute": self.attribute,
               "base": _cell_json(self.base), "target": _cell_json(self.target), "lines": list(self.lines),
               "source": self.source}
        if self.sentence:
            out["sentence"] = self.sentence
        return out


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
    effort: dict[str, Any] | None = None  # planned change base → target of both, for rates and shares

    def to_json(self) -> dict[str, Any]:
        out = self.side.to_json() if self.side else {}
        out.update({"verdict": self.verdict, "flags": self.flags})
        if self.explanation:
            out["explanation"] = self.explanation
        if self.effort:
            out["effort"] = self.effort
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


Rows = IndicatorTable | Iterable[IndicatorRow] | None


def _rows(t: Rows) -> list[IndicatorRow]:
    if t is None:
        return []
    return list(t.rows) if isinstance(t, IndicatorTable) else list(t)


def _sides(rows: list[IndicatorRow], canonical_of: CanonicalOf) -> dict[str, Side]:
    out: dict[str, Side] = {}
    for r in rows:
        k = canonical_of(r)
        if k and k not in out:  # a concept twice in one table (13th-plan completion sub-rows): keep the first
            out[k] = Side.of(r, k)
    return out


def _with_prose(tables: dict[str, dict[str, Side]], prose: dict[str, dict[str, Side]]) -> dict[str, dict[str, Side]]:
    """Each plan's table sides plus its prose targets for concepts its table lacks, when the concept is shared:
    in some plan's table, or stated in the prose of two plans (a lone prose figure is not an indicator)."""
    in_tables = {k for sides in tables.values() for k in sides}
    prose_count: dict[str, int] = {}
    for sides in prose.values():
        for k in sides:
            prose_count[k] = prose_count.get(k, 0) + 1
    out = {}
    for plan, sides in tables.items():
        merged = dict(sides)
        for k, s in prose.get(plan, {}).items():
            if k not in merged and (k in in_tables or prose_count[k] >= 2):
                merged[k] = s
        out[plan] = merged
    return out


def compare_indicators(parent: Rows, children: dict[str, Rows], *,
                       canonical_of: CanonicalOf = default_canonical, direction_of: DirectionOf = guess_direction,
                       convert: Convert | None = None, related: Iterable[tuple[str, str]] = (),
                       parts_of: PartsOf | None = None, relative_of: RelativeOf | None = None,
                       parent_prose: dict[str, Side] | None = None,
                       child_prose: dict[str, dict[str, Side]] | None = None) -> list[IndicatorAlignment]:
    """One entry per concept found in the parent or any child, parent's order first. `parent_prose` and
    `child_prose` (concept key -> Side, from prose targets) fill concepts a plan's table lacks, or a whole
    missing table (a child given as None)."""
    rel: dict[str, set[str]] = {}
    for a, b in related:
        rel.setdefault(a, set()).add(b)
        rel.setdefault(b, set()).add(a)
    parent_key = "\0parent"  # a name no child can have
    tables = {parent_key: _sides(_rows(parent), canonical_of)}
    tables |= {name: _sides(_rows(t), canonical_of) for name, t in children.items()}
    prose = {parent_key: parent_prose or {}, **(child_prose or {})}
    plans = _with_prose(tables, prose)
    p_sides = plans.pop(parent_key)
    c_sides = plans
    parts = parts_of or (lambda k: ())
    out: list[IndicatorAlignment] = []
    used: dict[str, set[str]] = {name: set() for name in children}
    no_table = {name for name, t in children.items() if not _rows(t)}
    for key, pside in p_sides.items():
        comps = {}
        for name, sides in c_sides.items():
            comps[name] = _match_child(key, pside, sides, p_sides, used[name], rel, parts, direction_of, convert,
                                       relative_of)
            if name in no_table and comps[name].verdict == "parent_only":
                comps[name].explanation = "the child's text has no indicator table; only its prose was searched"
        out.append(IndicatorAlignment(key, pside, comps))
    order: list[str] = []
    for sides in c_sides.values():
        order += [k for k in sides if k not in order and k not in p_sides]
    for key in order:
        comps = {name: ChildComparison(sides[key], "child_only") for name, sides in c_sides.items()
                 if key in sides and key not in used[name]}
        if comps:
            out.append(IndicatorAlignment(key, None, comps))
    return out


def _match_child(key: str, pside: Side, sides: dict[str, Side], p_sides: dict[str, Side], used: set[str],
                 rel: dict[str, set[str]], parts: PartsOf, direction_of: DirectionOf, convert: Convert | None,
                 relative_of: RelativeOf | None) -> ChildComparison:
    relative = relative_of(key) if relative_of else None
    if key in sides:
        used.add(key)
        return compare_pair(pside, sides[key], direction_of(key), convert, relative)
    # a pair row on one side, one of its halves on the other: compare that half
    for i, part in enumerate(parts(key)):
        if part in sides and part not in p_sides:
            used.add(part)
            c = compare_pair(_half(pside, i), sides[part], direction_of(part), convert,
                             relative_of(part) if relative_of else None)
            c.explanation = _join(f"the child states only part {i + 1} of the pair ({part})", c.explanation)
            return c
    alt = next((k for k in sides if k in rel.get(key, ()) and k not in p_sides), None)
    if alt is not None:
        used.add(alt)
        return ChildComparison(sides[alt], "different_definition", ref_year_flags(pside.base, sides[alt].base),
                               f"the child measures {alt}, not {key}" + _targets_note(pside, sides[alt]))
    return ChildComparison(None, "parent_only")


def _join(a: str, b: str | None) -> str:
    return f"{a}; {b}" if b else a


def _targets_note(p: Side, c: Side) -> str:
    pt, ct = p.target, c.target
    if pt and ct and _qual_text(pt) and _qual_text(pt) == _qual_text(ct):
        return f" (both targets read {_qual_text(pt)})"
    return ""


def _half(side: Side, i: int) -> Side:
    """Part i of a pair row's side (机场旅客/货邮吞吐量 → the passenger half)."""
    units = split_units(side.unit)
    return Side(side.name, units[i] if len(units) > i else side.unit, _half_cell(side.base, i),
                _half_cell(side.target, i), side.lines, side.attribute, side.canonical, side.source, side.sentence)


def _half_cell(c: CellValue | None, i: int) -> CellValue | None:
    if c is None or c.parsed is None or not c.parsed.parts or len(c.parsed.parts) <= i:
        return c
    p = replace(c.parsed, parts=None, value=c.parsed.parts[i])
    return replace(c, raw=re.split(r"/", c.raw)[i] if c.raw.count("/") == 1 else c.raw, parsed=p)


def split_units(unit: str | None) -> list[str]:
    """The units of an a/b row (万人次/万吨 → [万人次, 万吨]); a rate (万元/人) stays whole."""
    u = _unit_key(unit)
    if u.count("/") != 1 or _RATE_UNIT.search(u):
        return [u] if u else []
    return u.split("/")


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
    return bool(_RELATIVE.search(side.name)) or _unit_key(side.unit) in _RELATIVE_UNITS or \
        bool(_RATE_UNIT.search(_unit_key(side.unit)))


def _qual_text(c: CellValue | None) -> str | None:
    """A qualitative target in a comparable form: simplified, no spaces, no leading 与/和/同."""
    if c is None or (c.parsed is not None and c.parsed.qualifier != Qualifier.QUALITATIVE):
        return None
    from planscope.ingest.script import to_simplified

    t = to_simplified(re.sub(r"\s+", "", (c.parsed.text if c.parsed and c.parsed.text else c.raw)))
    return t.lstrip("与和同") or None


def _convert_all(nums: list[Decimal], src: str, dst: str, convert: Convert | None) -> list[Decimal] | None:
    """`nums` from unit `src` to `dst`, part by part for an a/b row (万吨/万标箱 → 亿吨/万标箱)."""
    if convert is None:
        return None
    su, du = split_units(src), split_units(dst)
    if len(nums) > 1 and len(su) == len(du) == len(nums):
        pairs = list(zip(su, du, strict=True))
    else:
        pairs = [(src, dst)] * len(nums)
    out = []
    for x, (a, b) in zip(nums, pairs, strict=True):
        y = x if a == b else convert(x, a, b)
        if y is None:
            return None
        out.append(y)
    return out


def compare_pair(parent: Side, child: Side, direction: str | None, convert: Convert | None = None,
                 relative: bool | None = None) -> ChildComparison:
    """The verdict for one concept: the child's target against the parent's. `relative` says whether the
    concept is a rate or share (comparable across regions) rather than a total; None guesses from name/unit."""
    flags = ref_year_flags(parent.base, child.base)
    pu, cu = _unit_key(parent.unit), _unit_key(child.unit)
    p_t, c_t = _numbers(parent.target), _numbers(child.target)
    pq, cq = _qual_text(parent.target), _qual_text(child.target)
    if pq and pq == cq:
        return ChildComparison(child, "same", flags)
    if cq and _DEFERS.search(cq):
        ptext = re.sub(r"\s+", "", parent.target.raw) if parent.target else "not given"
        return ChildComparison(child, "follows_parent", flags,
                               f"the child adopts the target its parent assigns ({cq}); the parent's is {ptext}")
    if pq and cq:
        return ChildComparison(child, "not_comparable", flags, "two different qualitative targets")
    if pq and _DEFERS.search(pq):
        return ChildComparison(child, "not_comparable", flags,
                               f"the parent's own target is assigned from above ({pq})")
    if pu and cu and pu != cu and c_t:
        converted = _convert_all(c_t, cu, pu, convert)
        if converted is None:
            return ChildComparison(child, "different_unit", flags, f"{child.unit} vs {parent.unit}")
        flags.append(f"converted child target from {child.unit} to {parent.unit}: "
                     + "/".join(_fmt(x) for x in converted))
        c_t = converted
    if p_t is None or c_t is None or len(p_t) != len(c_t):
        return ChildComparison(child, "not_comparable", flags, "a qualitative or missing target")
    if relative is None:
        relative = _is_relative(parent)
    effort = _effort(parent, child, direction, convert) if relative else None
    if p_t == c_t and _qual(parent.target) == _qual(child.target):
        return ChildComparison(child, "same", flags, effort=effort)
    if not relative:
        return ChildComparison(child, "not_comparable", flags,
                               "a total for the whole region: a part's level differs by nature")
    if direction not in ("higher", "lower"):
        return ChildComparison(child, "not_comparable", flags, "no better direction (a band, or unknown)",
                               effort=effort)
    sign = 1 if direction == "higher" else -1
    moves = {(c > p) - (c < p) for p, c in zip(p_t, c_t, strict=True)} - {0}
    if not moves:  # same numbers, different qualifiers (≥5 vs 5): the bound decides
        moves = {_qual_rank(child.target) - _qual_rank(parent.target)} - {0}
        if not moves:
            return ChildComparison(child, "same", flags, effort=effort)
    if len(moves) > 1:
        return ChildComparison(child, "mixed", flags, "parts of the target move in opposite directions",
                               effort=effort)
    verdict = "stricter" if moves.pop() * sign > 0 else "looser"
    return ChildComparison(child, verdict, flags, effort=effort)


def _fmt(x: Decimal) -> str:
    return format(x.normalize(), "f") if x == x.normalize() else str(x)


def _effort(parent: Side, child: Side, direction: str | None, convert: Convert | None) -> dict[str, Any] | None:
    """Planned change (target − base) of both, for a level-type rate or share (森林覆盖率 37.58 → 37.63): a
    district whose level differs by nature can still plan the same effort. Not for growth rates, cumulative
    values or pairs, and only when both bases are numbers."""
    if _GROWTH.search(parent.name) or direction not in ("higher", "lower"):
        return None
    vals = []
    for s in (parent, child):
        b, t = _numbers(s.base), _numbers(s.target)
        if not b or not t or len(b) != 1 or len(t) != 1 or any(
                c.parsed and c.parsed.cumulative for c in (s.base, s.target) if c):
            return None
        vals.append(t[0] - b[0])
    if _unit_key(parent.unit) != _unit_key(child.unit):
        return None  # changes in different units: not worth a conversion of two differences
    pd, cd = vals
    sign = 1 if direction == "higher" else -1
    move = (cd > pd) - (cd < pd)
    verdict = "same" if move == 0 else "stricter" if move * sign > 0 else "looser"
    return {"parent": _fmt(pd), "child": _fmt(cd), "verdict": verdict}

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
