"""Users with roles (viewer < editor < admin) and their API tokens.

A token is `ps_<key>_<secret>`. The key (not secret) finds the row; the secret is kept only as a salted scrypt
hash with its parameters ("scrypt$n$r$p$salt$hash"), so the cost can be raised later without breaking old tokens.
The plain token is returned once, when it is made, and never again. Every change here is written to the audit log.

Functions take a Session; the caller owns the transaction (the CLI and the API commit once per request).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planscope.store.entries import iso_time, record_audit
from planscope.store.schema_entry import ApiToken, User

ROLES = ("viewer", "editor", "admin")
TOKEN_PREFIX = "ps"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_NAME = re.compile(r"^[\w.\-@\u4e00-\u9fff]{1,100}$")
_TOKEN = re.compile(rf"^{TOKEN_PREFIX}_([0-9a-f]{{16}})_([A-Za-z0-9_\-]{{20,100}})$")
_TOUCH_EVERY = timedelta(minutes=5)  # last_used_at is refreshed at most this often (reads must not all write)


class AuthError(ValueError):
    """A bad user name, role or token operation (str(e) says what)."""


def role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def allows(role: str, needed: str) -> bool:
    """True when `role` is at least `needed` (admin can do what an editor can, an editor what a viewer can)."""
    return role_rank(role) >= role_rank(needed) >= 0


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}; roles are {', '.join(ROLES)}")
    return role


def hash_secret(secret: str, *, salt: bytes | None = None, n: int = _SCRYPT["n"], r: int = _SCRYPT["r"],
                p: int = _SCRYPT["p"]) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        again = hash_secret(secret, salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(again.rsplit("$", 1)[1], digest)


@dataclass
class UserInfo:
    id: int
    name: str
    role: str
    active: bool
    created_at: str
    tokens: int = 0

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "role": self.role, "active": self.active,
                "created_at": self.created_at, "tokens": self.tokens}


def _info(u: User, tokens: int = 0) -> UserInfo:
    return UserInfo(u.id, u.name, u.role, u.active, iso_time(u.created_at) or "", tokens)


def get_user(session: Session, name: str) -> User:
    u = session.scalars(select(User).where(User.name == name)).first()
    if u is None:
        raise LookupError(f"no user named {name!r} (`planscope users list` shows them)")
    return u


def add_user(session: Session, name: str, role: str = "viewer", *, actor: str = "system",
             label: str | None = None) -> tuple[UserInfo, str]:
    """Create a user and a first token; returns (user, plain token). The token is not stored and cannot be shown
    again."""
    name = name.strip()
    if not _NAME.match(name):
        raise AuthError(f"bad user name {name!r}: 1–100 letters, digits, Chinese characters or . _ - @")
    _check_role(role)
    if session.scalars(select(User.id).where(User.name == name)).first() is not None:
        raise AuthError(f"user {name!r} already exists")
    u = User(name=name, role=role, active=True, created_at=datetime.now(UTC))
    session.add(u)
    session.flush()
    record_audit(session, actor, "create_user", "users", u.id, None, {"name": name, "role": role})
    token = create_token(session, name, label=label, actor=actor)
    return _info(u, 1), token


def create_token(session: Session, name: str, *, label: str | None = None, actor: str = "system") -> str:
    """A new token for user `name`; returns the plain token (shown once)."""
    u = get_user(session, name)
    limit = ApiToken.__table__.c.label.type.length  # checked here: SQLite would store more, PostgreSQL would fail
    if label is not None and len(label) > limit:
        raise AuthError(f"token label is too long (at most {limit} characters)")
    key, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    t = ApiToken(user_id=u.id, key=key, secret_hash=hash_secret(secret), label=label, revoked=False,
                 created_at=datetime.now(UTC))
    session.add(t)
    session.flush()
    # The audit row names the token by its key only: the secret must not reach the log.
    record_audit(session, actor, "create_token", "api_tokens", t.id, None, {"user": name, "key": key,
                                                                            "label": label})
    return f"{TOKEN_PREFIX}_{key}_{secret}"


def revoke_tokens(session: Session, name: str, *, actor: str = "system") -> int:
    """Revoke every token of user `name`; returns how many were live."""
    u = get_user(session, name)
    live = list(session.scalars(select(ApiToken).where(ApiToken.user_id == u.id, ApiToken.revoked.is_(False))
                                .order_by(ApiToken.id)))  # log them in the order made, not as the database keeps them
    for t in live:
        t.revoked = True
        record_audit(session, actor, "revoke_token", "api_tokens", t.id, {"key": t.key, "revoked": False},
                     {"key": t.key, "revoked": True})
    return len(live)


def set_role(session: Session, name: str, role: str, *, actor: str = "system") -> UserInfo:
    u = get_user(session, name)
    before = u.role
    u.role = _check_role(role)
    record_audit(session, actor, "set_role", "users", u.id, {"name": name, "role": before},
                 {"name": name, "role": role})
    return _info(u)


def live_tokens(session: Session, user_id: int) -> int:
    """How many unrevoked tokens the user holds."""
    return session.scalar(select(func.count()).select_from(ApiToken)
                          .where(ApiToken.user_id == user_id, ApiToken.revoked.is_(False))) or 0


def list_users(session: Session) -> list[UserInfo]:
    live = dict(session.execute(select(ApiToken.user_id, func.count()).where(ApiToken.revoked.is_(False))
                                .group_by(ApiToken.user_id)).all())
    return [_info(u, live.get(u.id, 0)) for u in session.scalars(select(User).order_by(User.id))]


def authenticate(session: Session, token: str) -> UserInfo | None:
    """The active user owning this live token, or None (unknown, malformed, revoked, or user deactivated)."""
    m = _TOKEN.match(token.strip())
    if not m:
        return None
    row = session.scalars(select(ApiToken).where(ApiToken.key == m.group(1))).first()
    if row is None or row.revoked or not check_secret(m.group(2), row.secret_hash):
        return None
    u = session.get(User, row.user_id)
    if u is None or not u.active:
        return None
    now = datetime.now(UTC)
    last = row.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite gives naive datetimes back
        last = last.replace(tzinfo=UTC)
    if last is None or now - last > _TOUCH_EVERY:
        row.last_used_at = now  # saved when the caller commits (the API does, right after authenticating)
    return _info(u)
