"""CSRF protection for the dashboard's forms: a signed double-submit cookie.

Every page that shows a form makes sure the browser holds a `ps_csrf` cookie (a random value signed with the app
secret) and puts the same signed value in the form's hidden `csrf_token` field. A POST is accepted only when the
field equals the cookie and the signature holds: another site can make the browser send the cookie but can
neither read it nor forge a signed value, so it cannot fill the field.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request, Response

from planscope.web.signing import app_secret, sign, unsign

COOKIE = "ps_csrf"
FIELD = "csrf_token"
PURPOSE = "csrf"


def csrf_token(request: Request) -> str:
    """The signed token for this browser: the cookie's when it is valid, else a new one (set by `set_cookie`)."""
    cached = getattr(request.state, "csrf_token", None)
    if cached:
        return cached
    secret = app_secret(request.app)
    current = request.cookies.get(COOKIE)
    token = current if unsign(secret, current, PURPOSE) else sign(secret, secrets.token_urlsafe(24), PURPOSE)
    request.state.csrf_token = token
    return token


def set_cookie(request: Request, response: Response) -> None:
    """Send the token cookie when this request made a new one."""
    token = getattr(request.state, "csrf_token", None)
    if token and token != request.cookies.get(COOKIE):
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def check(request: Request, submitted: str | None) -> None:
    """Raise 403 unless the submitted field matches the cookie and carries a valid signature."""
    cookie = request.cookies.get(COOKIE)
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise HTTPException(403, "表单校验失败（CSRF 令牌缺失或不匹配），请刷新页面后重试。")
    if unsign(app_secret(request.app), cookie, PURPOSE) is None:
        raise HTTPException(403, "表单校验失败（CSRF 令牌无效），请刷新页面后重试。")
