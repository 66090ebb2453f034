"""Major projects: project tables (重大项目表, 十大工程表) and projects named in 专栏 boxes.

`find_projects(src)` returns table rows first (confidence 'table': items, groups, totals with `id`/`parent_id`),
then box entries (confidence 'prose'). `check_totals(projects)` lists every stated subtotal, grand total or
item count that disagrees with the rows under it.
"""

from __future__ import annotations

from planscope.ingest import SourceText
from planscope.model import Heading, Project
from planscope.parse.projects.boxes import find_box_projects
from planscope.parse.projects.check import Mismatch, check_totals
from planscope.parse.projects.tables import ProjectTable, find_tables

__all__ = ["Mismatch", "ProjectTable", "check_totals", "find_project_tables", "find_projects"]


def _outline(src: SourceText) -> list[Heading]:
    from planscope.parse.outline import parse_outline  # local: the outline is only needed for titles and boxes

    return parse_outline(src)


def find_project_tables(src: SourceText, outline: list[Heading] | None = None) -> list[ProjectTable]:
    return find_tables(src, _outline(src) if outline is None else outline)


def find_projects(src: SourceText, outline: list[Heading] | None = None) -> list[Project]:
    outline = _outline(src) if outline is None else outline
    out: list[Project] = []
    for t in find_tables(src, outline):
        out.extend(t.projects)
    out.extend(find_box_projects(src, outline))
    return out
