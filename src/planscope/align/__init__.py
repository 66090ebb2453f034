"""City–district alignment: indicator-by-indicator comparison and task/topic coverage.

    from planscope.align import align_files
    a = align_files("001.txt", ["000.txt"])      # the city plan, then its districts' plans
    a.to_json()                                  # the shape of `planscope align PARENT CHILD --json`
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planscope.align.indicators import (
    CanonicalOf,
    ChildComparison,
    Convert,
    DirectionOf,
    IndicatorAlignment,
    Side,
    compare_indicators,
    default_canonical,
    guess_direction,
)
from planscope.align.passages import build_passages
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

__all__ = ["Alignment", "ChildComparison", "IndicatorAlignment", "SectionCoverage", "Side", "TaskMatch",
           "align_files", "align_sources", "compare_indicators", "coverage", "main_table", "match_assignments"]


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


def align_sources(parent: SourceText, children: Sequence[SourceText], *,
                  parent_extraction: Extraction | None = None,
                  child_extractions: Sequence[Extraction | None] | None = None,
                  canonical_of: CanonicalOf = default_canonical, direction_of: DirectionOf = guess_direction,
                  convert: Convert | None = None, related: Sequence[tuple[str, str]] = (),
                  embedder: Embedder | None = None, with_coverage: bool = True) -> Alignment:
    from planscope.parse.extract import extract_source

    pex = parent_extraction or extract_source(parent)
    cexs = list(child_extractions) if child_extractions is not None else [extract_source(c) for c in children]
    pname = region_name(parent, pex.document.region) or parent.name
    out = Alignment(pname, parent.name, {})
    passages = build_passages(parent)
    tables: dict[str, IndicatorTable] = {}
    ptable = main_table(pex)
    for src, ex in zip(children, cexs, strict=True):
        cname = region_name(src, ex.document.region if ex else None) or src.name
        out.children[cname] = src.name
        child = ChildText(cname, src, embedder)
        out.tasks.extend(match_assignments(parent, child, passages))
        if with_coverage:
            out.coverage.extend(coverage(parent, child, pex.outline, passages, name_forms(pname)))
        t = main_table(ex)
        if t is None:
            out.warnings.append(f"{cname}: no indicator table found; indicators not compared")
        else:
            tables[cname] = t
    if ptable is None:
        out.warnings.append(f"{pname}: no indicator table found; indicators not compared")
    elif tables:
        out.indicators = compare_indicators(ptable, tables, canonical_of=canonical_of, direction_of=direction_of,
                                            convert=convert, related=related)
    return out


def align_files(parent: str | Path, children: Sequence[str | Path], **kw: Any) -> Alignment:
    """Align a parent plan with its children's plans, all read from files."""
    return align_sources(read_document(parent), [read_document(c) for c in children], **kw)
