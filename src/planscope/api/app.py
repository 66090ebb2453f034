"""The HTTP API: `create_app(db_url)` builds a FastAPI app over one store.

    from planscope.api import create_app
    app = create_app("sqlite:///plans.db")        # uvicorn planscope.api.app:app uses PLANSCOPE_DB

- JSON is UTF-8 with Chinese as characters (not \\u escapes). Errors are always {"detail": "…"} with the right
  status: 401 no or bad token, 403 role too low, 404 unknown plan, 422 bad parameters, 501 a part not installed.
- Reads are open (unless read_requires_token); writes need an editor token; /api/audit and /api/users an admin.
- Security headers on every response; a Content-Security-Policy that allows only this origin.
- The web pages are added by `planscope.web.mount(app)` when that module is present.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.engine import make_url
from starlette.exceptions import HTTPException as StarletteHTTPException

import planscope
from planscope.monitor.entry_guard import UnlinkedIndicators
from planscope.store import NotFound
from planscope.store.auth import AuthError
from planscope.store.entries import EntryError

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": CSP,
    "Cross-Origin-Opener-Policy": "same-origin",
}


class UnicodeJSONResponse(JSONResponse):
    """JSON with non-ASCII as UTF-8 characters: 花都区, not \\u82b1\\u90fd\\u533a."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=str).encode("utf-8")


def _error(status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any) -> UnicodeJSONResponse:
    return UnicodeJSONResponse({"detail": detail, **extra}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        if e.get("type") == "json_invalid":  # loc is ("body", character offset): say what happened instead
            where = e.get("loc", ("body", None))[-1]
            reason = (e.get("ctx") or {}).get("error")
            parts.append("request body is not valid JSON" + (f" ({reason} at character {where})"
                                                             if isinstance(where, int) and reason else ""))
            continue
        loc = [str(x) for x in e.get("loc", ()) if x not in ("body", "query", "path", "header")]
        where = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(
            str(e.get("loc", ("",))[0]), "parameter")
        parts.append(f"{where} {'.'.join(loc)}: {e.get('msg', 'invalid')}" if loc else
                     f"request body: {e.get('msg', 'invalid')} (a JSON object)")
    return "; ".join(parts) or "invalid request"


def _install_errors(app: FastAPI) -> None:
    async def http_error(_: Request, exc: StarletteHTTPException) -> UnicodeJSONResponse:
        return _error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    async def validation(_: Request, exc: RequestValidationError) -> UnicodeJSONResponse:
        errs = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        return _error(422, _validation_message(exc), errors=errs)

    async def not_found(_: Request, exc: NotFound) -> UnicodeJSONResponse:
        return _error(404, str(exc))

    async def bad_entry(_: Request, exc: Exception) -> UnicodeJSONResponse:
        return _error(422, str(exc))

    async def unlinked(_: Request, exc: UnlinkedIndicators) -> UnicodeJSONResponse:
        # the names that match no indicator, each with its nearest indicator names, beside the one-line detail
        return _error(422, str(exc), plan_id=exc.plan_id, unmatched=[u.to_json() for u in exc.unmatched])

    async def unexpected(_: Request, exc: Exception) -> UnicodeJSONResponse:
        log.exception("unhandled error")
        return _error(500, f"internal error ({type(exc).__name__})")

    app.add_exception_handler(StarletteHTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation)  # type: ignore[arg-type]
    app.add_exception_handler(NotFound, not_found)  # type: ignore[arg-type]
    app.add_exception_handler(UnlinkedIndicators, unlinked)  # type: ignore[arg-type]
    app.add_exception_handler(EntryError, bad_entry)
    app.add_exception_handler(AuthError, bad_entry)
    app.add_exception_handler(Exception, unexpected)


def default_data_dir(db_url: str) -> Path:
    """Where uploads go: PLANSCOPE_DATA, else a folder beside a SQLite file, else ./planscope-data."""
    if env := os.environ.get("PLANSCOPE_DATA"):
        return Path(env)
    u = make_url(db_url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        return Path(u.database).resolve().parent / "planscope-data"
    return Path("planscope-data").resolve()


def _mount_web(app: FastAPI) -> None:
    try:
        from planscope import web
    except ImportError as e:  # the dashboard is optional: the API works without it
        log.info("web pages not mounted: %s", e)
        return
    mount = getattr(web, "mount", None)
    if callable(mount):
        mount(app)


def create_app(db_url: str | None = None, *, data_dir: str | os.PathLike[str] | None = None,
               max_upload_bytes: int = MAX_UPLOAD_BYTES, read_requires_token: bool = False,
               web: bool = True) -> FastAPI:
    """The API over the store at `db_url` (a URL or SQLite path; None → PLANSCOPE_DB → ./planscope.db)."""
    from planscope.api.deps import reader
    from planscope.api.routes import ROUTERS

    db = planscope.open(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(lifespan=lifespan, title="PlanScope API", version=planscope.__version__,
                  description="Development plans (国民经济和社会发展规划): structure, indicators, monitoring.",
                  default_response_class=UnicodeJSONResponse, docs_url=None, redoc_url=None)
    app.state.db = db
    app.state.db_url = db.url
    app.state.data_dir = Path(data_dir) if data_dir is not None else default_data_dir(db.url)
    app.state.max_upload_bytes = max_upload_bytes
    app.state.read_requires_token = read_requires_token

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)  # a route may set its own (the HTML report allows inline styles)
        return response

    _install_errors(app)
    for router in ROUTERS:
        app.include_router(router, dependencies=[Depends(reader)])
    from planscope.api.routes.projects import router as projects_router  # the major-projects register

    app.include_router(projects_router, dependencies=[Depends(reader)])
    if web:
        _mount_web(app)
    return app


def __getattr__(name: str) -> Any:
    # `uvicorn planscope.api.app:app` builds the app on first use (from PLANSCOPE_DB), not at import.
    if name == "app":
        return create_app()
    raise AttributeError(name)
