"""首页: the region tree (广州市 ⊃ 花都区 …) with each region's plans."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from planscope.web import services
from planscope.web.render import page

router = APIRouter()


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request) -> HTMLResponse:
    db = services.db_of(request)
    docs = db.documents()
    by_region: dict[str | None, list] = {}
    for d in docs:
        by_region.setdefault(d.region, []).append(d)
    regions = db.regions()
    named = {n for n in _names(regions)}
    orphans = [d for r, ds in by_region.items() if r not in named for d in ds]
    return page(request, "home.html", {"regions": regions, "by_region": by_region, "orphans": orphans,
                                       "count": len(docs)})


def _names(nodes: list) -> list[str]:
    out = []
    for n in nodes:
        out.append(n.name)
        out.extend(_names(n.children))
    return out
