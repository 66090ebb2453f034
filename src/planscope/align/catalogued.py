"""The indicator catalogue as alignment's helpers: concept ids, directions, unit conversion and relations.

`CatalogueHelpers(catalogue)` gives the callables `compare_indicators` takes (`canonical_of`, `direction_of`,
`convert`, `related`, `parts_of`, `relative_of`), so rows worded differently in two plans
(研发经费支出（R&D）占地区生产总值比重 / R&D经费投入强度) meet under one catalogue id. Names the catalogue does not
know keep the name-based key of `default_canonical`, so an unknown indicator still lines up with the same name.
Also turns a plan's prose targets (`Figure`s) into `Side`s, the fallback when a plan has no table row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from typing import Any

from planscope.align.indicators import Side, default_canonical, guess_direction
from planscope.catalog import Catalogue, load_catalogue, normalize_name
from planscope.catalog.units import UnitError, normalize_unit, parse_unit, split_pair
from planscope.model import CellValue, Figure, IndicatorRow, ParsedValue, Qualifier, Role

MIN_SCORE = 0.9  # a prose target joins the table only on an (almost) exact catalogue match: prose names are noisy
# Sub-population words: "城镇居民人均可支配收入" narrows "居民人均可支配收入" (different_definition, not the same).
_SCOPE_WORDS = re.compile(r"城镇|城市|农村|城乡|户籍|常住")
_RELATIVE_MEASURES = {"growth_rate", "share", "rate"}
# Verbs that join an indicator to its figure in prose ("地区生产总值迈向3000亿元", "森林覆盖率保持在").
_PROSE_VERBS = re.compile(r"迈向|迈上|达到|突破|超过|力争|提高到|提升至|提升到|保持在|保持|稳定在|控制在")


class CatalogueHelpers:
    """Alignment helpers backed by one catalogue (the shipped one by default). Matching is cached per name."""

    def __init__(self, catalogue: Catalogue | None = None) -> None:
        self.catalogue = catalogue or load_catalogue()
        self._match = lru_cache(maxsize=4096)(self._match_uncached)

    def _match_uncached(self, name: str, parent: str | None, unit: str | None, measure: str | None) -> Any:
        return self.catalogue.match(name, parent=parent, unit=unit, measure=measure)

    # --- the callables of compare_indicators ----------------------------------------------------------------
    def key_of(self, name: str, parent: str | None = None, unit: str | None = None,
               measure: str | None = None) -> tuple[str | None, float]:
        """(catalogue key, score) of a name; key None when the catalogue does not know it."""
        res = self._match(name, parent, unit, measure)
        if res.id:
            return (f"{res.id}:{res.measure}" if res.measure else res.id), res.score
        if res.parts:  # an a/b row with no pair entry: the two halves as one key
            return "/".join(res.parts), res.score
        return None, res.score

    def canonical_of(self, row: IndicatorRow) -> str | None:
        key, _ = self.key_of(row.name, row.parent_name, row.unit)
        return key or default_canonical(row)

    def direction_of(self, key: str) -> str | None:
        ind = self.catalogue.get(key.split(":")[0])
        if ind is None:
            return guess_direction(key)
        if ":" in key:  # growth_rate / reduction of a level: faster growth, bigger cuts are better
            return "lower" if ind.direction == "lower" and key.endswith("growth_rate") else "higher"
        return None if ind.direction == "band" else ind.direction

    def relative_of(self, key: str) -> bool | None:
        """True for rates, shares and growth (comparable between a city and its districts), False for totals,
        None when the catalogue does not know the key (the comparison then guesses from the name and unit)."""
        ind = self.catalogue.get(key.split(":")[0])
        if ind is None:
            return None
        if ":" in key or ind.measure in _RELATIVE_MEASURES:
            return True
        if ind.measure in ("count", "cumulative"):
            return ind.unit in ("%", "‰")  # a cumulative % (能耗下降 [15]) is relative, a count of jobs is not
        return is_rate_unit(ind.unit) or None  # a level in 万元/人 is per head; 亿元 is a total (None → guess)

    def parts_of(self, key: str) -> tuple[str, ...]:
        ind = self.catalogue.get(key)
        if ind is not None and ind.parts:
            return ind.parts
        return tuple(key.split("/")) if "/" in key else ()

    def convert(self, value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
        return convert_unit(value, from_unit, to_unit)

    def related(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """Pairs among `keys` that measure related but different things: not_same_as and related links, a
        level and its growth or reduction, the halves of a pair row, and sub-population variants."""
        ks = sorted(set(keys))
        out = []
        for a, b in combinations(ks, 2):
            if self._related(a, b) or self._related(b, a):
                out.append((a, b))
        return out

    def _links(self, key: str) -> set[str]:
        base = key.split(":")[0]
        ind = self.catalogue.get(base)
        if ind is None:
            return set()
        links = {*ind.not_same_as, *ind.related}
        links |= {x for x in (ind.growth_of, ind.reduction_of) if x}
        links |= {i.id for i in self.catalogue if base in (i.growth_of, i.reduction_of)}
        for p in self.parts_of(base):  # a pair row is related to what its halves are not the same as
            part = self.catalogue.get(p)
            if part is not None:
                links |= {*part.not_same_as, *part.related}
        if ":" in key:
            links.add(base)
        return links

    def _related(self, a: str, b: str) -> bool:
        if b in self._links(a) or b.split(":")[0] in self._links(a):
            return True
        ia, ib = self.catalogue.get(a), self.catalogue.get(b)
        if ia is None or ib is None or ia.measure != ib.measure:
            return False
        na, nb = normalize_name(ia.name)[0], normalize_name(ib.name)[0]
        return na != nb and _SCOPE_WORDS.sub("", na) == _SCOPE_WORDS.sub("", nb)

    # --- prose targets --------------------------------------------------------------------------------------
    def prose_sides(self, figures: Iterable[Figure], end_year: int | None = None) -> dict[str, Side]:
        """The plan's prose targets that the catalogue knows, as Sides keyed by catalogue id (first one wins).
        Only targets for the plan's end year (or with no year) count: a prose 2035 vision is not a 2025 target."""
        out: dict[str, Side] = {}
        for f in figures:
            if f.kind != "target" or (end_year and f.year and f.year != end_year):
                continue
            key, score = self.prose_key(f)
            if key is None or score < MIN_SCORE or key in out:
                continue
            out[key] = prose_side(f, key)
        return out


    def prose_key(self, f: Figure) -> tuple[str | None, float]:
        """The catalogue key of a prose target's indicator phrase. Prose puts verbs inside the phrase the
        figure parser takes as the indicator (地区生产总值迈向…年均增长): without them it may match exactly."""
        name = f.indicator or ""
        key, score = self.key_of(name, None, f.unit, None)
        if key is None and _PROSE_VERBS.search(name):
            key, score = self.key_of(_PROSE_VERBS.sub("", name), None, f.unit, None)
        return key, score


def prose_side(f: Figure, key: str) -> Side:
    q = f.qualifier or (Qualifier.QUALITATIVE if f.value is None else Qualifier.EXACT)
    parsed = ParsedValue(q, value=f.value, text=f.raw if f.value is None else None, unit=f.unit)
    line = f.span.line_start
    return Side(f.indicator, _unit_of(f.unit), None, CellValue(Role.TARGET, f.raw, f.year, parsed),
                (line, f.span.line_end or line), None, key, source="prose", sentence=f.sentence)


def _unit_of(unit: str | None) -> str | None:
    return normalize_unit(unit) or None if unit else None


def is_rate_unit(unit: str | None) -> bool:
    """万元/人, 微克/立方米: a quotient, not a pair of units of an a/b row."""
    if not unit or "/" not in unit:
        return False
    parts = split_pair(unit)
    return len(parts) == 1


def convert_unit(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """Exact conversion through the catalogue's unit table, or None. 个 is the general measure word of Chinese, so
    a count in 个 and one in a specific classifier (位, 张) count the same things: they compare one to one."""
    try:
        from planscope.catalog import convert

        return convert(value, from_unit, to_unit)
    except UnitError:
        pass
    try:
        src, dst = parse_unit(from_unit), parse_unit(to_unit)
    except UnitError:
        return None
    if src.dimension.startswith("count:") and dst.dimension.startswith("count:") and \
            "count:个" in (src.dimension, dst.dimension):
        q = value * Decimal(src.factor.numerator) / Decimal(src.factor.denominator)
        return q * Decimal(dst.factor.denominator) / Decimal(dst.factor.numerator)
    return None
