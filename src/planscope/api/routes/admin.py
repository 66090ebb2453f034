"""Users and the audit log (admin), and who the caller is."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from starlette import status

from planscope.api import schemas as sc
from planscope.api.deps import Admin, SessionDep, current_user
from planscope.store import auth, entries
from planscope.store.auth import UserInfo

router = APIRouter(prefix="/api", tags=["admin"])


@router.get("/me", response_model=sc.User, responses=sc.errors(401))
def me(user: Annotated[UserInfo | None, Depends(current_user)], session: SessionDep) -> dict[str, Any]:
    """The user the token belongs to, with the number of live tokens they hold."""
    if user is None:
        raise HTTPException(401, "no token sent (Authorization: Bearer …)", headers={"WWW-Authenticate": "Bearer"})
    return {**user.to_json(), "tokens": auth.live_tokens(session, user.id)}


@router.get("/audit", response_model=sc.AuditPage, responses=sc.errors(401, 403, 422))
def audit(_: Admin, session: SessionDep, table: str | None = None, actor: str | None = None,
          plan_id: int | None = None, record_id: int | None = None, limit: int = Query(100, ge=1, le=1000),
          offset: int = Query(0, ge=0)) -> dict[str, Any]:
    """Every change (newest first): who, when, what, and the record before and after."""
    total, items = entries.list_audit(session, table=table, actor=actor, plan_id=plan_id, record_id=record_id,
                                      limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/users", response_model=list[sc.User], responses=sc.errors(401, 403))
def users(_: Admin, session: SessionDep) -> list[dict[str, Any]]:
    return [u.to_json() for u in auth.list_users(session)]


@router.post("/users", response_model=sc.NewUser, status_code=status.HTTP_201_CREATED,
             responses=sc.errors(401, 403, 422))
def add_user(body: sc.UserIn, admin: Admin, session: SessionDep) -> dict[str, Any]:
    """Create a user with a first token (admin). The token is in this response only."""
    user, token = auth.add_user(session, body.name, body.role, actor=admin.name)
    session.commit()
    return {"user": user.to_json(), "token": token}
