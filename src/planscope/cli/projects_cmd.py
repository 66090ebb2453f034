"""`planscope projects PLAN [--json | --xlsx FILE] [--mentions] [--check]` and
`planscope projects status PLAN ID --set 在建 --by NAME [--note TEXT]`.

The first prints the plan's major projects as a tree (groups, items, totals with 总投资 / 期内投资 and unit),
the status of each and the subtotal check; the second sets a project's status by hand (audited).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import typer
from rich.tree import Tree

from planscope.cli import app
from planscope.cli.common import clean_errors, console, fail
from planscope.cli.store_cmds import db_option


def num(v: Any) -> str:
    """An amount as printed (Decimals exactly, JSON numbers without float noise)."""
    if v is None:
        return ""
    d = Decimal(str(v))
    return format(d.normalize() if d == d.to_integral_value() else d, "f")


def counts_line(items: int, by_status: dict[str, int]) -> str:
    """共 224 项，其中储备 220 项、在建 4 项: the register's size in words, not a Python dict."""
    parts = "、".join(f"{status or '状态未知'} {n} 项" for status, n in by_status.items())
    return f"共 {items} 项，其中{parts}" if parts else f"共 {items} 项"


def _echo(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=1, default=str))


def _label(node: dict[str, Any]) -> str:
    if node.get("kind") == "box":
        return f"[bold]{node['name']}[/bold]"
    money = []
    if node.get("total_investment") is not None:
        money.append(f"总投资 {num(node['total_investment'])}")
    if node.get("period_investment") is not None:
        money.append(f"期内投资 {num(node['period_investment'])}")
    amount = f" — {' / '.join(money)} {node.get('unit') or ''}".rstrip() if money else ""
    seq = f"{node['seq']} " if node.get("seq") else ""
    name = f"[bold]{seq}{node['name']}[/bold]" if node.get("kind") != "item" else f"{seq}{node['name']}"
    status = f" [cyan]{node['status_now']}[/cyan]" if node.get("kind") == "item" else ""
    lines = node.get("lines") or []
    span = f"{lines[0]}-{lines[-1]}" if lines and lines[-1] != lines[0] else (str(lines[0]) if lines else "")
    where = f" [dim]({node['id']}, 行 {span})[/dim]"
    bad = "".join(f" [red]✗ {c['column']}: 列明 {num(c['stated'])}，合计 {num(c['computed'])}[/red]"
                  for c in node.get("checks") or [])
    return f"{name}{amount}{status}{where}{bad}"


def _add(tree: Tree, node: dict[str, Any], mentions: bool) -> None:
    branch = tree.add(_label(node))
    if mentions:
        for mn in node.get("mentions") or []:
            branch.add(f"[green]{mn['year']} {mn['status'] or '-'}[/green] {mn['source']} 行 {mn['line']}: "
                       f"{mn['text'][:80]}")
    for child in node.get("children", []):
        _add(branch, child, mentions)


@app.command()
def projects(
    args: list[str] = typer.Argument(..., help="PLAN (region name or plan id), or: status PLAN ID."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    xlsx: str | None = typer.Option(None, "--xlsx", help="Write the register to this Excel file."),
    mentions: bool = typer.Option(False, "--mentions", help="Show what later reports say of each project."),
    check: bool = typer.Option(False, "--check", help="Only the subtotal check; exit 1 when a figure disagrees."),
    set_: str | None = typer.Option(None, "--set", help="With status: the status to set (储备/新开工/在建/竣工 …)."),
    by: str | None = typer.Option(None, "--by", help="With status: who sets it (audited)."),
    note: str | None = typer.Option(None, "--note", help="With status: why (e.g. the source)."),
    db: str | None = db_option(),
) -> None:
    """The major-projects register: projects of a plan, their totals and check, status over time."""
    from planscope.monitor.projects import ProjectRegister
    from planscope.store import open as open_store

    with clean_errors():
        reg = ProjectRegister(open_store(db))
        if args[0] == "status" and len(args) == 3:
            if not set_:
                history = reg.history(args[1], args[2])
                if as_json:
                    _echo({"id": args[2], "history": history})
                for h in [] if as_json else history:
                    console.print(f"{h['at']} {h['by']}: {h['status']} {h['note'] or ''}", highlight=False)
                return
            if not by:
                raise fail("status needs --by NAME (who sets it)")
            e = reg.set_status(args[1], args[2], set_, by=by, note=note)
            if as_json:
                _echo(e.to_json(mentions=False))
            else:
                console.print(f"{e.key} {e.project.name}: {e.status} (by {by})", highlight=False)
            return
        if len(args) != 1:
            raise fail("give one PLAN (or: status PLAN ID --set STATUS --by NAME)")
        view = reg.view(args[0], mentions=mentions or as_json or bool(xlsx))
        data = view.to_json(mentions=mentions or as_json)
        if check:
            if as_json:
                _echo({"plan": data["plan"], "checks": data["checks"]})
            elif not view.checks:
                console.print(f"plan {view.plan_id}: every subtotal agrees with its rows "
                              f"({len(view.totals())} group/total rows checked)", highlight=False)
            for c in view.checks:
                console.print(f"[red]✗[/red] {c['name']} (行 {c['lines'][0]}-{c['lines'][1]}) {c['column']}: "
                              f"列明 {num(c['stated'])}，各行合计 {num(c['computed'])}", highlight=False)
            if view.checks:
                raise typer.Exit(1)
            return
        if xlsx:
            _write_xlsx(xlsx, data)
            console.print(f"wrote {len(data['projects'])} projects to {xlsx}", highlight=False)
            return
        if as_json:
            _echo(data)
            return
        tree = Tree(f"[bold]规划 {view.plan_id} {view.region or ''} 重大项目[/bold]"
                    f"（{counts_line(data['summary']['items'], data['summary']['by_status'])}）")
        for node in data["tree"]:
            _add(tree, node, mentions)
        console.print(tree, highlight=False)
        if view.checks:
            console.print(f"[red]{len(view.checks)} subtotal(s) disagree with their rows[/red] (--check)")


def _write_xlsx(path: str, data: dict[str, Any]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "projects"
    head = ["id", "parent_id", "kind", "level", "seq", "name", "group", "total_investment", "period_investment",
            "unit", "confidence", "lines", "status_now", "status_source", "mentions"]
    ws.append(head)
    for p in data["projects"]:
        ws.append([p.get("id"), p.get("parent_id"), p.get("kind"), p.get("level"), p.get("seq"), p["name"],
                   " > ".join(p.get("group") or []), num(p.get("total_investment")) or None,
                   num(p.get("period_investment")) or None, p.get("unit"), p.get("confidence"),
                   "-".join(map(str, p.get("lines") or [])), p.get("status_now"), p.get("status_source"),
                   "\n".join(f"{m['year']} {m['status'] or ''} {m['source']}:{m['line']} {m['text']}"
                             for m in p.get("mentions") or [])])
    checks = wb.create_sheet("checks")
    checks.append(["table", "name", "lines", "column", "stated", "computed", "difference"])
    for c in data["checks"]:
        checks.append([c.get("table"), c["name"], "-".join(map(str, c["lines"])), c["column"], num(c["stated"]),
                       num(c["computed"]), num(c["difference"])])
    wb.save(path)
