"""The web dashboard: server-rendered Jinja2 pages with htmx and a vendored ECharts (no CDN; works offline).

    from planscope.web import mount
    mount(app)          # adds the pages and /static to an existing FastAPI app (the API's create_app calls it)

The pages read the store named by `app.state.db` (a Database) or `app.state.db_url`, else PLANSCOPE_DB.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from planscope.web import session
from planscope.web.render import HERE, message

__all__ = ["create_web_app", "mount"]


def mount(app: FastAPI) -> None:
    """Add the dashboard's pages and /static to `app`. HTTP errors on pages render as a Chinese page; errors under
    /api stay JSON."""
    from planscope.web.routes import ROUTERS

    if getattr(app.state, "web_mounted", False):
        return
    app.state.web_mounted = True
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router, include_in_schema=False)
    previous = app.exception_handlers.get(HTTPException)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", "text/html"):
            if previous is not None:
                return await previous(request, exc)
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return message(request, _TITLES.get(exc.status_code, "出错了"), str(exc.detail), exc.status_code)

    app.add_exception_handler(HTTPException, http_error)

    @app.middleware("http")
    async def sign_in_first(request: Request, call_next):  # type: ignore[no-untyped-def]
        """With reads closed (`planscope serve --read-token`), pages need a signed-in user, as the API needs a
        token; only the login page and static files stay open."""
        path = request.url.path
        if (getattr(request.app.state, "read_requires_token", False) and not path.startswith(_OPEN)
                and session.current(request) is None):
            return RedirectResponse(f"/login?next={quote(path)}", status_code=303)
        return await call_next(request)


_OPEN = ("/api", "/static", "/login", "/openapi.json")
_TITLES = {403: "无权操作", 404: "未找到", 422: "输入有误", 503: "暂不可用"}


def create_web_app(db_url: str | None = None) -> FastAPI:
    """A FastAPI app with only the dashboard (the API's create_app adds it to the full app)."""
    app = FastAPI(title="PlanScope 规划监测平台")
    app.state.db_url = db_url
    mount(app)
    return app
