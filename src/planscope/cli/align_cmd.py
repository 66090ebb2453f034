"""`planscope align PARENT CHILD... [--json | --html FILE | --xlsx FILE] [--db URL]`: city–district alignment of
stored plans (ids or region names: 广州市 花都区) and/or files; mirrors `planscope.align.align_plans`."""

from __future__ import annotations

from pathlib import Path

import typer

from planscope.cli import app
from planscope.cli.common import check_output, clean_errors, console
from planscope.cli.store_cmds import db_option


@app.command()
def align(
    parent: str = typer.Argument(..., help="The parent (city) plan: a stored plan id, a region name (广州市), "
                                           "or a file path."),
    children: list[str] = typer.Argument(..., help="One or more child (district) plans: ids, region names or "
                                                   "file paths."),
    as_json: bool = typer.Option(False, "--json", help="Print the alignment as JSON."),
    html: Path | None = typer.Option(None, "--html", help="Write an HTML report to this file."),
    xlsx: Path | None = typer.Option(None, "--xlsx", help="Write an XLSX workbook to this file."),
    no_coverage: bool = typer.Option(False, "--no-coverage", help="Skip the section coverage (faster)."),
    db: str | None = db_option(),
) -> None:
    """Compare a parent plan with its children's: indicators side by side, tasks assigned by name, coverage."""
    from planscope.align import align_plans, render

    with clean_errors():
        check_output(html, xlsx)
        a = align_plans(db, parent, children, with_coverage=not no_coverage)
        if html:
            html.write_text(render.to_html(a), encoding="utf-8")
        if xlsx:
            render.to_xlsx(a, xlsx)
    if as_json:
        typer.echo(render.to_json(a))
        return
    if html or xlsx:
        for p in (html, xlsx):
            if p:
                console.print(f"wrote {p}", highlight=False)
        return
    _summary(a)


def _summary(a) -> None:  # a: Alignment
    from collections import Counter

    console.print(f"[bold]{a.parent}[/bold] ⇄ {'、'.join(a.children)}", highlight=False)
    for w in a.warnings:
        console.print(f"[yellow]{w}[/yellow]", highlight=False)
    if a.indicators:
        console.print("indicators: " + ", ".join(f"{k} {v}" for k, v in Counter(i.verdict for i in a.indicators)
                                                 .most_common()), highlight=False)
    matched = [t for t in a.tasks if t.child_text]
    console.print(f"tasks named for the child: {len(a.tasks)}, matched: {len(matched)}", highlight=False)
    for t in matched:
        figs = "".join(f"  [red]{f['thing']}: {f['parent']} vs {f['child']}[/red]" for f in t.figures)
        console.print(f"  {t.parent_lines[0]}: {t.parent_text[:40]} → {t.child} {t.child_lines[0]}–"
                      f"{t.child_lines[1]} ({t.score:.2f}){figs}", highlight=False)
    if a.coverage:
        console.print("coverage: " + ", ".join(f"{k} {v}" for k, v in Counter(c.verdict for c in a.coverage)
                                               .most_common()), highlight=False)
