"""`planscope extract PATH... --json`: the extraction contract, straight from files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from planscope.cli import app
from planscope.cli.common import console, err_console


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Documents to read (.txt, .html, .pdf, .docx)."),
    as_json: bool = typer.Option(False, "--json", help="Print the contract JSON (default: a summary)."),
) -> None:
    """Read documents and print what was found in them, without touching the store."""
    from planscope.ingest import IngestError
    from planscope.parse import extract as run

    results, failed = [], False
    for p in paths:
        try:
            ex = run(p)
            results.append(ex.to_json())
            for w in ex.warnings:
                err_console.print(f"[yellow]warning:[/yellow] {p}: {w}", highlight=False)
        except IngestError as e:
            failed = True
            results.append({"source": p.name, "error": e.problem})
            err_console.print(f"[red]error:[/red] {e}", highlight=False)
        except Exception as e:
            failed = True
            results.append({"source": p.name, "error": f"could not parse: {type(e).__name__}: {e}"})
            err_console.print(f"[red]error:[/red] {p}: could not parse: {type(e).__name__}: {e}", highlight=False)
    if as_json:
        out = results[0] if len(paths) == 1 else results
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for r in results:
            if "error" in r:
                continue
            d = r["document"]
            console.print(f"[bold]{r['source']}[/bold]: {d['title']} · {d['region']} · {d['kind']} · "
                          f"{d['period']} · {len(r['outline'])} headings · {len(r['indicator_tables'])} tables · "
                          f"{len(r['targets'])} targets · {len(r['observations'])} observations")
    if failed:
        raise typer.Exit(1)
