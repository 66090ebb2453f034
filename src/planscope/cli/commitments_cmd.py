"""`planscope commitments PLAN [--silent] [--place P] [--department D] [--json]` and
`planscope commitments assign ID --department D --due 2025 --by NAME [--plan PLAN]`.

The first lists a plan's commitments with their owners and what the stored reports of the same region and
period say about each; the second assigns a department and due year to a commitment (by id) or an indicator
(by seq or name), with an audit row per change. `planscope commitments audit PLAN` prints the trail and
`planscope commitments departments PLAN` what each department owns.
"""

from __future__ import annotations

import json
from typing import Any

import typer

from planscope.cli import app
from planscope.cli.common import clean_errors, console, fail
from planscope.cli.store_cmds import db_option

_VERBS = ("assign", "audit", "departments")


def _echo(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


@app.command()
def commitments(
    args: list[str] = typer.Argument(..., help="PLAN (region name or plan id), or: assign ID | audit PLAN | "
                                                "departments PLAN."),
    silent: bool = typer.Option(False, "--silent", help="Only commitments no stored report mentions."),
    place: str | None = typer.Option(None, "--place", help="Only commitments naming this place (新华街, 狮岭镇)."),
    department: str | None = typer.Option(None, "--department", help="Filter by (or, with assign, set) the "
                                                                      "responsible department."),
    due: int | None = typer.Option(None, "--due", help="With assign: the year the task is due."),
    by: str | None = typer.Option(None, "--by", help="With assign: who makes the assignment (audited)."),
    plan: str | None = typer.Option(None, "--plan", help="With assign: the plan the id belongs to."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    db: str | None = db_option(),
) -> None:
    """The commitments register: each task the plan promises, who owns it, what later reports say about it."""
    from planscope.monitor.commitments_register import CommitmentRegister
    from planscope.store import open as open_store

    with clean_errors():
        reg = CommitmentRegister(open_store(db))
        verb = args[0] if len(args) > 1 and args[0] in _VERBS else None
        if verb == "assign":
            if department is None and due is None:
                raise fail("assign needs --department and/or --due")
            if not by:
                raise fail("assign needs --by NAME (who makes the assignment)")
            target_plan = plan or _plan_of(reg, args[1])
            owner = reg.assign(target_plan, args[1], department=department, due_year=due, by=by)
            if as_json:
                _echo({"id": args[1], "owner": owner.to_json()})
            else:
                console.print(f"{args[1]}: {owner.department or '-'} due {owner.due_year or '-'} "
                              f"(by {owner.assigned_by})", highlight=False)
            return
        if verb == "audit":
            rows = reg.audit(args[1])
            if as_json:
                _echo({"audit": rows})
            else:
                for r in rows:
                    console.print(f"{r['at']} {r['by']}: {r['target']} {r['field']} {r['old']} → {r['new']}",
                                  highlight=False)
            return
        if verb == "departments":
            owned = reg.by_department(args[1])
            if as_json:
                _echo(owned)
            else:
                for d, ks in owned.items():
                    console.print(f"{d}: {', '.join(ks)}", highlight=False)
            return
        if len(args) != 1:
            raise fail("give one PLAN (or: assign ID, audit PLAN, departments PLAN)")
        view = reg.view(args[0])
        entries = view.filter(place=place, department=department, silent=silent, register=reg.places)
    if as_json:
        _echo(view.to_json(entries))
        return
    _print(view, entries)


def _plan_of(reg: Any, cid: str) -> str:
    """The five-year plan holding commitment `cid` when --plan is not given (an error when several do)."""
    holders = []
    for p in reg.db.plans():
        if p.kind != "five_year_plan":
            continue
        _, cs = reg.commitments(p.id)
        if any(c.id == cid for c in cs):
            holders.append(p)
    if len(holders) != 1:
        where = ", ".join(f"{p.id} ({p.region})" for p in holders) or "no stored five-year plan"
        raise LookupError(f"commitment {cid!r} is in {where}: give --plan PLAN")
    return str(holders[0].id)


def _print(view: Any, entries: list[Any]) -> None:
    reports = ", ".join(r["source"] for r in view.reports) or "no stored reports of this region and period"
    console.print(f"[bold]plan {view.plan_id}[/bold] {view.region or ''}: {len(entries)} commitment(s); "
                  f"reports: {reports}; silent: {len(view.silent())}", highlight=False)
    for e in entries:
        c = e.commitment
        owner = f" [{e.owner.department or '-'} {e.owner.due_year or ''}]" if e.owner else ""
        states = ", ".join(f"{m.year} {m.state or 'mentioned'} (l.{m.line}, {m.score:.2f})" for m in e.mentions[:3])
        console.print(f"{c.id} {c.span.line_start}–{c.span.line_end} {c.path[-1][:40]}{owner}"
                      f"{' — ' + states if states else ' — silent'}", highlight=False)
