"""衔接 view: a parent plan beside one child plan — indicators with verdicts, tasks with both passages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from planscope.align.indicators import VERDICT_LABELS
from planscope.web import services
from planscope.web.render import page

router = APIRouter()

# planscope.align's verdict keys in Chinese; a key it adds later is shown as given.
VERDICTS = VERDICT_LABELS


def _plan_id(ref: str | None, plans: list[Any]) -> int | None:
    """A plan id from ?parent=/?child=: an id, or a region name (its five-year plan), as the CLI and API accept;
    None when empty or unknown (the page then offers the choices)."""
    if ref is None or not ref.strip():
        return None
    ref = ref.strip()
    if ref.isdigit():
        return int(ref)
    found = [p.id for p in plans if p.region == ref]
    return max(found) if found else None


@router.get("/align", response_class=HTMLResponse, name="align")
def align_page(request: Request, parent: str | None = None, child: str | None = None) -> HTMLResponse:
    db = services.db_of(request)
    plans = [p for p in db.plans() if p.kind == "five_year_plan"]
    parent_id, child_id = _plan_id(parent, plans), _plan_id(child, plans)
    unknown = [r for r, i in ((parent, parent_id), (child, child_id)) if r and r.strip() and i is None]
    parents = [p for p in plans if any(c.parent_plan_id == p.id for c in plans)]
    parent = parent_id if parent_id is not None else (parents[0].id if parents else None)
    children = [p for p in plans if p.parent_plan_id == parent]
    child = child_id if child_id is not None else (children[0].id if children else None)
    result, error = None, None
    if unknown:
        error = "没有找到规划：" + "、".join(str(u) for u in unknown) + "（可填规划编号或地区名称）"
    elif parent is not None and child is not None:
        try:
            result = services.alignment(db, parent, child).to_json()
        except Exception as e:  # show the problem on the page rather than a bare 500
            error = f"无法完成衔接分析：{type(e).__name__}: {e}"
    return page(request, "align.html", {"parents": parents, "children": children, "parent": parent,
                                        "child": child, "result": result, "error": error, "verdicts": VERDICTS})
