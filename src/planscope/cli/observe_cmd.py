"""`planscope observe add|import|history`: actual values entered by people, with an audit trail.

    planscope observe add 花都区 --indicator 1 --year 2024 --value 3.0 --source "2024年统计公报" --by wang
    planscope observe import values.xlsx --plan 花都区 --by wang   # indicator, year, value, unit, source, note
    (a name that is no indicator of the plan is refused with the nearest names, unless --allow-unlinked)
    planscope observe history 花都区 --indicator 1                   # every value ever entered, corrections included
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from planscope.cli import app
from planscope.cli.common import clean_errors, console, err_console
from planscope.cli.store_cmds import db_option

observe_app = typer.Typer(no_args_is_help=True, help="Enter, import and trace actual values of indicators.")
app.add_typer(observe_app, name="observe")


def _session(db: str | None):  # type: ignore[no-untyped-def]
    from planscope.store import open as open_store

    return open_store(db).session()


def _describe(res: Any) -> str:
    r = res.record
    what = f"{r['indicator']} {r['year']} = {r['raw']}{r['unit'] or ''}"
    if getattr(res, "converted", None):  # entered in another unit than the row's: say what is stored
        what += f" (stored as {res.converted.split(' = ')[-1]})"
    if res.status == "corrected":
        return f"corrected {what} (record {r['id']} supersedes {r['supersedes_id']})"
    return f"{res.status} {what} (record {r['id']})"


@observe_app.command("add")
def add(plan: str = typer.Argument(..., help="Plan id or region name."),
        indicator: str = typer.Option(..., "--indicator", help="seq, name, or row:ID of the plan's main table."),
        year: int = typer.Option(..., "--year"),
        value: str = typer.Option(..., "--value", help="Exact decimal: 3.0, 1860.06."),
        unit: str | None = typer.Option(None, "--unit", help="Unit of the value (default: the row's unit)."),
        source: str | None = typer.Option(None, "--source", help="Where the number comes from."),
        note: str | None = typer.Option(None, "--note"),
        by: str = typer.Option(..., "--by", help="Who is entering it (recorded with the value and in the audit)."),
        allow_unlinked: bool = typer.Option(False, "--allow-unlinked",
                                            help="Store a name that matches no indicator of the plan under that "
                                                 "name (default: refuse it and suggest the nearest names)."),
        db: str | None = db_option(), as_json: bool = typer.Option(False, "--json")) -> None:
    """Enter one value. A different value for the same indicator and year supersedes the old one (kept)."""
    from planscope.monitor import entry_guard

    with clean_errors(), _session(db) as s:
        res, how = entry_guard.add_observation(s, plan, indicator, year, value, by=by, unit=unit, source=source,
                                               note=note, allow_unlinked=allow_unlinked)
        s.commit()
    if as_json:
        out = res.to_json()
        if how.unmatched is not None:
            out["unlinked"] = how.unmatched.to_json()
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    console.print(_describe(res), highlight=False)
    if how.via_catalogue is not None:
        err_console.print(f"note: {indicator!r} matched {how.via_catalogue.row} through the indicator catalogue",
                          highlight=False)
    elif not res.linked:
        near = f" (nearest: {'、'.join(how.unmatched.suggestions)})" if how.unmatched and how.unmatched.suggestions \
            else ""
        err_console.print(f"note: {indicator!r} is not a row of the plan's indicator tables; stored unlinked under "
                          f"that name{near}", highlight=False)


@observe_app.command("import")
def import_file(file: Path = typer.Argument(..., help="A .csv or .xlsx with columns indicator, year, value, unit, "
                                                      "source, note."),
                plan: str = typer.Option(..., "--plan", help="Plan id or region name."),
                by: str = typer.Option(..., "--by", help="Who is importing (recorded with each value)."),
                allow_unlinked: bool = typer.Option(False, "--allow-unlinked",
                                                    help="Store rows whose indicator matches no indicator of the "
                                                         "plan under the name as written (default: refuse the "
                                                         "file and list every such row with suggestions)."),
                db: str | None = db_option(), as_json: bool = typer.Option(False, "--json")) -> None:
    """Import values from a file: all rows are checked first, and one bad row imports nothing. A row whose
    indicator matches no indicator of the plan is a bad row unless --allow-unlinked."""
    from planscope.monitor import entry_guard
    from planscope.store import entries

    with clean_errors():
        if not file.is_file():
            raise FileNotFoundError(f"no such file: {file}")
        with _session(db) as s:
            try:
                guarded = entry_guard.import_observations(s, plan, file, by=by, allow_unlinked=allow_unlinked)
            except entry_guard.UnlinkedIndicators as e:
                for u in e.unmatched:
                    err_console.print(f"[red]row {u.line}:[/red] {u.message()}", highlight=False, soft_wrap=True)
                raise
            except entries.ImportFileError as e:
                for n, msg in e.problems:
                    err_console.print(f"[red]row {n}:[/red] {msg}", highlight=False, soft_wrap=True)
                raise
            s.commit()
    report = guarded.report
    if as_json:
        typer.echo(json.dumps(guarded.to_json(), ensure_ascii=False, indent=1))
        return
    for u in guarded.unlinked:
        err_console.print(f"note: row {u.line}: {u.message()}; stored unlinked under that name", highlight=False,
                          soft_wrap=True)
    for c in guarded.via_catalogue:
        err_console.print(f"note: row {c.line}: {c.name!r} matched {c.row} through the indicator catalogue",
                          highlight=False, soft_wrap=True)
    for res in report.results:
        if res.status != "unchanged":
            console.print(_describe(res), highlight=False)
    sm = report.summary()
    console.print(f"{file.name}: {sm['created']} new, {sm['corrected']} corrected, {sm['unchanged']} unchanged",
                  highlight=False)


@observe_app.command("history")
def history(plan: str = typer.Argument(..., help="Plan id or region name."),
            indicator: str | None = typer.Option(None, "--indicator", help="seq, name or row:ID (default: all)."),
            db: str | None = db_option(), as_json: bool = typer.Option(False, "--json")) -> None:
    """Every value entered for the plan (or one indicator): corrections, who, when, and before/after."""
    from planscope.store import entries

    with clean_errors(), _session(db) as s:
        h = entries.observation_history(s, plan, indicator)
    if as_json:
        typer.echo(json.dumps(h, ensure_ascii=False, indent=1))
        return
    if not h["entries"]:
        err_console.print("nothing entered yet", highlight=False)
        return
    t = Table()
    for col in ("id", "indicator", "year", "value", "unit", "source", "by", "at", "state"):
        t.add_column(col, overflow="fold")
    for e in h["entries"]:
        state = "current" if e["current"] else f"superseded by {e['superseded_by']}"
        if e["supersedes_id"]:
            state += f" (corrects {e['supersedes_id']})"
        t.add_row(str(e["id"]), f"{e['seq'] or ''} {e['indicator']}".strip(), str(e["year"]), e["raw"],
                  e["unit"] or "", e["source"] or "", e["entered_by"], e["entered_at"] or "", state)
    console.print(t)
    for e in h["entries"]:
        for a in e["audit"]:
            before = a["before"]["raw"] if a["before"] else "—"
            console.print(f"[dim]{a['at']} {a['actor']} {a['action']} record {a['record_id']}: "
                          f"{before} → {a['after']['raw']}[/dim]", highlight=False)
