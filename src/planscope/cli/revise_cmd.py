"""`planscope revise`: revisions of a plan's targets and base values, and annual plans' own targets.

    planscope revise 广州市 --indicator 5 --target 3.8左右 --reason "中期评估调整" --effective 2023-06-01 --by zhao
    planscope revise 广州市 --indicator 5 --base 3.1 --reason "统计数据修订" --by zhao
    planscope revise history 广州市 [--indicator 5]          # every revision, document versions included, audit
    planscope observe target 花都区 --indicator 1 --year 2025 --value 5左右 --source "2025年计划" --by wang
    planscope observe target 花都区 --file targets.csv --by wang   # indicator, year, value|目标值, source, note

A revised city target lists the district rows of the same indicator with their alignment verdict before and
after. Mirrors planscope.monitor.revisions (revise, history) and store.entries (set_annual_target, import).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from planscope.cli import app
from planscope.cli.common import clean_errors, console, err_console, fail
from planscope.cli.observe_cmd import observe_app
from planscope.cli.store_cmds import db_option


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from planscope.store import open as open_store

    return open_store(db)


@app.command(context_settings={"allow_interspersed_args": True})
def revise(
    plan: str = typer.Argument(..., help="Plan id or region name; or `history` followed by the plan."),
    history_plan: str | None = typer.Argument(None, help="With `history`: the plan whose revisions to list."),
    indicator: str | None = typer.Option(None, "--indicator", help="seq, name, or row:ID of the plan's table."),
    target: str | None = typer.Option(None, "--target", help="The new five-year target (6左右, ≥88, 3.8)."),
    base: str | None = typer.Option(None, "--base", help="The new base value."),
    reason: str | None = typer.Option(None, "--reason", help="Why it changed (recorded and shown in reports)."),
    effective: str | None = typer.Option(None, "--effective", help="Date it takes force, e.g. 2023-06-01 "
                                                                   "(default: from the start)."),
    source: str | None = typer.Option(None, "--source", help="The decision or document behind it."),
    by: str | None = typer.Option(None, "--by", help="Who records it."),
    db: str | None = db_option(),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Revise a target or base value (with reason and effective date), or list a plan's revision history."""
    if plan == "history":
        if not history_plan:
            raise fail("usage: planscope revise history PLAN [--indicator …]")
        _history(history_plan, indicator, db, as_json)
        return
    if history_plan:
        raise fail(f"unexpected argument {history_plan!r}")
    if (target is None) == (base is None):
        raise fail("give exactly one of --target VALUE or --base VALUE")
    if not indicator:
        raise fail("--indicator is required (seq, name or row:ID)")
    if not by:
        raise fail("who is recording this? (--by NAME)")
    from planscope.monitor.revisions import revise as do_revise

    with clean_errors():
        res = do_revise(_open(db), plan, indicator, target if target is not None else str(base),
                        role="target" if target is not None else "base", reason=reason, effective=effective,
                        by=by, source=source)
    if as_json:
        typer.echo(json.dumps(res.to_json(), ensure_ascii=False, indent=1))
        return
    r = res.record
    what = "target" if r["role"] == "target" else "base"
    since = f" from {r['effective']}" if r["effective"] else ""
    console.print(f"{res.status} {what} of {r['indicator']}: {r.get('before') or '—'} → {r['raw']}{since} "
                  f"(revision {r['id']})", highlight=False)
    if res.cascade:
        t = Table(title="dependent district targets")
        for col in ("district", "row", "district target", "city before → after", "verdict before → after"):
            t.add_column(col, overflow="fold")
        for c in res.cascade:
            mark = " (changed)" if c.changed else ""
            t.add_row(c.child, c.child_name or "", c.child_target or "", f"{c.parent_before} → {c.parent_after}",
                      f"{c.verdict_before} → {c.verdict_after}{mark}")
        console.print(t)


def _history(plan: str, indicator: str | None, db: str | None, as_json: bool) -> None:
    from planscope.monitor.revisions import history

    with clean_errors():
        h = history(_open(db), plan, indicator)
    if as_json:
        typer.echo(json.dumps(h, ensure_ascii=False, indent=1))
        return
    if not h["revisions"]:
        err_console.print("no revisions recorded", highlight=False)
        return
    t = Table()
    for col in ("id", "indicator", "role", "year", "before", "value", "effective", "reason", "origin", "by", "state"):
        t.add_column(col, overflow="fold")
    for r in h["revisions"]:
        state = "current" if r["current"] else f"superseded by {r['superseded_by']}"
        t.add_row(str(r["id"]), f"{r['seq'] or ''} {r['indicator']}".strip(), r["role"], str(r["year"]),
                  r.get("before") or "", r["raw"], r.get("effective") or "", r.get("reason") or "",
                  r.get("origin") or "", r["entered_by"], state)
    console.print(t)
    for r in h["revisions"]:
        for a in r["audit"]:
            before = a["before"]["raw"] if a["before"] else "—"
            console.print(f"[dim]{a['at']} {a['actor']} {a['action']} revision {a['record_id']}: "
                          f"{before} → {a['after']['raw']}[/dim]", highlight=False)


@observe_app.command("target")
def annual_target(plan: str = typer.Argument(..., help="Plan id or region name."),
                  indicator: str | None = typer.Option(None, "--indicator", help="seq, name, or row:ID."),
                  year: int | None = typer.Option(None, "--year", help="The year of the annual plan."),
                  value: str | None = typer.Option(None, "--value", help="The year's own target (5左右, 9540)."),
                  file: Path | None = typer.Option(None, "--file", help="Import a .csv/.xlsx instead: indicator, "
                                                                        "year, value (or 目标值), source, note."),
                  source: str | None = typer.Option(None, "--source", help="The annual plan it comes from."),
                  note: str | None = typer.Option(None, "--note"),
                  by: str = typer.Option(..., "--by", help="Who enters it."),
                  db: str | None = db_option(), as_json: bool = typer.Option(False, "--json")) -> None:
    """Enter an annual plan's own target for a year (年度计划目标); evaluation re-plans the other years."""
    from planscope.store import entries

    if file is None and (indicator is None or year is None or value is None):
        raise fail("give --indicator, --year and --value, or --file FILE")
    with clean_errors(), _open(db).session() as s:
        if file is not None:
            if not file.is_file():
                raise FileNotFoundError(f"no such file: {file}")
            report = entries.import_annual_targets(s, plan, file, by=by)
            s.commit()
            out: Any = report.to_json()
            text = f"{file.name}: " + ", ".join(f"{v} {k}" for k, v in report.summary().items())
        else:
            res = entries.set_annual_target(s, plan, indicator or "", year, value, by=by, source=source, note=note)
            s.commit()
            out = res.to_json()
            r = res.record
            text = f"{res.status} annual target {r['indicator']} {r['year']} = {r['raw']} (revision {r['id']})"
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    console.print(text, highlight=False)
