"""Users, roles and API tokens: salted scrypt hashes, tokens shown once, revocation, the audit of each change,
and the `users` CLI."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

import planscope
from pg import module_store_url, pg_server, store_url  # noqa: F401  (fixtures used by name)
from planscope.cli import app
from planscope.store import auth
from planscope.store.schema_entry import ApiToken, AuditEntry, User


@pytest.fixture(scope="module")
def store(module_store_url: str):  # noqa: F811  (parametrised: every test runs on SQLite and on PostgreSQL)
    db = planscope.open(module_store_url)
    yield db
    db.close()


@pytest.fixture
def session(store):
    with store.session() as s:
        yield s
        s.rollback()
        # Some tests commit: empty the auth tables and the audit log so the next test starts from an empty store.
        for model in (ApiToken, User, AuditEntry):
            s.execute(delete(model))
        s.commit()


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
    log = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert [a.action for a in log] == ["create_user", "create_token", "create_token", "set_role", "revoke_token",
                                       "revoke_token"]
    # Revocations are logged in the order the tokens were made, whatever order the database keeps rows in (on
    # PostgreSQL the tokens just touched by authenticate() were rewritten and now come last in a plain scan).
    assert [a.after["key"] for a in log[4:]] == [a.after["key"] for a in log[1:3]]


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
    # Refused alike on both backends (SQLite would store an over-long VARCHAR, PostgreSQL would raise).
    with pytest.raises(auth.AuthError, match="label is too long"):
        auth.create_token(session, "zhang", label="笔" * 201)
    assert auth.create_token(session, "zhang", label="笔" * 200).startswith("ps_")


def test_deactivated_user_cannot_authenticate(session) -> None:
    _, token = auth.add_user(session, "gone", "editor")
    auth.get_user(session, "gone").active = False
    assert auth.authenticate(session, token) is None


def test_users_cli(store_url: str) -> None:  # noqa: F811
    runner = CliRunner()
    db = store_url
    r = runner.invoke(app, ["users", "add", "wang", "--role", "editor", "--db", db])
    assert r.exit_code == 0, r.output
    token = r.stdout.strip()
    assert token.startswith("ps_") and "\n" not in token  # stdout holds the token alone
    with planscope.open(db) as store, store.session() as s:
        assert auth.authenticate(s, token).name == "wang"
    r = runner.invoke(app, ["users", "list", "--json", "--db", db])
    assert r.exit_code == 0 and '"role": "editor"' in r.stdout and token not in r.stdout
    r = runner.invoke(app, ["users", "add", "x", "--role", "root", "--db", db])
    assert r.exit_code == 1 and "unknown role" in r.output
    r = runner.invoke(app, ["users", "revoke", "wang", "--db", db])
    assert r.exit_code == 0 and "revoked 1" in r.stdout
