"""Store verbs: ingest, plans, show, indicators, figures, regions. Each mirrors a call of planscope.open(...).

`--db URL` (or a SQLite file path) on every verb, else PLANSCOPE_DB, else ./planscope.db. Progress and
per-file errors go to stderr, results to stdout (so `--json` output can be piped).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.cells import cell_len
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from planscope.cli import app
from planscope.cli.common import check_output, clean_errors, console, err_console, fail

PROGRESS_FROM = 3  # files: fewer than this load without a progress bar
PER_FILE_TABLE_UP_TO = 40  # files: more than this get a summary by status instead of one row per file


def db_option() -> Any:
    """The --db option, shared by every verb that reads or writes the store (other CLI modules may reuse it)."""
    return typer.Option(None, "--db", envvar="PLANSCOPE_DB", show_envvar=True,
                        help="Database URL (sqlite:///x.db, postgresql+psycopg://…) or SQLite file path "
                             "(default: ./planscope.db).")


def _open(db: str | None):  # type: ignore[no-untyped-def]
    from planscope.store import open as open_store

    return open_store(db)


def _echo_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders (folders are searched recursively)."),
    db: str | None = db_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the ingest report as JSON."),
    workers: int | None = typer.Option(None, "--workers", min=1, help="Parse on a local Dask cluster of N worker "
                                                                      "processes (needs the `scale` extra)."),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS",
                                         help="Parse on a running Dask cluster (tcp://host:8786); the files must be "
                                              "on a filesystem the workers share."),
) -> None:
    """Load documents into the store: one transaction per file; unchanged files are skipped by content hash."""
    from planscope.store.api import ERROR, FileResult, collect_files

    with clean_errors():
        store = _open(db)
        files, _ = collect_files(paths)

        def load_all(progress: Any) -> Any:
            if workers is None and scheduler is None:
                return store.ingest(paths, progress=progress)
            try:  # bulk ingest on Dask: workers parse, this process writes (see planscope.scale)
                from planscope.scale import bulk_ingest
            except ImportError as e:  # pragma: no cover - the extra is installed in development
                raise fail(f"--workers/--scheduler need the scale extra (pip install 'planscope[scale]'): {e}") \
                    from None
            return bulk_ingest(store, paths, workers=workers or 2, scheduler=scheduler, progress=progress)

        def report_error(result: FileResult, printer: Any) -> None:
            if result.status == ERROR:
                printer.print(f"[red]error:[/red] {result.path}: {result.message}", highlight=False, soft_wrap=True)

        if len(files) >= PROGRESS_FROM:
            with Progress(TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          TextColumn("{task.description}"), console=err_console, transient=True) as bar:
                task = bar.add_task("", total=len(files))

                def step(result: FileResult, done: int, total: int) -> None:
                    report_error(result, bar.console)
                    bar.update(task, completed=done, description=Path(result.path).name)

                report = load_all(step)
        else:
            report = load_all(lambda r, _d, _t: report_error(r, err_console))
        for r in report.files:  # paths that were not files at all (never reached the progress callback)
            if r.status == ERROR and not Path(r.path).is_file():
                report_error(r, err_console)
        if as_json:
            _echo_json(report.to_json())
        else:
            _print_report(store, report)
        if not report.ok:
            raise fail("nothing could be read" if report.files else "no files given")


def _print_report(store: Any, report: Any) -> None:
    if len(report.files) <= PER_FILE_TABLE_UP_TO:
        titles = {d.id: d.title for d in store.documents(include_old_versions=True)}
        t = Table(title="ingest", title_justify="left")
        for col in ("file", "status", "id", "title / message"):
            t.add_column(col, overflow="fold")
        style = {"loaded": "green", "new_version": "cyan", "unchanged": "dim", "error": "red"}
        for r in report.files:
            note = r.message if r.status == "error" else (titles.get(r.document_id) or "")
            if r.status == "new_version":
                note = f"{note} (new version of {r.version_of})".strip()
            t.add_row(Path(r.path).name, Text(r.status, style=style.get(r.status, "")),
                      str(r.document_id or ""), note)
        console.print(t)
    s = report.summary()
    console.print(f"{s['loaded']} loaded, {s['new_version']} new versions, {s['unchanged']} unchanged, "
                  f"{s['error']} failed", highlight=False)


def _period(p: Any) -> str:
    return f"{p[0]}–{p[1]}" if p else ""


PLAN_COUNTS = ("headings", "tables", "indicators", "targets", "observations")
TITLE_MIN_WIDTH = 16
# Columns of `planscope plans`, most important first: on a narrow terminal the tail is dropped rather than every
# column squeezed (rich would otherwise shrink the id column to nothing, and the id is what the other verbs take).
PLAN_COLUMNS = ("id", "region", "title", "period", "kind", "indicators", "tables", "parent", "targets",
                "observations", "headings")


def _plan_columns(rows: list[dict[str, str]], width: int) -> list[str]:
    """The PLAN_COLUMNS that fit in `width` cells, in display order (title gets at least TITLE_MIN_WIDTH)."""
    from rich.markup import render as render_markup

    def need(col: str) -> int:  # content width + padding and border
        if col == "title":
            return TITLE_MIN_WIDTH + 3
        return max([cell_len(col)] + [cell_len(render_markup(r[col]).plain) for r in rows]) + 3

    chosen, used = [], 1
    for col in PLAN_COLUMNS:
        if col in ("id", "region", "title") or used + need(col) < width:  # rich keeps a cell spare
            chosen.append(col)
            used += need(col)
    order = ("id", "region", "title", "kind", "period", "parent", *PLAN_COUNTS)
    return [c for c in order if c in chosen]


@app.command()
def plans(
    db: str | None = db_option(),
    all_documents: bool = typer.Option(False, "--all", help="List every stored document, not only plans."),
    versions: bool = typer.Option(False, "--versions", help="Include superseded versions."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List stored plans with their ids (an id or a region name is what the other verbs take as PLAN)."""
    with clean_errors():
        store = _open(db)
        items = (store.documents if all_documents else store.plans)(include_old_versions=versions)
        if as_json:
            _echo_json([p.to_json() for p in items])
            return
        if not items:
            n = len(store.documents(include_old_versions=True))
            hint = f" among {n} stored documents (`planscope plans --all` lists them)" if n else \
                " (store is empty: `planscope ingest PATH`)"
            err_console.print(f"no plans{hint}", highlight=False)
            return
        rows = []
        for p in items:
            c = p.counts
            title = escape(p.title) if p.title else f"[dim]{escape(p.file_name)}[/dim]"
            if not p.current:
                title += f" [dim](v{p.version}, superseded)[/dim]"
            elif p.version > 1:
                title += f" [dim](v{p.version})[/dim]"
            rows.append({"id": str(p.id), "region": escape(p.region or ""), "title": title, "kind": p.kind,
                         "period": _period(p.period), "parent": str(p.parent_plan_id or ""),
                         **{k: str(c[k]) for k in PLAN_COUNTS}})
        columns = _plan_columns(rows, console.width)
        t = Table()
        for col in columns:
            if col == "title":
                t.add_column(col, overflow="fold", ratio=1, min_width=TITLE_MIN_WIDTH)
            else:
                t.add_column(col, justify="left" if col in ("region", "kind", "period") else "right",
                             no_wrap=col != "kind", overflow="fold")
        for r in rows:
            t.add_row(*(r[col] for col in columns))
        console.print(t)


@app.command()
def show(
    plan: str = typer.Argument(..., help="Plan id (see `planscope plans`) or region name (its latest five-year plan)."),
    db: str | None = db_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON (outline, tables, figures …)."),
) -> None:
    """Show a plan's outline as a tree with line numbers."""
    with clean_errors():
        view = _open(db).plan(plan)
        if as_json:
            _echo_json(view.to_json())
            return
        s = view.summary()
        root = Tree(Text.assemble((f"[{s.id}] ", "dim"), (s.title or s.file_name, "bold"),
                                  (f"  {s.region or ''} {_period(s.period)}", "dim")))
        headings, parents = view.outline(), view.outline_parents()
        nodes: list[Tree] = []
        for h, parent in zip(headings, parents, strict=True):
            label = Text.assemble((f"{h.span.line_start:>5} ", "dim"), (f"{h.number} " if h.number else "", "cyan"),
                                  h.title)
            nodes.append((nodes[parent] if parent is not None else root).add(label))
        console.print(root)
        if not headings:
            err_console.print("no headings found in this document", highlight=False)


def _value_cell(v: Any) -> str:
    return v.raw if v is not None else ""


@app.command()
def indicators(
    plan: str = typer.Argument(..., help="Plan id or region name."),
    db: str | None = db_option(),
    table: int | None = typer.Option(None, "--table", min=1, help="Which indicator table (1 = first) "
                                                                   "(default: the main one)."),
    as_json: bool = typer.Option(False, "--json", help="Print the table as JSON."),
    csv_file: Path | None = typer.Option(None, "--csv", help="Write the table to this CSV file."),
    xlsx_file: Path | None = typer.Option(None, "--xlsx", help="Write the table to this XLSX file."),
    explain: str | None = typer.Option(None, "--explain", metavar="SEQ",
                                       help="Show the source lines of row SEQ next to what was parsed from them."),
) -> None:
    """The plan's indicator table (the main one unless --table)."""
    from planscope.store.export import flat_rows, write_csv, write_xlsx

    with clean_errors():
        check_output(csv_file, xlsx_file)
        view = _open(db).plan(plan)
        index = table - 1 if table is not None else None
        if explain is not None:
            _explain(view, explain, index, as_json)
            return
        t = view.indicators(index)
        if t is None:
            raise fail(f"plan {view.id} has no indicator table" + _warning_hint(view))
        if csv_file:
            write_csv(t, csv_file)
            err_console.print(f"wrote {len(t.rows)} rows to {csv_file}", highlight=False)
        if xlsx_file:
            write_xlsx(t, xlsx_file)
            err_console.print(f"wrote {len(t.rows)} rows to {xlsx_file}", highlight=False)
        if as_json:
            _echo_json(t.to_json())
        elif not (csv_file or xlsx_file):
            header, rows = flat_rows(t)
            # Columns empty in every row (parent_name in most tables) only take width from the ones that matter.
            keep = [i for i, _ in enumerate(header) if any(r[i] not in (None, "") for r in rows)] or \
                list(range(len(header)))
            header, rows = [header[i] for i in keep], [[r[i] for i in keep] for r in rows]
            rt = Table(title=f"{t.title or 'indicator table'}  (lines {t.span.line_start}–{t.span.line_end})",
                       title_justify="left")
            for col in header:
                rt.add_column(col.replace("line_start", "from").replace("line_end", "to"), overflow="fold")
            for row in rows:
                rt.add_row(*("" if c is None else str(c) for c in row))
            console.print(rt)
            for n in t.notes:
                console.print(f"[dim]{n}[/dim]", highlight=False)


def _warning_hint(view: Any) -> str:
    w = view.warnings()
    return f" ({w[0]})" if w else ""


def _explain(view: Any, seq: str, index: int | None, as_json: bool) -> None:
    found = view.explain(seq, index)
    if as_json:
        _echo_json([e.to_json() for e in found])
        return
    for e in found:
        r = e.row
        grid = Table(title=f"{e.table_title or 'indicator table'} · row {r.seq}", title_justify="left",
                     show_lines=False)
        grid.add_column("source lines (as in the file)", overflow="fold")
        grid.add_column("parsed", overflow="fold")
        src = Text()
        for n, line in e.source:
            src.append(f"{n:>5} ", style="dim")
            src.append(line + "\n")
        parsed = Text()
        for label, val in (("category", r.category), ("seq", r.seq), ("name", r.name),
                           ("parent", r.parent_name), ("unit", r.unit), ("attribute", r.attribute)):
            if val is not None:
                parsed.append(f"{label}: ", style="bold")
                parsed.append(f"{val}\n")
        for v in r.values:
            parsed.append(f"{v.role}{' ' + str(v.year) if v.year else ''}: ", style="bold")
            parsed.append(f"{v.raw}")
            if v.parsed is not None:
                parsed.append(f"  → {json.dumps(v.parsed.to_json(), ensure_ascii=False)}", style="cyan")
            parsed.append("\n")
        grid.add_row(src, parsed)
        console.print(grid)


@app.command()
def figures(
    plan: str = typer.Argument(..., help="Plan id or region name."),
    db: str | None = db_option(),
    kind: str | None = typer.Option(None, "--kind", help="target or observation (default: both)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON: {targets: [...], observations: [...]}."),
) -> None:
    """Quantities stated in the plan's prose: the targets it sets and the observations it reports."""
    with clean_errors():
        if kind not in (None, "target", "observation"):
            raise fail(f"--kind must be target or observation, not {kind!r}")
        view = _open(db).plan(plan)
        figs = view.figures(kind)
        if as_json:
            _echo_json({"plan": view.id,
                        "targets": [f.to_json() for f in figs if f.kind == "target"],
                        "observations": [f.to_json() for f in figs if f.kind == "observation"]})
            return
        if not figs:
            err_console.print(f"no {kind or 'target or observation'}s found in plan {view.id}", highlight=False)
            return
        t = Table()
        for col in ("kind", "line", "indicator", "raw", "value", "unit", "qualifier", "measure", "year"):
            t.add_column(col, overflow="fold")
        for f in figs:
            t.add_row(f.kind, str(f.span.line_start), f.indicator, f.raw, "" if f.value is None else str(f.value),
                      f.unit or "", str(f.qualifier or ""), str(f.measure), str(f.year or ""))
        console.print(t)


@app.command()
def regions(
    db: str | None = db_option(),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The region hierarchy built from the stored documents (广州市 ⊃ 花都区 …)."""
    with clean_errors():
        forest = _open(db).regions()
        if as_json:
            _echo_json([n.to_json() for n in forest])
            return
        if not forest:
            err_console.print("no regions stored yet", highlight=False)
            return
        root = Tree("regions")

        def add(parent: Tree, node: Any) -> None:
            branch = parent.add(Text.assemble(node.name, (f"  {node.level or ''} #{node.id}", "dim")))
            for c in node.children:
                add(branch, c)

        for n in forest:
            add(root, n)
        console.print(root)
