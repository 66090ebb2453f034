"""Request dependencies: the store, the caller (from `Authorization: Bearer …`), role checks, plan ids."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from planscope.store import Database, NotFound
from planscope.store.auth import UserInfo, allows, authenticate


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    """A session for one request; routes that write commit it themselves (all or nothing)."""
    with db.session() as s:
        yield s


DB = Annotated[Database, Depends(get_db)]
SessionDep = Annotated[Session, Depends(get_session)]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, "the Authorization header must be `Bearer <token>`",
                            headers={"WWW-Authenticate": "Bearer"})
    return token.strip()


def current_user(request: Request, db: DB) -> UserInfo | None:
    """The caller, or None when no token was sent. A token that is sent but not valid is a 401, never anonymous."""
    token = _bearer(request)
    if token is None:
        return None
    with db.session() as s:
        user = authenticate(s, token)
        s.commit()  # authenticate may note the token's last use
    if user is None:
        raise HTTPException(401, "invalid or revoked token", headers={"WWW-Authenticate": "Bearer"})
    return user


def require(role: str) -> Callable[..., UserInfo]:
    """A dependency admitting callers whose role is at least `role` (viewer < editor < admin)."""

    def check(user: Annotated[UserInfo | None, Depends(current_user)]) -> UserInfo:
        if user is None:
            raise HTTPException(401, f"this needs a token of role {role} or higher (Authorization: Bearer …)",
                                headers={"WWW-Authenticate": "Bearer"})
        if not allows(user.role, role):
            raise HTTPException(403, f"user {user.name!r} has role {user.role}; this needs {role}")
        return user

    return check


def reader(request: Request, user: Annotated[UserInfo | None, Depends(current_user)]) -> UserInfo | None:
    """Reads are open unless the app was made with `read_requires_token=True`."""
    if request.app.state.read_requires_token and user is None:
        raise HTTPException(401, "this server needs a token for every request (Authorization: Bearer …)",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


Editor = Annotated[UserInfo, Depends(require("editor"))]
Admin = Annotated[UserInfo, Depends(require("admin"))]


def plan_id(plan: str, db: DB) -> int:
    """A plan path parameter (an id, or a region name meaning its latest five-year plan) → the stored id; 404."""
    from planscope.store import queries

    with db.session() as s:
        try:
            return queries.resolve_plan(s, plan)
        except NotFound as e:
            raise HTTPException(404, str(e)) from None


PlanId = Annotated[int, Depends(plan_id)]
