"""Who is signed in: the login form takes an API token and sets an HttpOnly, signed session cookie.

The cookie holds the token itself, signed with the app secret; each request resolves it through store/auth.py, so a
revoked token ends the session at once and the browser's script can never read the token (HttpOnly).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response

from planscope.web import services
from planscope.web.signing import app_secret, sign, unsign

COOKIE = "ps_session"
PURPOSE = "session"


@dataclass(frozen=True)
class Session:
    user: services.WebUser
    token: str


def current(request: Request) -> Session | None:
    if hasattr(request.state, "web_session"):
        return request.state.web_session
    token = unsign(app_secret(request.app), request.cookies.get(COOKIE), PURPOSE)
    found = None
    if token:
        try:
            user = services.user_for_token(services.db_of(request), token)
        except services.Unavailable:
            user = None
        found = Session(user, token) if user else None
    request.state.web_session = found
    return found


def login(request: Request, response: Response, token: str) -> None:
    response.set_cookie(COOKIE, sign(app_secret(request.app), token, PURPOSE), httponly=True, samesite="lax",
                        path="/", secure=request.url.scheme == "https")


def logout(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")
