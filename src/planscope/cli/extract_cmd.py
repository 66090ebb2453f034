"""`planscope extract PATH... --json`: the extraction contract, straight from files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from planscope.cli import app
from planscope.cli.common import console, err_console


def _expand(paths: list[Path]) -> list[Path]:
    """Each file as given, and the supported files under each folder (recursive, sorted, hidden ones skipped), as
    `planscope ingest` reads folders. A folder with none stays in the list so it is reported as an error."""
    from planscope.ingest import SUPPORTED_SUFFIXES

    out: list[Path] = []
    for p in paths:
        if not p.is_dir():
            out.append(p)
            continue
        found = [f for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                 and not any(part.startswith(".") for part in f.relative_to(p).parts)]
        out.extend(found or [p])
    return out


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Documents to read (.txt, .html, .pdf, .docx), or folders of them."),
    as_json: bool = typer.Option(False, "--json", help="Print the contract JSON (default: a summary)."),
) -> None:
    """Read documents and print what was found in them, without touching the store."""
    from planscope.ingest import SUPPORTED_SUFFIXES, IngestError
    from planscope.parse import extract as run

    files = _expand(paths)
    results, failed = [], False
    for p in files:
        try:
            if p.is_dir():
                raise IngestError(str(p), f"no supported files ({', '.join(SUPPORTED_SUFFIXES)}) in this folder")
            ex = run(p)
            results.append(ex.to_json())
            for w in ex.warnings:
                err_console.print(f"[yellow]warning:[/yellow] {p}: {w}", highlight=False, soft_wrap=True)
        except IngestError as e:
            failed = True
            results.append({"source": p.name, "error": e.problem})
            err_console.print(f"[red]error:[/red] {e}", highlight=False, soft_wrap=True)
        except Exception as e:
            failed = True
            results.append({"source": p.name, "error": f"could not parse: {type(e).__name__}: {e}"})
            err_console.print(f"[red]error:[/red] {p}: could not parse: {type(e).__name__}: {e}", highlight=False,
                              soft_wrap=True)
    if as_json:
        # One object for one file; an array for several paths or a folder (the contract's rule, folders included).
        out = results[0] if len(paths) == 1 and not paths[0].is_dir() else results
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for r in results:
            if "error" in r:
                continue
            d = r["document"]
            period = "–".join(map(str, d["period"])) if d.get("period") else "period unknown"
            console.print(f"[bold]{r['source']}[/bold]: {d['title'] or 'untitled'} · {d['region'] or 'region unknown'}"
                          f" · {d['kind']} · {period} · {len(r['outline'])} headings · "
                          f"{len(r['indicator_tables'])} tables · {len(r['targets'])} targets · "
                          f"{len(r['observations'])} observations", highlight=False)
    if failed:
        raise typer.Exit(1)
