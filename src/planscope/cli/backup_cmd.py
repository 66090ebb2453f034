"""`planscope export FILE` and `planscope import FILE`: the whole store as one portable archive (store/backup.py).

    planscope export backup.jsonl.gz --db plans.db
    planscope import backup.jsonl.gz --db postgresql+psycopg://…/new     # into an empty store
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from planscope.cli import app
from planscope.cli.common import check_output, clean_errors, err_console
from planscope.cli.store_cmds import db_option


def _summary(verb: str, report) -> None:  # type: ignore[no-untyped-def]
    tables = sum(1 for n in report.rows.values() if n)
    err_console.print(f"{verb} {report.total:,} rows of {tables} tables (schema {report.revision}): {report.path}",
                      highlight=False)


@app.command("export")
def export(file: Path = typer.Argument(..., help="Archive to write (JSON lines; gzip when it ends in .gz)."),
           db: str | None = db_option(),
           as_json: bool = typer.Option(False, "--json", help="Print the row counts as JSON.")) -> None:
    """Write the whole store (documents, facts, entered values, audit history, users and token hashes) to FILE."""
    from planscope.store import open as open_store
    from planscope.store.backup import export_store

    with clean_errors():
        check_output(file)
        store = open_store(db)
        try:
            report = export_store(store, file)
        finally:
            store.close()
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    _summary("exported", report)


@app.command("import")
def import_(file: Path = typer.Argument(..., help="Archive written by `planscope export`."),
            db: str | None = db_option(),
            as_json: bool = typer.Option(False, "--json", help="Print the row counts as JSON.")) -> None:
    """Load an archive into an EMPTY store (SQLite or PostgreSQL); all or nothing."""
    from planscope.store import open as open_store
    from planscope.store.backup import import_store

    with clean_errors():
        store = open_store(db)
        try:
            report = import_store(store, file)
        finally:
            store.close()
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    _summary("imported", report)
