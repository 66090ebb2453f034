"""Which plan indicator a reported figure is an actual of: strict matching through the catalogue.

A figure (an observation or an annual-plan target read from prose, planscope.model.Figure) is linked to a row of
a plan's indicator table only when the catalogue says they are the same concept, in the same kind of number,
in convertible units. A wrong link is worse than none, so anything less is left unlinked.

Relations:
  same        same canonical id (and the same growth/reduction variant), same kind of number (a growth rate
              only for a growth-rate row, a level or count for a level or count row, a share for a share), unit
              converted to the row's unit. "全年GDP增长3%" → 地区生产总值年均增速.
  component   the catalogue's `related` link says the figure's indicator is a part of the row's, the row is a
              total of increments (新增/累计 or [ ]), both are counts or amounts in convertible units: the year's
              parts add up to the year's increment (新增中小学学位 + 新增幼儿园学位 → 新增基础教育公办学位).
  related     any other `related` link (a numerator of a per-1,000 ratio, grain-and-oil for grain): shown next to
              the indicator as context, never used to compute a status.

Pure: catalogue and model only, no store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from planscope.catalog import Catalogue, UnitError, convert, load_catalogue
from planscope.catalog.units import split_pair
from planscope.model import Figure, IndicatorRow, Measure
from planscope.monitor.spec import specs_from_row

SAME, COMPONENT, RELATED = "same", "component", "related"

# Kind of number, so that a rank is never an actual of a growth rate and a level never of a share.
_CATALOGUE_KIND = {"growth_rate": "growth", "level": "amount", "count": "amount", "cumulative": "amount",
                   "share": "ratio", "rate": "ratio"}
_FIGURE_KIND = {Measure.GROWTH_RATE: "growth", Measure.LEVEL: "amount", Measure.COUNT: "amount",
                Measure.SHARE: "ratio", Measure.RANK: "rank", Measure.OTHER: "other"}
# The catalogue's measure per ids for a pair: the model's Measure to give the monitor (catalogue is the authority).
FIGURE_MEASURE = {"growth_rate": Measure.GROWTH_RATE, "level": Measure.LEVEL, "count": Measure.COUNT,
                  "cumulative": Measure.COUNT, "share": Measure.SHARE, "rate": Measure.SHARE}
# A verb that an enumeration shares: "新增中小学学位11850个、幼儿园学位1800个" → 新增幼儿园学位.
_SHARED_VERB = re.compile(r"^(累计新增|累计建成|新增|新建|建成|累计)")
_RUNNING_TOTAL = re.compile(r"累计|累計|总量|總量|总数|總數")


@dataclass(frozen=True)
class Concept:
    """One numbered part of a plan row as the catalogue sees it: canonical id, variant, kind, unit."""

    id: str
    variant: str | None  # growth_rate / reduction when the row is the rate of change of `id`
    kind: str  # growth | amount | ratio
    unit: str | None
    part: int | None  # index into an "a/b" row, None for a single-number row
    measure: Measure | None  # what to tell the monitor
    direction: str | None  # higher | lower | band (catalogue)


@dataclass(frozen=True)
class RowConcepts:
    index: int  # position of the row in its table
    row: IndicatorRow
    concepts: tuple[Concept, ...]
    cumulative: bool  # the row's target is a total of annual increments

    @property
    def canonical(self) -> str | None:
        return self.concepts[0].id if len(self.concepts) == 1 else (
            "/".join(c.id for c in self.concepts) if self.concepts else None)


@dataclass(frozen=True)
class Link:
    row_index: int
    relation: str  # same | component | related
    concept: Concept
    value: Decimal | None  # in the row's unit (None for `related`: not comparable)
    running_total: bool = False  # the figure is a total since the plan began (累计…), not the year's increment
    name: str = ""  # the indicator name the link was made with (after a shared verb was restored)


def _kind(catalogue: Catalogue, ind_id: str, variant: str | None) -> str:
    ind = catalogue.get(ind_id)
    if variant in ("growth_rate", "reduction") or (ind and (ind.growth_of or ind.reduction_of)):
        return "growth"  # a rate of change, even when the catalogue files it as a five-year cumulative
    return _CATALOGUE_KIND.get(ind.measure, "other") if ind else "other"


_PERCENT_UNITS = ("%", "‰", "百分点", "个百分点")


def _kinds_agree(row_kind: str, fig_kind: str, unit: str | None) -> bool:
    """The figure's kind of number is the row's. A per-population rate printed in a count unit (每万人口高价值发明
    专利拥有量 3.9件, 每千人口医师数 2.9人) reads as a count in prose: the same number when the unit is not a percentage
    (the units are then checked by conversion)."""
    if row_kind == fig_kind:
        return True
    return {row_kind, fig_kind} == {"ratio", "amount"} and bool(unit) and unit not in _PERCENT_UNITS


def _figure_kind(fig: Figure, catalogue_kind: str) -> str:
    """The kind of number a figure is. Prose calls a duration (受教育年限10.9年, 预期寿命79.5岁) "other": it is the
    level the catalogue says it is when it has a unit that is not a percentage or a multiple."""
    kind = _FIGURE_KIND.get(fig.measure, "other")
    if kind == "other" and catalogue_kind == "amount" and fig.unit and fig.unit not in (*_PERCENT_UNITS, "倍"):
        return "amount"
    return kind


def row_concepts(rows: list[IndicatorRow], catalogue: Catalogue | None = None) -> list[RowConcepts]:
    """The catalogue's reading of each row: one concept per number (two for an a/b row), [] when unmatched."""
    cat = catalogue or load_catalogue()
    out = []
    for i, row in enumerate(rows):
        mr = cat.match(row.name, parent=row.parent_name, unit=row.unit)
        ids: tuple[str, ...] = ()
        if mr.id and cat.get(mr.id) and cat[mr.id].parts:
            ids = tuple(cat[mr.id].parts)  # a pair indicator: its parts are what reports give figures for
        elif mr.parts:
            ids = tuple(mr.parts)
        elif mr.id:
            ids = (mr.id,)
        units = split_pair(row.unit) if row.unit and len(ids) > 1 else [row.unit] * len(ids)
        if len(units) != len(ids):
            units = [None] * len(ids)
        concepts = []
        for k, ind_id in enumerate(ids):
            ind = cat.get(ind_id)
            variant = mr.measure if len(ids) == 1 else None
            kind = _kind(cat, ind_id, variant)
            measure = Measure.GROWTH_RATE if kind == "growth" else FIGURE_MEASURE.get(ind.measure) if ind else None
            unit = units[k] or (ind.unit if ind and ind.unit else None)
            concepts.append(Concept(ind_id, variant, kind, unit, k if len(ids) > 1 else None, measure,
                                    ind.direction if ind else None))
        specs = specs_from_row(row)
        cumulative = any(s.cumulative for s in specs) or bool(re.search(r"累计|累計|新增", row.name))
        out.append(RowConcepts(i, row, tuple(concepts), cumulative))
    return out


def _convert(value: Decimal | None, unit: str | None, to_unit: str | None) -> Decimal | None:
    """The value in the row's unit, or None when the units are not the same dimension (then: no link)."""
    if value is None:
        return None
    if not unit and not to_unit:
        return value
    if not unit or not to_unit:
        return None  # one side has a unit and the other none: not provably the same quantity
    if unit == to_unit:
        return value
    try:
        return convert(value, unit, to_unit)
    except UnitError:
        return None


def restore_shared_verb(fig: Figure, previous: Figure | None) -> str:
    """The figure's indicator name with the verb of an enumeration restored: in "新增中小学学位11850个、幼儿园学位
    1800个" (or "新增9540个公办中小学学位、540个公办幼儿园学位") the verb 新增 belongs to both items. Only when the
    two items are adjacent in the same sentence, separated by nothing but "、"."""
    name = fig.indicator
    if previous is None or _SHARED_VERB.match(name) or previous.sentence != fig.sentence:
        return name
    verb = _SHARED_VERB.match(previous.indicator)
    if not verb:
        return name
    s = fig.sentence
    prev_noun = previous.indicator[verb.end():]
    ends = [s.find(p) + len(p) for p in (previous.raw, prev_noun) if p and s.find(p) >= 0]
    starts = [s.find(p, max(ends, default=0)) for p in (fig.raw, name) if p]
    starts = [x for x in starts if x >= 0]
    if not ends or not starts or s[max(ends):min(starts)] != "、":
        return name
    return verb.group(1) + name


def link_figure(fig: Figure, rows: list[RowConcepts], *, catalogue: Catalogue | None = None,
                name: str | None = None) -> list[Link]:
    """Every link of one figure to the rows (usually none or one). `name` overrides the figure's indicator name
    (after restore_shared_verb)."""
    cat = catalogue or load_catalogue()
    if _FIGURE_KIND.get(fig.measure, "other") == "rank" or fig.value is None:
        return []
    name = name or fig.indicator
    mr = cat.match(name, unit=fig.unit, measure=str(fig.measure))
    if not mr.id or mr.parts:
        return []
    fig_id, fig_variant = mr.id, mr.measure
    cat_kind = _kind(cat, fig_id, fig_variant)
    fig_kind = _figure_kind(fig, cat_kind)
    if fig_kind == "other":
        return []
    if not _kinds_agree(cat_kind, fig_kind, fig.unit) and not (fig_kind == "growth" and fig_variant):
        return []  # the catalogue's idea of the number and the sentence's disagree: leave it
    ind = cat.get(fig_id)
    related = set(ind.related) if ind else set()
    running = bool(_RUNNING_TOTAL.search(name))
    out = []
    for rc in rows:
        for c in rc.concepts:
            if c.id == fig_id and c.variant == fig_variant and _kinds_agree(c.kind, fig_kind, fig.unit):
                value = _convert(fig.value, fig.unit, c.unit)
                if value is not None:
                    out.append(Link(rc.index, SAME, c, value, running, name))
            elif c.id in related or (cat.get(c.id) and fig_id in cat[c.id].related):
                value = _convert(fig.value, fig.unit, c.unit) if fig_kind == c.kind == "amount" else None
                if value is not None and rc.cumulative and fig_variant is None and c.variant is None:
                    out.append(Link(rc.index, COMPONENT, c, value, running, name))
                else:
                    out.append(Link(rc.index, RELATED, c, None, running, name))
    return out
