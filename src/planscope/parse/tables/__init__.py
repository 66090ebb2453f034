"""Indicator tables in every layout. (First version: stub.)"""

from __future__ import annotations

from planscope.ingest import SourceText
from planscope.model import IndicatorTable


def find_indicator_tables(src: SourceText) -> list[IndicatorTable]:
    return []
