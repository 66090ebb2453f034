"""`planscope catalog list|show ID|unmatched PATH...`: the indicator catalogue and name matching."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from planscope.cli import app
from planscope.cli.common import clean_errors, console

catalog_app = typer.Typer(no_args_is_help=True, help="The indicator catalogue: canonical indicators and matching.")
app.add_typer(catalog_app, name="catalog")

_CATALOG_OPT = typer.Option(None, "--catalog", "-c", help="A user catalogue file (YAML or CSV) merged over the "
                            "shipped one; repeatable.")


def _load(files: list[Path] | None) -> Any:
    from planscope.catalog import load_catalogue

    return load_catalogue(*(files or []))


@catalog_app.command("list")
def list_(
    category: str | None = typer.Option(None, "--category", help="Only this category (economy, green, …)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    catalog: list[Path] | None = _CATALOG_OPT,
) -> None:
    """List the canonical indicators."""
    with clean_errors():
        inds = [i for i in _load(catalog) if category is None or i.category == category]
    if as_json:
        typer.echo(json.dumps([i.to_json() for i in inds], ensure_ascii=False, indent=1))
        return
    t = Table()
    t.add_column("id", no_wrap=True)  # never cut: it is what `show` needs
    for col in ("name", "unit", "measure", "direction", "category", "synonyms"):
        t.add_column(col)
    for i in inds:
        t.add_row(i.id, i.name, i.unit, i.measure, i.direction, i.category, str(len(i.synonyms)))
    console.print(t)
    console.print(f"{len(inds)} indicators")


@catalog_app.command("show")
def show(
    indicator_id: str = typer.Argument(..., help="An indicator id (see `planscope catalog list`)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    catalog: list[Path] | None = _CATALOG_OPT,
) -> None:
    """Everything the catalogue knows about one indicator."""
    with clean_errors():
        ind = _load(catalog)[indicator_id]
    data = ind.to_json()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for k, v in data.items():
        if v not in (None, "", [], False):
            console.print(f"[bold]{k}[/bold]: {', '.join(v) if isinstance(v, list) else v}", highlight=False)


def _names(data: Any) -> Iterator[dict[str, Any]]:
    """Indicator names in a contract JSON (extract --json) or a gold-style file ({"rows": [{"name"}]})."""
    for doc in data if isinstance(data, list) else [data]:
        if not isinstance(doc, dict):
            continue
        for t in doc.get("indicator_tables", []):
            for r in t.get("rows", []):
                yield {"name": r.get("name"), "parent": r.get("parent_name"), "unit": r.get("unit"), "where": "table"}
        for kind in ("targets", "observations"):
            for o in doc.get(kind, []):
                yield {"name": o.get("indicator"), "unit": o.get("unit"), "measure": o.get("measure"), "where": kind}
        for r in doc.get("rows", []):
            yield {"name": r.get("name") or r.get("indicator"), "parent": r.get("parent_name"),
                   "unit": r.get("unit"), "measure": r.get("measure"), "where": "rows"}


def _read(path: Path) -> Any:
    if path.suffix.lower() == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    from planscope.parse import extract

    return extract(path).to_json()


@catalog_app.command("unmatched")
def unmatched(
    paths: list[Path] = typer.Argument(..., help="Documents, or JSON from `planscope extract --json`."),
    show_all: bool = typer.Option(False, "--all", help="List matched names too, with their ids."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    catalog: list[Path] | None = _CATALOG_OPT,
) -> None:
    """Indicator names in documents that match no canonical indicator (for review), and the coverage."""
    out: list[dict[str, Any]] = []
    with clean_errors():
        cat = _load(catalog)
        for p in paths:
            if not p.is_file():
                raise FileNotFoundError(f"no such file: {p}")
            names = [n for n in _names(_read(p)) if n.get("name")]
            results = [(n, cat.match(n["name"], parent=n.get("parent"), unit=n.get("unit"),
                                     measure=n.get("measure"))) for n in names]
            out.append({"source": p.name, "names": len(results), "matched": sum(r.matched for _, r in results),
                        "results": [{**r.to_json(), "where": n["where"], "parent": n.get("parent")}
                                    for n, r in results if show_all or not r.matched]})
    if as_json:
        typer.echo(json.dumps(out if len(out) > 1 else out[0], ensure_ascii=False, indent=1))
        return
    for doc in out:
        console.print(f"[bold]{doc['source']}[/bold]: {doc['matched']}/{doc['names']} names matched",
                      highlight=False)
        for r in doc["results"]:
            target = r["id"] or "/".join(r["parts"]) or "—"
            console.print(f"  [{r['where']}] {r['name']} → {target} ({r['score']}: {r['reason']})", highlight=False)
