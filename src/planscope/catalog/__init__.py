"""The indicator catalogue: canonical indicators of Chinese plans, name matching, and the one unit table.

    >>> from planscope.catalog import match
    >>> match("研發經費支出(R&D)占地區生產總值比重(%)").id
    'rd_intensity'
    >>> from decimal import Decimal
    >>> convert(Decimal("1860.06"), "亿元", "万元")
    Decimal('18600600')
"""

from __future__ import annotations

from pathlib import Path

from planscope.catalog.catalogue import Catalogue, CatalogueError, Indicator, load_catalogue
from planscope.catalog.match import THRESHOLD, Matcher, MatchResult, normalize_name, similarity
from planscope.catalog.units import (
    InexactConversion,
    Unit,
    UnitError,
    convert,
    normalize_unit,
    parse_unit,
    split_pair,
)


def match(name: str, *, parent: str | None = None, unit: str | None = None, measure: str | None = None,
          catalogue: Catalogue | None = None) -> MatchResult:
    """Match one indicator name against the shipped catalogue (or `catalogue`)."""
    return (catalogue or load_catalogue()).match(name, parent=parent, unit=unit, measure=measure)


def lookup(indicator_id: str, catalogue: Catalogue | None = None) -> Indicator:
    """The indicator with this id (LookupError when there is none)."""
    return (catalogue or load_catalogue())[indicator_id]


def load(*user_files: str | Path) -> Catalogue:
    """The shipped catalogue merged with user YAML/CSV files (same as load_catalogue)."""
    return load_catalogue(*user_files)


__all__ = [
    "THRESHOLD",
    "Catalogue",
    "CatalogueError",
    "Indicator",
    "InexactConversion",
    "MatchResult",
    "Matcher",
    "Unit",
    "UnitError",
    "convert",
    "load",
    "load_catalogue",
    "lookup",
    "match",
    "normalize_name",
    "normalize_unit",
    "parse_unit",
    "similarity",
    "split_pair",
]
