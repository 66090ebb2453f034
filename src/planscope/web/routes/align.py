"""衔接 view: a parent plan beside one child plan — indicators with verdicts, tasks with both passages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from planscope.align.indicators import VERDICT_LABELS
from planscope.web import services
from planscope.web.render import page

router = APIRouter()

# planscope.align's verdict keys in Chinese; a key it adds later is shown as given.
VERDICTS = VERDICT_LABELS


@router.get("/align", response_class=HTMLResponse, name="align")
def align_page(request: Request, parent: int | None = None, child: int | None = None) -> HTMLResponse:
    db = services.db_of(request)
    plans = [p for p in db.plans() if p.kind == "five_year_plan"]
    parents = [p for p in plans if any(c.parent_plan_id == p.id for c in plans)]
    if parent is None and parents:
        parent = parents[0].id
    children = [p for p in plans if p.parent_plan_id == parent]
    if child is None and children:
        child = children[0].id
    result, error = None, None
    if parent is not None and child is not None:
        try:
            result = services.alignment(db, parent, child).to_json()
        except Exception as e:  # show the problem on the page rather than a bare 500
            error = f"无法完成衔接分析：{type(e).__name__}: {e}"
    return page(request, "align.html", {"parents": parents, "children": children, "parent": parent,
                                        "child": child, "result": result, "error": error, "verdicts": VERDICTS})
