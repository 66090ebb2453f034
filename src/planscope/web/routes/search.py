"""搜索: a search box whose results htmx refreshes as one types, with filters and highlighted snippets."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from planscope.ingest.script import to_simplified
from planscope.web import services
from planscope.web.render import page

router = APIRouter()
PAGE_SIZE = 20
_TAG = re.compile(r"<[^>]+>")
_NOT_MARK = re.compile(r"<(?!/?mark>)[^>]*>")


def highlight(snippet: str, q: str) -> Markup:
    """The snippet as plain text with each occurrence of the query's words marked (simplified and as typed)."""
    text = _TAG.sub("", snippet or "")
    words = {w for w in (*q.split(), *to_simplified(q).split()) if w}
    if not words:
        return escape(text)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    out, pos = [], 0
    for mt in pattern.finditer(text):
        out += [escape(text[pos:mt.start()]), Markup("<mark>{}</mark>").format(mt.group())]
        pos = mt.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _run(request: Request, q: str, region: str, plan: str, kind: str, chapter: str, page_no: int) -> dict:
    ctx: dict = {"q": q, "results": [], "error": None, "page_no": page_no, "page_size": PAGE_SIZE}
    if not q.strip():
        return ctx
    filters = {"region": region or None, "plan": int(plan) if plan.isdigit() else None, "kind": kind or None,
               "chapter": chapter or None, "limit": PAGE_SIZE, "offset": (page_no - 1) * PAGE_SIZE}
    try:
        results = services.search(services.db_of(request), q.strip(), **filters)
    except services.Unavailable as e:
        ctx["error"] = f"全文检索{services.NOT_PROVIDED}（{e}）"
        return ctx
    for r in results:
        snippet = str(r.get("snippet") or "")
        # The search layer escapes its snippets and marks matches with <mark>; any other tag is dropped.
        r["snippet_html"] = Markup(_NOT_MARK.sub("", snippet)) if "<mark>" in snippet else \
            highlight(snippet or str(r.get("text") or ""), q.strip())
        r["chapter"] = " › ".join(r.get("section_path") or [])
    ctx["results"] = results
    return ctx


@router.get("/search", response_class=HTMLResponse, name="search")
def search_page(request: Request, q: str = "", region: str = "", plan: str = "", kind: str = "", chapter: str = "",
                page_no: int = 1) -> HTMLResponse:
    db = services.db_of(request)
    ctx = _run(request, q, region, plan, kind, chapter, page_no)
    docs = db.documents()  # one listing for both filters (it counts each document's rows)
    regions = sorted({p.region for p in docs if p.region})
    return page(request, "search.html", {**ctx, "regions": regions, "plans": docs, "region": region,
                                         "plan": plan, "kind": kind, "chapter": chapter})


@router.get("/search/results", response_class=HTMLResponse, name="search_results")
def search_results(request: Request, q: str = "", region: str = "", plan: str = "", kind: str = "",
                   chapter: str = "", page_no: int = 1) -> HTMLResponse:
    """The results fragment htmx swaps in."""
    return page(request, "_search_results.html", _run(request, q, region, plan, kind, chapter, page_no))
