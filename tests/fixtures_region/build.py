"""A region the project never saw: 岚州市 (a fictional prefecture-level city), its 十四五 plan, the plans of two of
its districts/counties (青溪区, 白石县) and its 2023 and 2024 plan-execution reports.

The texts are kept as UTF-8 sources beside this module (one paragraph per line; a table between `<<TABLE` and
`TABLE>>`, tab-separated, an empty first cell continuing the category above). `build_all` writes them in the
formats a planning office receives: the city plan as DOCX (a Word table with merged category cells), the
district plan as a web page with navigation, share widgets and a footer, the county plan as a PDF (weasyprint,
ruled table), the 2023 report as GB18030 text and the 2024 report as UTF-8 text with a tab-separated table.
Nothing binary is committed.
"""

from __future__ import annotations

import html
from pathlib import Path

HERE = Path(__file__).resolve().parent
Block = str | list[list[str]]  # a paragraph, or a table (header row first)

# source file -> name of the built file
FILES = {
    "city_plan.txt": "lanzhou_14th.docx",
    "qingxi_plan.txt": "qingxi_14th.html",
    "baishi_plan.txt": "baishi_14th.pdf",
    "report_2023.txt": "lanzhou_report_2023.txt",
    "report_2024.txt": "lanzhou_report_2024.txt",
}


def blocks(source: str) -> list[Block]:
    out: list[Block] = []
    table: list[list[str]] | None = None
    for line in (HERE / source).read_text(encoding="utf-8").splitlines():
        if line == "<<TABLE":
            table = []
        elif line == "TABLE>>":
            out.append(table or [])
            table = None
        elif table is not None:
            table.append(line.split("\t"))
        else:
            out.append(line)
    return out


def table_rows(source: str) -> list[list[str]]:
    """The (first) table of a source: header row first, as written (empty category cells left empty)."""
    return next(b for b in blocks(source) if isinstance(b, list))


def _category_spans(rows: list[list[str]]) -> dict[int, int]:
    """{row index: rows spanned} for a first column whose empty cells continue the category above."""
    if rows[0][0] != "类别":
        return {}
    starts = [i for i, r in enumerate(rows) if i > 0 and r[0]]
    return {s: (starts[k + 1] if k + 1 < len(starts) else len(rows)) - s for k, s in enumerate(starts)}


def _html_table(rows: list[list[str]]) -> str:
    spans = _category_spans(rows)
    out = []
    for i, r in enumerate(rows):
        tag = "th" if i == 0 else "td"
        cells = []
        for j, c in enumerate(r):
            if j == 0 and spans and i > 0:
                if i not in spans:
                    continue
                cells.append(f'<td rowspan="{spans[i]}">{html.escape(c)}</td>')
                continue
            cells.append(f"<{tag}>{html.escape(c)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(out) + "</table>"


def _html_body(source: str) -> str:
    return "\n".join(f"<p>{html.escape(b)}</p>" if isinstance(b, str) else _html_table(b)
                     for b in blocks(source)[1:])


def build_docx(source: str, path: Path) -> Path:
    import docx

    doc = docx.Document()
    for b in blocks(source):
        if isinstance(b, str):
            doc.add_paragraph(b)
            continue
        t = doc.add_table(rows=len(b), cols=len(b[0]))
        t.style = "Table Grid"
        for i, r in enumerate(b):
            for j, c in enumerate(r):
                if c:
                    t.cell(i, j).text = c
        for start, n in _category_spans(b).items():
            if n > 1:
                t.cell(start, 0).merge(t.cell(start + n - 1, 0))
    doc.save(str(path))
    return path


def build_html(source: str, path: Path) -> Path:
    title = blocks(source)[0]
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_岚州市青溪区人民政府门户网站</title>
<script>var _hmt = _hmt || [];</script><style>td{{border:1px solid #000}}</style></head>
<body>
<div class="top">无障碍浏览 | 长者模式 | 登录 | 注册</div>
<nav><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/ghjh">规划计划</a></nav>
<div class="article">
<h1>{title}</h1>
<div class="info">发布时间：2021-04-12 09:30 来源：青溪区发展和改革局 浏览次数：1288</div>
<div class="tools">【字体：大 中 小】【打印】【关闭】</div>
<div class="share">分享到：微信 微博 QQ空间</div>
{_html_body(source)}
</div>
<div class="related">相关链接：<a href="/a">国务院</a> <a href="/b">东岭省人民政府</a></div>
<footer>主办单位：岚州市青溪区人民政府办公室 版权所有 网站标识码：4401000001 备案号：东ICP备12345678号</footer>
</body></html>
"""
    path.write_text(page, encoding="utf-8")
    return path


def build_pdf(source: str, path: Path) -> Path:
    import weasyprint

    title = blocks(source)[0]
    page = f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 2cm; @bottom-center {{ content: "— " counter(page) " —"; }} }}
body {{ font-family: "WenQuanYi Micro Hei"; font-size: 11pt; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 0.6pt solid #000; padding: 2pt 3pt; }}
</style></head><body><h1 style="font-size:14pt">{html.escape(title)}</h1>
{_html_body(source)}
</body></html>"""
    weasyprint.HTML(string=page).write_pdf(str(path))
    return path


def build_text(source: str, path: Path, encoding: str) -> Path:
    lines = []
    for b in blocks(source):
        lines.extend([b] if isinstance(b, str) else ["\t".join(r) for r in b])
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def build_all(d: Path) -> dict[str, Path]:
    """Write the five documents into `d`; {source name: path}."""
    out = {
        "city_plan.txt": build_docx("city_plan.txt", d / FILES["city_plan.txt"]),
        "qingxi_plan.txt": build_html("qingxi_plan.txt", d / FILES["qingxi_plan.txt"]),
        "baishi_plan.txt": build_pdf("baishi_plan.txt", d / FILES["baishi_plan.txt"]),
        "report_2023.txt": build_text("report_2023.txt", d / FILES["report_2023.txt"], "gb18030"),
        "report_2024.txt": build_text("report_2024.txt", d / FILES["report_2024.txt"], "utf-8"),
    }
    return out
