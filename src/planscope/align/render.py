"""An alignment as JSON, HTML or XLSX (one function per format; all take the same `Alignment`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planscope.align.indicators import VERDICT_LABELS

if TYPE_CHECKING:
    from planscope.align import Alignment

_HTML = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ a.parent }} — 对标分析 alignment</title>
<style>
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:2em;max-width:1400px}
table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px;
vertical-align:top;font-size:13px}th{background:#f0f0f0}.ln{color:#777;white-space:nowrap}
.covered,.same{background:#e6f4ea}.weak,.looser,.mixed{background:#fff4e0}.not_covered,.parent_only{background:#fde8e8}
.fig{color:#b00}
</style></head><body>
<h1>{{ a.parent }} ⇄ {{ a.children|join("、") }}</h1>
<p>{{ a.parent_source }} vs {% for k, v in a.children.items() %}{{ k }}: {{ v }} {% endfor %}</p>
{% for w in a.warnings %}<p><em>{{ w }}</em></p>{% endfor %}
<h2>指标对标 Indicators</h2>
{% if a.indicators %}<table><tr><th>indicator</th><th>parent base</th><th>parent target</th><th>child</th>
<th>child base</th><th>child target</th><th>verdict</th><th>flags</th></tr>
{% for i in a.indicators %}{% for name, c in i.children.items() %}<tr>
<td>{{ i.canonical }}</td>
<td>{{ i.parent.base.raw if i.parent and i.parent.base else "" }}</td>
<td>{{ i.parent.target.raw if i.parent and i.parent.target else "" }}</td>
<td>{{ name }}{% if c.side %} · {{ c.side.name }}{% if c.side.source == "prose" %} <em>(正文 prose,
line {{ c.side.lines[0] }})</em>{% endif %}{% endif %}</td>
<td>{{ c.side.base.raw if c.side and c.side.base else "" }}</td>
<td>{{ c.side.target.raw if c.side and c.side.target else "" }}</td>
<td class="{{ c.verdict }}">{{ c.verdict|zh }}</td><td>{{ c.flags|join("; ") }}{% if c.explanation %}
<div>{{ c.explanation }}</div>{% endif %}{% if c.effort %}<div>change: {{ c.effort.parent }} vs {{ c.effort.child }}
({{ c.effort.verdict }})</div>{% endif %}</td></tr>
{% endfor %}{% endfor %}</table>{% else %}<p>No indicator tables to compare.</p>{% endif %}
<h2>点名任务 Tasks the parent assigns by name</h2>
<table><tr><th>parent (lines)</th><th>child</th><th>child passage (lines)</th><th>score</th></tr>
{% for t in a.tasks %}<tr><td>{% if t.parent_context %}<small>{{ t.parent_context }}</small><br>{% endif %}
{{ t.parent_text }} <span class="ln">{{ t.parent_lines[0] }}–{{ t.parent_lines[1] }}</span></td>
<td>{{ t.child }}</td><td>{% if t.child_text %}{{ t.child_text }} <span class="ln">{{ t.child_lines[0] }}–{{
t.child_lines[1] }}</span>{% else %}<em>no counterpart found</em>{% endif %}
{% for f in t.figures %}<div class="fig">{{ f.thing }}: {{ f.parent }} (parent) vs {{ f.child }} (child)</div>
{% endfor %}</td><td>{{ "%.2f"|format(t.score) }}</td></tr>{% endfor %}</table>
<h2>章节覆盖 Coverage of the parent's chapters and sections</h2>
<table><tr><th>section</th><th>lines</th><th>child</th><th>verdict</th><th>echoed</th>
<th>best echo (child lines)</th></tr>
{% for c in a.coverage %}<tr>
<td>{{ "　" if c.section.level == 2 else "" }}{{ c.section.number }} {{ c.section.title }}</td>
<td class="ln">{{ c.section.line_start }}–{{ c.section.line_end }}</td><td>{{ c.child }}</td>
<td class="{{ c.verdict }}">{{ c.verdict|zh }}</td><td>{{ "%.0f"|format(c.score * 100) }}%</td>
<td>{% if c.matches %}{{ c.matches[0].child_text[:120] }} <span class="ln">{{ c.matches[0].child_lines[0] }}–{{
c.matches[0].child_lines[1] }}</span>{% endif %}</td></tr>{% endfor %}</table>
</body></html>
"""


def to_json(a: Alignment, indent: int | None = 1) -> str:
    return json.dumps(a.to_json(), ensure_ascii=False, indent=indent)


def to_html(a: Alignment) -> str:
    from jinja2 import Environment

    env = Environment(autoescape=True)
    env.filters["zh"] = lambda v: VERDICT_LABELS.get(v, v)
    return env.from_string(_HTML).render(a=a)


def _lines(x: Any) -> str:
    return f"{x[0]}–{x[1]}" if x else ""


def to_xlsx(a: Alignment, path: str | Path) -> Path:
    """Three sheets: indicators, tasks, coverage. Every row carries its source lines."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "indicators"
    ws.append(["canonical", "parent name", "parent unit", "parent base", "parent target", "parent lines",
               "child", "child name", "child unit", "child base", "child target", "child lines", "child source",
               "verdict", "flags", "explanation", "effort"])
    for i in a.indicators:
        p = i.parent
        for name, c in i.children.items():
            s = c.side
            ws.append([i.canonical, p.name if p else None, p.unit if p else None,
                       p.base.raw if p and p.base else None, p.target.raw if p and p.target else None,
                       _lines(p.lines) if p else None, name, s.name if s else None, s.unit if s else None,
                       s.base.raw if s and s.base else None, s.target.raw if s and s.target else None,
                       _lines(s.lines) if s else None, s.source if s else None, c.verdict, "; ".join(c.flags),
                       c.explanation, f"{c.effort['parent']} vs {c.effort['child']} ({c.effort['verdict']})"
                       if c.effort else None])
    ws = wb.create_sheet("tasks")
    ws.append(["parent text", "parent context", "parent lines", "child", "child text", "child lines", "score",
               "shared terms", "differing figures"])
    for t in a.tasks:
        ws.append([t.parent_text, t.parent_context, _lines(t.parent_lines), t.child, t.child_text,
                   _lines(t.child_lines), t.score, "、".join(t.shared_terms),
                   "; ".join(f"{f['thing']}: {f['parent']} vs {f['child']}" for f in t.figures)])
    ws = wb.create_sheet("coverage")
    ws.append(["level", "number", "title", "lines", "child", "verdict", "echoed share", "mean best score",
               "best child passage", "child lines"])
    for c in a.coverage:
        m = c.matches[0] if c.matches else None
        ws.append([c.section.level, c.section.number, c.section.title,
                   _lines((c.section.line_start, c.section.line_end)), c.child, c.verdict, c.score, c.mean_best,
                   m.child_text if m else None, _lines(m.child_lines) if m else None])
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    path = Path(path)
    wb.save(path)
    return path
