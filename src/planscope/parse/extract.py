"""One document in, one `Extraction` out: the pipeline behind `planscope extract` (no store, no network)."""

from __future__ import annotations

from pathlib import Path

from planscope.ingest import SourceText, read_document
from planscope.model import Extraction, Heading, IndicatorTable
from planscope.parse.figures import extract_figures
from planscope.parse.metadata import detect_metadata
from planscope.parse.outline import parse_footnotes, parse_outline
from planscope.parse.projects import check_totals, find_projects
from planscope.parse.tables import find_indicator_tables


def extract_source(src: SourceText) -> Extraction:
    meta = detect_metadata(src)
    outline = parse_outline(src)
    tables = find_indicator_tables(src)
    outline = _without_table_groups(outline, tables)
    targets, observations = extract_figures(src, meta)
    ex = Extraction(source=src.name, document=meta, outline=outline, indicator_tables=tables,
                    targets=targets, observations=observations, footnotes=parse_footnotes(src))
    ex.projects = find_projects(src, outline)  # project tables, then projects named in 专栏 boxes
    ex.project_checks = check_totals(ex.projects)  # stated subtotals that disagree with their rows
    if not tables and meta.kind == "five_year_plan":
        ex.warnings.append("no indicator table found in the text; prose targets only")
    if not outline:
        ex.warnings.append("no headings found (no 章/节/一、 outline): the text is kept, but has no structure")
    if meta.title is None:
        ex.warnings.append("no document title recognised")
    return ex


def _without_table_groups(outline: list[Heading], tables: list[IndicatorTable]) -> list[Heading]:
    """A table's group rows (一、经济发展 on a line of its own) look like outline items; the table took them as
    the categories of its rows, so they are not headings of the document."""
    groups = {(t.span.line_start, t.span.line_end): {r.category for r in t.rows if r.category} for t in tables}

    def in_table(h: Heading) -> bool:
        return h.kind in ("item", "subitem") and any(
            a < h.span.line_start <= b and h.title in names for (a, b), names in groups.items())

    return [h for h in outline if not in_table(h)]


def extract(path: str | Path) -> Extraction:
    """Read and parse one file. Raises `IngestError` with a one-line message when it cannot be read."""
    return extract_source(read_document(path))
