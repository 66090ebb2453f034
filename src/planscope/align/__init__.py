"""City–district alignment: indicator-by-indicator comparison and task/topic coverage.

    from planscope.align import align_files, align_plans
    a = align_files("001.txt", ["000.txt"])      # the city plan, then its districts' plans
    a = align_plans("plans.db", "广州市", ["花都区", "番禺区"])   # stored plans: ids or region names
    a.to_json()                                  # the shape of `planscope align PARENT CHILD --json`
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planscope.align.catalogued import CatalogueHelpers
from planscope.align.indicators import (
    CanonicalOf,
    ChildComparison,
    Convert,
    DirectionOf,
    IndicatorAlignment,
    Side,
    compare_indicators,
)
from planscope.align.passages import build_passages
from planscope.align.stored import align_plans
from planscope.align.tasks import (
    ChildText,
    SectionCoverage,
    TaskMatch,
    coverage,
    match_assignments,
    name_forms,
    region_name,
)
from planscope.ingest import SourceText, read_document
from planscope.model import Extraction, IndicatorTable
from planscope.search.similar import Embedder

__all__ = ["Alignment", "CatalogueHelpers", "ChildComparison", "IndicatorAlignment", "SectionCoverage", "Side",
           "TaskMatch", "align_files", "align_plans", "align_sources", "compare_indicators", "coverage",
           "default_helpers", "main_table", "match_assignments"]


@dataclass
class Alignment:
    parent: str
    parent_source: str
    children: dict[str, str]  # region name -> source file
    indicators: list[IndicatorAlignment] = field(default_factory=list)
    tasks: list[TaskMatch] = field(default_factory=list)
    coverage: list[SectionCoverage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"parent": {"region": self.parent, "source": self.parent_source},
                "children": [{"region": k, "source": v} for k, v in self.children.items()],
                "indicators": [i.to_json() for i in self.indicators],
                "tasks": [t.to_json() for t in self.tasks],
                "coverage": [c.to_json() for c in self.coverage],
                "warnings": self.warnings}


def main_table(ex: Extraction | None) -> IndicatorTable | None:
    """The plan's main indicator table (targets), if the parser found one."""
    if ex is None or not ex.indicator_tables:
        return None
    return next((t for t in ex.indicator_tables if t.kind == "main"), ex.indicator_tables[0])


_HELPERS: list[CatalogueHelpers] = []


def default_helpers() -> CatalogueHelpers:
    """The shipped catalogue's helpers, built once per process (its matcher indexes every name)."""
    if not _HELPERS:
        _HELPERS.append(CatalogueHelpers())
    return _HELPERS[0]


def _end_year(ex: Extraction | None) -> int | None:
    return ex.document.period[1] if ex is not None and ex.document.period else None


def align_sources(parent: SourceText, children: Sequence[SourceText], *,
                  parent_extraction: Extraction | None = None,
                  child_extractions: Sequence[Extraction | None] | None = None,
                  canonical_of: CanonicalOf | None = None, direction_of: DirectionOf | None = None,
                  convert: Convert | None = None, related: Sequence[tuple[str, str]] | None = None,
                  helpers: CatalogueHelpers | None = None, prose: bool = True,
                  embedder: Embedder | None = None, with_coverage: bool = True) -> Alignment:
    """Align a parent plan with its children. Indicators are grouped by the catalogue (`helpers`, default the
    shipped catalogue) unless `canonical_of` etc. are given; `prose` adds each plan's prose targets for concepts
    its table lacks (the only source for a plan whose table was lost)."""
    from planscope.parse.extract import extract_source

    h = helpers or default_helpers()
    canonical_of = canonical_of or h.canonical_of
    direction_of = direction_of or h.direction_of
    convert = convert or h.convert
    pex = parent_extraction or extract_source(parent)
    given = list(child_extractions) if child_extractions is not None else [None] * len(children)
    cexs = [ex or extract_source(src) for src, ex in zip(children, given, strict=True)]
    pname = region_name(parent, pex.document.region) or parent.name
    out = Alignment(pname, parent.name, {})
    passages = build_passages(parent)
    tables: dict[str, IndicatorTable | None] = {}
    child_prose: dict[str, dict[str, Side]] = {}
    ptable = main_table(pex)
    for src, ex in zip(children, cexs, strict=True):
        cname = region_name(src, ex.document.region if ex else None) or src.name
        out.children[cname] = src.name
        child = ChildText.cached(cname, src, embedder)
        out.tasks.extend(match_assignments(parent, child, passages))
        if with_coverage:
            out.coverage.extend(coverage(parent, child, pex.outline, passages, name_forms(pname)))
        tables[cname] = main_table(ex)
        child_prose[cname] = h.prose_sides(ex.targets, _end_year(ex)) if prose else {}
        if tables[cname] is None:
            out.warnings.append(f"{cname}: no indicator table found; "
                                + ("its prose targets stand in for it" if child_prose[cname]
                                   else "indicators not compared"))
    parent_prose = h.prose_sides(pex.targets, _end_year(pex)) if prose else {}
    if ptable is None and not parent_prose:
        out.warnings.append(f"{pname}: no indicator table found; indicators not compared")
        return out
    if related is None:
        keys = {canonical_of(r) for t in [ptable, *tables.values()] if t for r in t.rows}
        keys |= set(parent_prose) | {k for sides in child_prose.values() for k in sides}
        related = h.related(k for k in keys if k)
    out.indicators = compare_indicators(ptable, tables, canonical_of=canonical_of, direction_of=direction_of,
                                        convert=convert, related=related, parts_of=h.parts_of,
                                        relative_of=h.relative_of, parent_prose=parent_prose,
                                        child_prose=child_prose)
    return out


def align_files(parent: str | Path, children: Sequence[str | Path], **kw: Any) -> Alignment:
    """Align a parent plan with its children's plans, all read from files."""
    return align_sources(read_document(parent), [read_document(c) for c in children], **kw)
