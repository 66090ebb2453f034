"""`planscope search QUERY`: full-text search over the store (mirrors planscope.search.fulltext.search).

Also `--related ID` (passages of other plans similar to paragraph ID, as search results print it) and
`--reindex` (rebuild the index of a store made before it existed).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import typer
from rich.text import Text

from planscope.cli import app
from planscope.cli.common import clean_errors, console, err_console, fail
from planscope.cli.store_cmds import db_option

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def _rich_snippet(snippet: str) -> Text:
    """The HTML snippet as terminal text: marks in bold yellow, entities unescaped."""
    out, pos = Text(), 0
    for m in _MARK.finditer(snippet):
        out.append(html.unescape(snippet[pos:m.start()]))
        out.append(html.unescape(m.group(1)), style="bold yellow")
        pos = m.end()
    out.append(html.unescape(snippet[pos:]))
    return out


def _where(h: Any) -> Text:
    lines = f"{h.line_start}" if h.line_start == h.line_end else f"{h.line_start}–{h.line_end}"
    return Text.assemble((f"[{h.plan_id}] ", "dim"), (h.region or "", "cyan"), " ", (h.title or h.file_name, "bold"),
                         (f"  line {lines}", "green"), (f"  ¶{h.paragraph_id}", "dim"))


@app.command()
def search(
    query: str = typer.Argument("", help="Words to find (all of them; A OR B for either; \"…\" for a phrase). "
                                         "Traditional characters are converted to simplified."),
    db: str | None = db_option(),
    region: str | None = typer.Option(None, "--region", help="Only this region (and the regions below it)."),
    plan: str | None = typer.Option(None, "--plan", help="Only this plan (id, or region name → its latest plan)."),
    kind: str | None = typer.Option(None, "--kind", help="Only documents of this kind (five_year_plan, …)."),
    chapter: str | None = typer.Option(None, "--chapter", help="Only under headings matching this (第三章, 绿色)."),
    limit: int = typer.Option(20, "--limit", min=1, max=200, help="How many results."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many results (paging)."),
    related: int | None = typer.Option(None, "--related", metavar="PARAGRAPH",
                                       help="Instead: paragraphs of other plans similar to this paragraph id (¶)."),
    reindex: bool = typer.Option(False, "--reindex", help="Rebuild the full-text index, then search (if QUERY)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON: {\"results\": [...]}."),
) -> None:
    """Full-text search of every stored document: ranked paragraphs with their plan, lines and a snippet."""
    with clean_errors():
        from planscope.store import open as open_store

        store = open_store(db)
        if reindex:
            n = store.reindex()
            err_console.print(f"indexed {n} paragraphs", highlight=False)
        if related is not None:
            rel = store.related(related, k=limit, region=region, plan=plan, kind=kind)
            if as_json:
                typer.echo(json.dumps({"results": [r.to_json() for r in rel]}, ensure_ascii=False, indent=1))
                return
            for r in rel:
                console.print(Text.assemble((f"[{r.plan_id}] ", "dim"), (r.region or "", "cyan"), " ",
                                            (r.title or "", "bold"), (f"  line {r.line_start}", "green"),
                                            (f"  score {r.score:.2f}  ", "dim"), (" ".join(r.shared[:6]), "yellow")))
                console.print(Text(r.text[:200] + ("…" if len(r.text) > 200 else "")), highlight=False)
            if not rel:
                err_console.print("no related passages found", highlight=False)
            return
        if not query.strip():
            if reindex:
                return
            raise fail("give words to search for (planscope search 绿道)")
        hits = store.search(query, region=region, plan=plan, kind=kind, chapter=chapter, limit=limit, offset=offset)
        if as_json:
            typer.echo(json.dumps({"query": query, "results": [h.to_json() for h in hits]}, ensure_ascii=False,
                                  indent=1))
            return
        if not hits:
            err_console.print(f"no paragraphs match {query!r}", highlight=False)
            return
        for h in hits:
            console.print(_where(h), highlight=False)
            if h.section_path:
                console.print(Text(" › ".join(h.section_path), style="dim"), highlight=False)
            console.print(_rich_snippet(h.snippet), highlight=False)
            console.print()
