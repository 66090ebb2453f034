"""重大项目 pages: a plan's projects as a tree with totals and check warnings, and one project with the plan's
promise (its source lines) and every later report's mention (with lines)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from planscope.monitor.projects import ProjectRegister
from planscope.store.queries import NotFound
from planscope.web import services
from planscope.web.render import page

router = APIRouter()


def _register(request: Request) -> ProjectRegister:
    return ProjectRegister(services.db_of(request))


@router.get("/projects", response_class=HTMLResponse, name="projects_index")
def projects_index(request: Request) -> HTMLResponse:
    db = services.db_of(request)
    plans = [p for p in db.plans() if p.kind == "five_year_plan"]
    return page(request, "projects_index.html", {"plans": plans})


@router.get("/plans/{plan_id}/projects", response_class=HTMLResponse, name="plan_projects")
def plan_projects(request: Request, plan_id: int) -> HTMLResponse:
    try:
        view = _register(request).view(plan_id)
    except NotFound:
        raise HTTPException(404, f"没有编号为 {plan_id} 的规划") from None
    data = view.to_json()
    return page(request, "projects.html", {"plan": services.db_of(request).plan(plan_id).summary(), "data": data})


@router.get("/plans/{plan_id}/projects/{key}", response_class=HTMLResponse, name="project")
def project_page(request: Request, plan_id: int, key: str) -> HTMLResponse:
    reg = _register(request)
    try:
        view = reg.view(plan_id)
        e = view.entry(key)
    except NotFound:
        raise HTTPException(404, f"规划 {plan_id} 中没有项目 {key}") from None
    pv = services.db_of(request).plan(plan_id)
    a, b = e.project.span.lines()
    promise = list(zip(range(a, b + 1), pv.lines(a, b, original=True), strict=False))
    return page(request, "projects_item.html", {"plan": pv.summary(), "p": e.to_json(), "promise": promise,
                                                "reports": view.reports, "history": reg.history(plan_id, e.key)})
