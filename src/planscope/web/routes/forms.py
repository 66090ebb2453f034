"""登录, 录入 and 上传: the dashboard's forms. Every POST checks the CSRF token; writes need the editor role."""

from __future__ import annotations

import hashlib
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from planscope.web import csrf, services, session
from planscope.web.render import page

router = APIRouter()
MAX_UPLOAD = 50 * 1024 * 1024
REFUSED = "当前账号为只读（{role}）角色，无权录入或上传；请使用编辑（editor）角色的令牌登录。"


@router.get("/login", response_class=HTMLResponse, name="login")
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return page(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: str = Form(""), next: str = Form("/"),
          csrf_token: str = Form("")) -> Response:
    csrf.check(request, csrf_token)
    token = token.strip()
    try:
        user = services.user_for_token(services.db_of(request), token) if token else None
    except services.Unavailable as e:
        return page(request, "login.html", {"next": next, "error": f"登录功能{services.NOT_PROVIDED}（{e}）"}, 503)
    if user is None:
        return page(request, "login.html", {"next": next, "error": "令牌无效或已停用。"}, 401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    session.login(request, response, token)
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    csrf.check(request, csrf_token)
    response = RedirectResponse("/", status_code=303)
    session.logout(response)
    return response


def _safe_next(target: str) -> str:
    # Only local paths: a login form must not become an open redirect.
    return target if target.startswith("/") and not target.startswith("//") else "/"


def _rows(request: Request) -> list[dict]:
    """Every indicator row of every stored plan, for the entry form's choice list."""
    out = []
    for p in services.db_of(request).plans():
        view = services.db_of(request).plan(p.id)
        for t in view.stored_tables():
            if t.table.kind != "main":
                continue
            for rid, row in zip(t.row_ids, t.table.rows, strict=True):
                out.append({"plan_id": p.id, "row_id": rid, "label": f"{p.region or ''}·{row.seq or ''} {row.name}"
                            + (f"（{row.unit}）" if row.unit else "")})
    return out


def _entry_page(request: Request, plan_id: int | None, row_id: int | None, *, error: str | None = None,
                ok: str | None = None, status_code: int = 200, typed: dict | None = None) -> HTMLResponse:
    return page(request, "entry.html", {"rows": _rows(request), "plan_id": plan_id, "row_id": row_id,
                                        "error": error, "ok": ok, "typed": typed or {}}, status_code)


@router.get("/entry", response_class=HTMLResponse, name="entry")
def entry_form(request: Request, plan_id: int | None = None, row_id: int | None = None) -> HTMLResponse:
    return _entry_page(request, plan_id, row_id)


@router.post("/entry", response_class=HTMLResponse)
def entry(request: Request, row: str = Form(""), year: str = Form(""), value: str = Form(""),
          note: str = Form(""), csrf_token: str = Form("")) -> Response:
    csrf.check(request, csrf_token)
    plan_id, _, row_id = row.partition(":")
    pid, rid = (int(plan_id), int(row_id)) if plan_id.isdigit() and row_id.isdigit() else (None, None)
    s = session.current(request)
    typed = {"year": year, "value": value, "note": note}
    if s is None:
        return _entry_page(request, pid, rid, error="请先登录（粘贴编辑角色的 API 令牌）。", status_code=401,
                           typed=typed)
    if not s.user.can_edit:
        return _entry_page(request, pid, rid, error=REFUSED.format(role=s.user.role), status_code=403,
                           typed=typed)
    try:
        amount = Decimal(value.strip().replace(",", ""))
        y = int(year)
        if pid is None or rid is None:
            raise ValueError
    except (InvalidOperation, ValueError):
        return _entry_page(request, pid, rid, error="请选择指标，并填写年份和数值（数字）。", status_code=422,
                           typed=typed)
    try:
        services.add_actual(services.db_of(request), plan_id=pid, row_id=rid, year=y, value=amount, user=s.user,
                            note=note.strip() or None)
    except services.Unavailable as e:
        return _entry_page(request, pid, rid, error=f"数据录入{services.NOT_PROVIDED}（{e}）", status_code=503)
    except (ValueError, LookupError) as e:  # entries.EntryError is a ValueError; NotFound a LookupError
        return _entry_page(request, pid, rid, error=f"未能保存：{e}", status_code=422, typed=typed)
    return RedirectResponse(f"/plans/{pid}/indicators/{rid}?year={y}&saved=1", status_code=303)


@router.get("/upload", response_class=HTMLResponse, name="upload")
def upload_form(request: Request) -> HTMLResponse:
    return page(request, "upload.html", {"error": None, "result": None})


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, file: UploadFile = File(...), csrf_token: str = Form("")) -> Response:
    csrf.check(request, csrf_token)
    s = session.current(request)
    if s is None or not s.user.can_edit:
        error = "请先登录（粘贴编辑角色的 API 令牌）。" if s is None else REFUSED.format(role=s.user.role)
        return page(request, "upload.html", {"error": error, "result": None}, 401 if s is None else 403)
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return page(request, "upload.html", {"error": "文件超过 50 MB。", "result": None}, 413)
    name = Path(file.filename or "upload.txt").name
    db = services.db_of(request)
    data_dir = getattr(request.app.state, "data_dir", None)
    if data_dir is not None:
        # Keep the file where the API keeps uploads, so the stored path stays readable later.
        folder = Path(data_dir) / "uploads" / hashlib.sha256(data).hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        result = db.ingest_file(folder / name)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / name).write_bytes(data)
            result = db.ingest_file(Path(tmp) / name)
    services.record_upload(db, s.user, result.document_id, name, result.status, len(data))
    error = result.message if result.status == "error" else None
    return page(request, "upload.html", {"error": error, "result": result}, 422 if error else 200)
