"""Users, roles and API tokens: salted scrypt hashes, tokens shown once, revocation, the audit of each change,
and the `users` CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import planscope
from planscope.cli import app
from planscope.store import auth
from planscope.store.schema_entry import ApiToken, AuditEntry


@pytest.fixture
def session(tmp_path: Path):
    db = planscope.open(tmp_path / "auth.db")
    with db.session() as s:
        yield s


def test_hash_is_salted_and_checks_only_the_right_secret() -> None:
    a, b = auth.hash_secret("s3cret"), auth.hash_secret("s3cret")
    assert a != b  # a fresh salt each time
    assert a.startswith("scrypt$16384$8$1$") and "s3cret" not in a
    assert auth.check_secret("s3cret", a) and auth.check_secret("s3cret", b)
    assert not auth.check_secret("s3cret!", a)
    assert not auth.check_secret("s3cret", "pbkdf2$1$2$3$00$00")
    assert not auth.check_secret("s3cret", "garbage")


def test_roles_are_ordered() -> None:
    assert auth.allows("admin", "editor") and auth.allows("editor", "editor") and auth.allows("editor", "viewer")
    assert not auth.allows("viewer", "editor") and not auth.allows("editor", "admin")
    assert not auth.allows("root", "viewer")


def test_token_shown_once_and_only_its_hash_is_stored(session) -> None:
    user, token = auth.add_user(session, "王编辑", "editor", actor="admin")
    session.commit()
    assert (user.name, user.role, user.tokens) == ("王编辑", "editor", 1)
    assert token.startswith("ps_")
    row = session.scalars(select(ApiToken)).one()
    secret = token.split("_", 2)[2]
    assert secret not in row.secret_hash and row.key in token
    assert auth.authenticate(session, token).name == "王编辑"
    assert auth.authenticate(session, token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert auth.authenticate(session, "ps_0000000000000000_" + "x" * 43) is None  # unknown key
    assert auth.authenticate(session, "not a token") is None
    # The audit log names the user and the token's key, never the secret.
    log = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [a.action for a in log] == ["create_user", "create_token"]
    assert all(secret not in str(a.after) for a in log)
    assert log[1].after["key"] == row.key and log[0].actor == "admin"


def test_revoke_role_change_and_second_token(session) -> None:
    _, first = auth.add_user(session, "li", "viewer")
    second = auth.create_token(session, "li", label="laptop")
    assert auth.authenticate(session, second).role == "viewer"
    auth.set_role(session, "li", "editor", actor="boss")
    assert auth.authenticate(session, first).role == "editor"
    assert auth.revoke_tokens(session, "li", actor="boss") == 2
    assert auth.authenticate(session, first) is None and auth.authenticate(session, second) is None
    assert auth.list_users(session)[0].tokens == 0
    actions = [a.action for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["create_user", "create_token", "create_token", "set_role", "revoke_token", "revoke_token"]


def test_bad_names_roles_and_duplicates(session) -> None:
    with pytest.raises(auth.AuthError, match="unknown role"):
        auth.add_user(session, "a", "root")
    with pytest.raises(auth.AuthError, match="bad user name"):
        auth.add_user(session, "a b/c", "viewer")
    auth.add_user(session, "zhang", "viewer")
    with pytest.raises(auth.AuthError, match="already exists"):
        auth.add_user(session, "zhang", "editor")
    with pytest.raises(LookupError, match="no user named"):
        auth.create_token(session, "nobody")


def test_deactivated_user_cannot_authenticate(session) -> None:
    _, token = auth.add_user(session, "gone", "editor")
    auth.get_user(session, "gone").active = False
    assert auth.authenticate(session, token) is None


def test_users_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "u.db")
    r = runner.invoke(app, ["users", "add", "wang", "--role", "editor", "--db", db])
    assert r.exit_code == 0, r.output
    token = r.stdout.strip()
    assert token.startswith("ps_") and "\n" not in token  # stdout holds the token alone
    store = planscope.open(db)
    with store.session() as s:
        assert auth.authenticate(s, token).name == "wang"
    r = runner.invoke(app, ["users", "list", "--json", "--db", db])
    assert r.exit_code == 0 and '"role": "editor"' in r.stdout and token not in r.stdout
    r = runner.invoke(app, ["users", "add", "x", "--role", "root", "--db", db])
    assert r.exit_code == 1 and "unknown role" in r.output
    r = runner.invoke(app, ["users", "revoke", "wang", "--db", db])
    assert r.exit_code == 0 and "revoked 1" in r.stdout
