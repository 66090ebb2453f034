"""Builds test documents at test time (nothing binary is committed): HTML, DOCX, PDF, GB18030/Big5 text,
and broken files. Every builder writes into the directory it is given and returns the path."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# A small plan-like table with merged cells: 类别 spans three rows, 属性 spans two.
TABLE_HTML = """
<table border="1">
  <tr><th>类别</th><th>序号</th><th>指标</th><th>单位</th><th>2025年目标值</th><th>属性</th></tr>
  <tr><td rowspan="3">经济<br>发展</td><td>1</td><td>地区生产总值年均增长</td><td>%</td><td>6左右</td>
      <td rowspan="2">预期性</td></tr>
  <tr><td>2</td><td>人均地区生产总值</td><td>万元</td><td>18</td></tr>
  <tr><td>3</td><td>单位地区生产总值能耗降低</td><td>%</td><td>[14]</td><td>约束性</td></tr>
  <tr><td colspan="2">合计</td><td>三项</td><td></td><td></td><td></td></tr>
</table>
"""


def write_html(dirpath: Path, name: str = "plan.html", encoding: str = "utf-8", meta: str | None = None) -> Path:
    meta_tag = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    html = f"""<!DOCTYPE html><html><head>{meta_tag}<title>某区国民经济和社会发展第十四个五年规划纲要</title>
<style>.x {{ color: red }}</style><script>var headerBg = 1;</script></head>
<body><header><div>网站首页 | 政务公开</div></header><nav><a href="/">首页</a></nav>
<h1>某区国民经济和社会发展第十四个五年规划纲要</h1>
<div class="meta">发布日期:2021-07-07 13:57&nbsp;&nbsp;文章来源:某区发展和改革局 【字体: 大 中 小】 访问量: 12</div>
<p>第一章&nbsp;发展基础</p>
<p>“十三五”时期，全区经济持续健康发展。<br>地区生产总值年均增长6.5%。</p>
<p>专栏1 主要指标</p>
{TABLE_HTML}
<p>注：[ ]为五年累计数。</p>
<footer>版权所有 某区人民政府</footer>
</body></html>"""
    path = dirpath / name
    path.write_bytes(html.encode(encoding))
    return path


def write_docx(dirpath: Path, name: str = "plan.docx") -> Path:
    """Paragraphs, a table with a vertically merged category cell and a horizontal merge, then more text."""
    import docx

    d = docx.Document()
    d.add_paragraph("第一章 发展基础")
    d.add_paragraph("“十三五”时期，全区经济持续健康发展。")
    d.add_paragraph("专栏1 主要指标")
    t = d.add_table(rows=4, cols=5)
    rows = [["类别", "序号", "指标", "2025年", "属性"],
            ["经济发展", "1", "地区生产总值年均增长", "6左右", "预期性"],
            ["", "2", "人均地区生产总值", "18", "预期性"],
            ["合计", "", "两项", "", ""]]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    t.cell(1, 0).merge(t.cell(2, 0))  # 经济发展 spans rows 1-2
    t.cell(3, 0).merge(t.cell(3, 1))  # 合计 spans two columns
    d.add_paragraph("注：[ ]为五年累计数。")
    d.add_paragraph("第二章 总体要求")
    path = dirpath / name
    d.save(str(path))
    return path


def write_pdf(dirpath: Path, name: str = "plan.pdf", rows: int = 60) -> Path:
    """A PDF (weasyprint, CJK font) whose ruled table is long enough to break across pages."""
    from weasyprint import HTML

    body = "".join(
        f"<tr><td>{i}</td><td>指标名称第{i}项</td><td>万元</td><td>{i * 10}.5</td><td>预期性</td></tr>"
        for i in range(1, rows + 1)
    )
    prose = "“十四五”时期是全面建设社会主义现代化国家新征程的第一个五年，全区要坚持稳中求进工作总基调。" * 3
    footer = '@bottom-center { content: "— " counter(page) " —"; font-family: "WenQuanYi Micro Hei"; }'
    html = f"""<html><head><style>
@page {{ size: A4; margin: 2cm; {footer} }}
body {{ font-family: "WenQuanYi Micro Hei"; font-size: 12pt; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid black; padding: 2px 6px; }}
</style></head><body>
<p>第一章 发展基础</p><p>{prose}</p><p>专栏1 主要指标</p>
<table><thead><tr><th>序号</th><th>指标</th><th>单位</th><th>目标值</th><th>属性</th></tr></thead>
<tbody>{body}</tbody></table>
<p>第二章 总体要求</p><p>坚持以人民为中心的发展思想。</p></body></html>"""
    path = dirpath / name
    HTML(string=html).write_pdf(str(path))
    return path


def write_encoded(dirpath: Path, text: str, encoding: str, name: str) -> Path:
    """`text` in `encoding`; characters the encoding lacks (Big5 has no 〇) become '?'."""
    path = dirpath / name
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


def write_binary_txt(dirpath: Path) -> Path:
    """A PNG-like binary renamed .txt."""
    path = dirpath / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return path


def write_corrupt_pdf(dirpath: Path) -> Path:
    path = dirpath / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage \x00\xff" * 3)
    return path


def pdf_bytes(objs: list[bytes], trailer: bytes = b"") -> bytes:
    """A minimal PDF file from its objects (object 1 is the catalog), with a correct xref table; `trailer` adds
    entries to the trailer dictionary."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R" % (len(objs) + 1) + trailer
              + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def write_encrypted_pdf(dirpath: Path) -> Path:
    """A PDF whose trailer asks for the standard security handler, with a user password we do not have."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -4 >>",
    ]
    data = pdf_bytes(objs, trailer=b" /Encrypt 4 0 R /ID [<" + b"00" * 16 + b"> <" + b"00" * 16 + b">]")
    path = dirpath / "locked.pdf"
    path.write_bytes(data)
    return path


def write_corrupt_docx(dirpath: Path) -> Path:
    path = dirpath / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive" * 10)
    return path


def write_not_docx_zip(dirpath: Path) -> Path:
    path = dirpath / "notes.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "just a zip")
    return path


def write_zip_bomb_docx(dirpath: Path) -> Path:
    """A 'docx' whose document part unpacks to 210 MB of zeros (a few hundred KB packed)."""
    path = dirpath / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                f.write(chunk)
    return path


# --- PDFs without ruling lines (tests/test_pdf_layout.py) --------------------------------------------------
# A plan-like indicator table: (category, seq, name, unit, 2020, 2025, attribute); a category cell spans the
# rows up to the next category. Some names are long enough to wrap in a narrow name column.
BORDERLESS_ROWS = [
    ("经济发展", "1", "地区生产总值年均增长", "%", "3.8", "6左右", "预期性"),
    ("", "2", "人均地区生产总值", "万元", "9.1", "12", "预期性"),
    ("", "3", "数字经济核心产业增加值占地区生产总值比重", "%", "6.2", "10", "预期性"),
    ("创新驱动", "4", "研究与试验发展经费投入强度", "%", "2.1", "2.8", "预期性"),
    ("", "5", "每万人口高价值发明专利拥有量", "件", "3.5", "8", "预期性"),
    ("民生福祉", "6", "城镇调查失业率", "%", "4.9", "<5.5", "预期性"),
    ("", "7", "每千人口拥有3岁以下婴幼儿托位数", "个", "1.2", "4.5", "预期性"),
    ("", "8", "机场旅客吞吐量", "万人次", "1530", "2500", "预期性"),
    ("绿色生态", "9", "单位地区生产总值能源消耗降低", "%", "—", "[14]", "约束性"),
    ("", "10", "森林覆盖率", "%", "37.6", "≥38", "约束性"),
]
BORDERLESS_PROSE = ("“十三五”时期，全区经济持续健康发展，地区生产总值年均增长6.5%，综合实力明显增强，"
                    "人民生活水平不断提高，为开启全面建设社会主义现代化新征程奠定了坚实基础。")


def _borderless_table(rows: list[tuple[str, ...]], thead: bool) -> str:
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in ["类别", "序号", "指标", "单位", "2020年", "2025年", "属性"])
    head += "</tr>"
    spans: dict[int, int] = {}
    for k, r in enumerate(rows):
        if r[0]:
            spans[k] = next((j for j in range(k + 1, len(rows)) if rows[j][0]), len(rows)) - k
    body = ""
    for k, r in enumerate(rows):
        cat = f'<td rowspan="{spans[k]}">{r[0]}</td>' if k in spans else ""
        cells = "".join(f'<td{" class=n" if j == 2 else ""}>{c.replace("<", "&lt;")}</td>'
                        for j, c in enumerate(r[1:], 1))
        body += f"<tr>{cat}{cells}</tr>"
    if thead:
        return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"
    return f"<table>{head}{body}</table>"


def write_borderless_pdf(dirpath: Path, name: str, table_css: str, rows: list[tuple[str, ...]] | None = None,
                         page: str = "A4", thead: bool = False, before: int = 1,
                         title: str = "专栏1 “十四五”时期经济社会发展主要指标") -> Path:
    """A plan PDF whose indicator table has no ruling lines of its own (`table_css` styles it), tight cells
    (`td { padding: 0 1px }` unless overridden), rows kept whole on a page, a name column narrow enough to wrap
    long names; `before` paragraphs of running text come first (more push the table over a page break)."""
    from weasyprint import HTML

    prose = "".join(f"<p>{BORDERLESS_PROSE}</p>" for _ in range(before))
    html = f"""<html><head><meta charset="utf-8"><style>
@page {{ size: {page}; margin: 2cm; @bottom-center {{ content: "— " counter(page) " —"; }} }}
body {{ font-family: "WenQuanYi Micro Hei"; font-size: 10.5pt; }}
table {{ border-collapse: collapse; }} td, th {{ padding: 0 1px; }} td.n {{ width: 9em; }}
tr {{ break-inside: avoid; }}
{table_css}
</style></head><body>
<p>第一章 发展基础</p>{prose}
<p style="margin: 0">{title}</p>
{_borderless_table(rows or BORDERLESS_ROWS, thead)}
<p>注：[ ]为五年累计数。</p>
<p>第二章 总体要求</p><p>坚持以人民为中心的发展思想。</p></body></html>"""
    path = dirpath / name
    HTML(string=html).write_pdf(str(path))
    return path


# --- indicator tables broken across pages, two-row headers (tests/test_pdf_pages.py) ------------------------
# Header rows are lists of (text, rowspan, colspan); body rows are lists of cell texts (a category cell that
# spans rows is given on its first row and left out below, as in HTML).
PAGED_HEADER = [[("序号", 1, 1), ("指标", 1, 1), ("单位", 1, 1), ("2020年", 1, 1), ("2025年", 1, 1), ("属性", 1, 1)]]
PAGED_ROWS = [[seq, name, unit, base, target, attr] for _, seq, name, unit, base, target, attr in BORDERLESS_ROWS]
RUNNING_HEADER = "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
RULED = "td, th { border: 0.6pt solid #000; padding: 2pt 3pt; }"
BORDERLESS = "td, th { padding: 0 2px; }"


def _paged_table(header: list[list[tuple[str, int, int]]], rows: list[list[str]], thead: bool) -> str:
    def cell(tag: str, text: str, rowspan: int = 1, colspan: int = 1) -> str:
        span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
        return f"<{tag}{span}>{text.replace('<', '&lt;').replace(chr(10), '<br>')}</{tag}>"

    head = "".join("<tr>" + "".join(cell("th", *c) for c in r) + "</tr>" for r in header)
    body = "".join("<tr>" + "".join(cell("td", c) for c in r) + "</tr>" for r in rows)
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>" if thead else f"<table>{head}{body}</table>"


def write_paged_table_pdf(dirpath: Path, name: str, *, cell_css: str = RULED, header: list | None = None,
                          rows: list[list[str]] | None = None, thead: bool = True, before: int = 8,
                          keep_rows: bool = False, cut: int | None = None, continued: str = "",
                          running: str = RUNNING_HEADER, page: str = "A5", name_width: str = "8em") -> Path:
    """A plan PDF whose indicator table (styled by `cell_css`) breaks across pages, with a running header (the
    plan's title, `running`) at the top and '— n —' at the bottom of every page. `before` paragraphs of running
    text come first. Where the break falls: by itself (`keep_rows=False` lets a row break across pages, as word
    processors do) or, with `cut=k`, after body row k, the next page starting with the line `continued` (续表) and,
    when `thead`, the header again."""
    from weasyprint import HTML

    header = header or PAGED_HEADER
    rows = rows or PAGED_ROWS
    prose = "".join(f"<p>{BORDERLESS_PROSE}</p>" for _ in range(before))
    if cut is None:
        table = _paged_table(header, rows, thead)
    else:
        label = f"<p style='margin: 0 0 4pt 0'>{continued}</p>" if continued else ""
        table = (_paged_table(header, rows[:cut], thead) + f"<div style='break-before: page'>{label}</div>"
                 + _paged_table(header if thead else [], rows[cut:], thead))
    top = f'@top-center {{ content: "{running}"; font-size: 8pt; }}' if running else ""
    html = f"""<html><head><meta charset="utf-8"><style>
@page {{ size: {page}; margin: 2cm 1.6cm; {top} @bottom-center {{ content: "— " counter(page) " —"; }} }}
body {{ font-family: "WenQuanYi Micro Hei"; font-size: 10.5pt; }}
table {{ border-collapse: collapse; }} td:nth-child(2) {{ width: {name_width}; }}
{cell_css}
{"tr { break-inside: avoid; }" if keep_rows else "td { orphans: 1; widows: 1; }"}
</style></head><body>
<p>第一章 发展基础</p>{prose}
<p style="margin: 0 0 4pt 0">专栏1 “十四五”时期经济社会发展主要指标</p>
{table}
<p>注：[ ]为五年累计数。</p>
<p>第二章 总体要求</p><p>坚持以人民为中心的发展思想。</p></body></html>"""
    path = dirpath / name
    HTML(string=html).write_pdf(str(path))
    return path
