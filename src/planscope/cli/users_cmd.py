"""`planscope users add NAME --role editor` (prints the token once), `users list`, `users token NAME`,
`users revoke NAME`, `users role NAME ROLE`: who may write through the API."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from planscope.cli import app
from planscope.cli.common import clean_errors, console, err_console
from planscope.cli.store_cmds import db_option

users_app = typer.Typer(no_args_is_help=True, help="Users, roles (viewer, editor, admin) and API tokens.")
app.add_typer(users_app, name="users")

ACTOR_HELP = "Who is making this change (recorded in the audit log)."


def _session(db: str | None):  # type: ignore[no-untyped-def]
    from planscope.store import open as open_store

    return open_store(db).session()


def _print_token(token: str) -> None:
    typer.echo(token)  # stdout, alone, so it can be captured: `TOKEN=$(planscope users add ...)`
    err_console.print("[yellow]This token is shown once and cannot be recovered; store it now.[/yellow]",
                      highlight=False)


@users_app.command("add")
def add(name: str = typer.Argument(..., help="User name."),
        role: str = typer.Option("viewer", "--role", help="viewer, editor or admin."),
        label: str | None = typer.Option(None, "--label", help="What the token is for."),
        by: str = typer.Option("cli", "--by", help=ACTOR_HELP),
        db: str | None = db_option()) -> None:
    """Create a user and print their first API token (once)."""
    from planscope.store import auth

    with clean_errors(), _session(db) as s:
        user, token = auth.add_user(s, name, role, actor=by, label=label)
        s.commit()
        err_console.print(f"created user {user.name} ({user.role})", highlight=False)
        _print_token(token)


@users_app.command("token")
def token(name: str = typer.Argument(...), label: str | None = typer.Option(None, "--label"),
          by: str = typer.Option("cli", "--by", help=ACTOR_HELP), db: str | None = db_option()) -> None:
    """Make another token for a user (printed once)."""
    from planscope.store import auth

    with clean_errors(), _session(db) as s:
        t = auth.create_token(s, name, label=label, actor=by)
        s.commit()
        _print_token(t)


@users_app.command("revoke")
def revoke(name: str = typer.Argument(...), by: str = typer.Option("cli", "--by", help=ACTOR_HELP),
           db: str | None = db_option()) -> None:
    """Revoke every token of a user."""
    from planscope.store import auth

    with clean_errors(), _session(db) as s:
        n = auth.revoke_tokens(s, name, actor=by)
        s.commit()
        console.print(f"revoked {n} token(s) of {name}", highlight=False)


@users_app.command("role")
def role(name: str = typer.Argument(...), new_role: str = typer.Argument(..., metavar="ROLE"),
         by: str = typer.Option("cli", "--by", help=ACTOR_HELP), db: str | None = db_option()) -> None:
    """Change a user's role."""
    from planscope.store import auth

    with clean_errors(), _session(db) as s:
        u = auth.set_role(s, name, new_role, actor=by)
        s.commit()
        console.print(f"{u.name} is now {u.role}", highlight=False)


@users_app.command("list")
def list_users(db: str | None = db_option(), as_json: bool = typer.Option(False, "--json")) -> None:
    """Users with their roles and number of live tokens (tokens themselves are never shown)."""
    from planscope.store import auth

    with clean_errors(), _session(db) as s:
        users = auth.list_users(s)
    if as_json:
        typer.echo(json.dumps([u.to_json() for u in users], ensure_ascii=False, indent=1))
        return
    if not users:
        err_console.print("no users yet (`planscope users add NAME --role editor`)", highlight=False)
        return
    t = Table()
    for col in ("id", "name", "role", "active", "tokens", "created"):
        t.add_column(col)
    for u in users:
        t.add_row(str(u.id), u.name, u.role, "yes" if u.active else "no", str(u.tokens), u.created_at)
    console.print(t)
