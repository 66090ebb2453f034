"""Monitoring verbs: `planscope evaluate PLAN` (a report file, or JSON on stdout) and `planscope status PLAN`.

Both mirror planscope.monitor.service: build_evaluation / final_evaluation / plan_status. PLAN is a plan id or a
region name (that region's latest five-year plan). Progress goes to stderr, so JSON on stdout can be piped.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from planscope.cli import app
from planscope.cli.common import check_output, check_year, clean_errors, console, err_console, fail
from planscope.cli.store_cmds import db_option

FORMATS = ("html", "pdf", "xlsx", "json")
STATUS_STYLE = {"achieved": "green", "on_track": "green", "lagging": "yellow", "at_risk": "red",
                "not_achieved": "red", "qualitative": "cyan", "no_data": "dim"}


@contextmanager
def _steps(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A transient spinner on stderr naming the step under way (reading, matching, assessing, rendering)."""
    if not enabled:
        yield lambda _m: None
        return
    with err_console.status("评估中…") as status:
        yield lambda message: status.update(f"{message}…")


@app.command()
def evaluate(
    plan: str = typer.Argument(..., help="Plan id (see `planscope plans`) or region name (花都区)."),
    year: int | None = typer.Option(None, "--year", "-y", help="Year to evaluate (default: latest year with data)."),
    fmt: str = typer.Option("json", "--format", "-f", help="html | pdf | xlsx | json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (json: stdout when omitted)."),
    final: bool = typer.Option(False, "--final", help="A final evaluation (终期评估), whatever the year."),
    completion: bool = typer.Option(False, "--completion",
                                    help="Final evaluation of the previous plan from this plan's completion table."),
    db: str | None = db_option(),
) -> None:
    """Evaluate a plan: status of every main indicator with its method, explanation and sources."""
    from planscope.report import render
    from planscope.report.jsonout import to_json_text

    fmt = fmt.lower().strip()
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if output is None and fmt != "json":
        raise fail(f"--format {fmt} writes a file: give it with -o FILE")
    with clean_errors():
        check_output(output)
        store = _open(db)
        if not completion:
            check_year(store.plan(plan).summary().period, year)
        with _steps(fmt != "json" or output is not None) as step:
            if completion:
                from planscope.monitor.service import final_evaluation

                step("读取完成情况表")
                report = final_evaluation(store, plan)
            else:
                from planscope.monitor.service import build_evaluation

                report = build_evaluation(store, plan, year, "final" if final else None, progress=step)
            if output is None:
                _echo(to_json_text(report))
                return
            step(f"生成{fmt.upper()}")
            render(report, fmt, output)
    counts = "、".join(f"{k} {v}" for k, v in (report.summary.by_status if report.summary else {}).items())
    console.print(f"wrote {output} ({len(report.indicators)} indicators: {counts})", highlight=False)


@app.command()
def status(
    plan: str = typer.Argument(..., help="Plan id (see `planscope plans`) or region name (花都区)."),
    year: int | None = typer.Option(None, "--year", "-y", help="Year to assess (default: latest year with data)."),
    as_json: bool = typer.Option(False, "--json", help="Print the statuses as JSON (with sources and notes)."),
    db: str | None = db_option(),
) -> None:
    """Status of each main indicator in a year: target, actual, status and why."""
    import json

    from planscope.monitor.service import default_year, plan_status

    with clean_errors():
        store = _open(db)
        summary = store.plan(plan).summary()
        check_year(summary.period, year)
        with _steps(not as_json) as step:
            if year is None:
                year = default_year(store, summary.id)
            rows = plan_status(store, plan, year, progress=step)
        if as_json:
            _echo(json.dumps({"year": year, "indicators": [r.to_json() for r in rows]}, ensure_ascii=False,
                                  indent=1, default=str))
            return
        if not rows:
            raise fail(f"plan {plan} has no main indicator table to assess")
    table = Table(title=f"{plan} {year}年指标监测", show_lines=True)
    for col in ("#", "indicator", "target", "actual", "status", "explanation"):
        table.add_column(col, overflow="fold")
    for r in rows:
        e = r.evaluation
        actual = e.actuals.get(year) or (e.actuals[max(e.actuals)] if e.actuals else None)
        actual_text = ""
        if actual is not None:
            actual_text = f"{actual.raw or actual.value}"
            if e.unit and re.fullmatch(r"[-+]?[\d.,]+", actual_text):  # a table cell prints no unit
                actual_text += e.unit
            if actual.line:
                actual_text += f"\n({actual.source} L{actual.line})" if actual.source else f"\n(L{actual.line})"
        table.add_row(e.seq, e.name + (f" ({e.unit})" if e.unit else ""), e.target.raw if e.target else "",
                      actual_text, Text(e.status_label, style=STATUS_STYLE.get(str(e.status), "")), e.explanation)
    console.print(table)


def _echo(text: str) -> None:
    """Print to stdout; a reader that stops early (`| head`) is not an error."""
    try:
        typer.echo(text)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at interpreter exit


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from planscope.store import open as open_store

    return open_store(db)
