"""PDF indicator tables across page breaks and with two-row headers (ingest/pdf_pages.py, pdf_lines.py, pdf.py).

Every PDF is built here with weasyprint (docs_factory.write_paged_table_pdf): A5 pages with the plan's title as a
running header and '— n —' as a footer, the table ruled or without ruling lines, broken by the page where it
falls (a row may break inside its name cell, as word processors do) or cut after a given row with a '续表' label
on the next page; the header repeated on the next page or not. Each test first checks that the layout it is
about really happened, then asserts the indicator rows through the public path (planscope.parse.extract)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docs_factory import (
    BORDERLESS,
    CJK_FONT,
    PAGED_ROWS,
    RULED,
    RUNNING_HEADER,
    write_paged_table_pdf,
)
from planscope.ingest import SourceText, read_document
from planscope.model import Extraction
from planscope.parse import extract

TOP = "td, th { vertical-align: top; }"


@pytest.fixture(autouse=True)
def _font() -> None:
    assert CJK_FONT.exists(), "install fonts-wqy-microhei (the PDF tests need a CJK font)"


def _expected(rows: list[list[str]] = PAGED_ROWS) -> list[tuple]:
    return [(seq, name, unit, attr, [("base", 2020, base), ("target", 2025, target)])
            for seq, name, unit, base, target, attr in rows]


def _rows(ex: Extraction) -> list[tuple]:
    assert len(ex.indicator_tables) == 1, [t.title for t in ex.indicator_tables]
    t = ex.indicator_tables[0]
    assert t.title == "专栏1 “十四五”时期经济社会发展主要指标"
    assert t.problems == [] and t.notes == ["注：[ ]为五年累计数。"]
    return [(r.seq, r.name, r.unit, r.attribute, [(str(v.role), v.year, v.raw) for v in r.values]) for r in t.rows]


def _removed(src: SourceText, reason: str) -> list[str]:
    return [r.text for r in src.removed if r.reason == reason]


def _check_furniture(src: SourceText, pages: int = 2) -> None:
    """The running header and the page numbers are recorded as removed, every one of them."""
    assert _removed(src, "page_header") == [RUNNING_HEADER] * pages
    assert _removed(src, "page_number") == [f"— {n} —" for n in range(1, pages + 1)]


def _check_spans(path: Path, src: SourceText) -> None:
    """Every row points at the line holding it: its seq, name and values are on that line of the rendering."""
    for r in extract(path).indicator_tables[0].rows:
        assert r.span.line_start == r.span.line_end
        cells = src.original(r.span.line_start).split("\t")
        assert r.seq in cells and r.name in cells and all(v.raw in cells for v in r.values), (r.name, cells)


@pytest.mark.parametrize("thead", [True, False], ids=["header repeated", "header not repeated"])
def test_ruled_row_broken_across_pages(tmp_path: Path, thead: bool) -> None:
    # row 3's name (three lines in its cell) breaks after its second line: page 1 holds 3 | 数字经济核心产业 /
    # 增加值占地区生产 | % | 6.2 | 10 | 预期性 with its cells left open, page 2 the name's last line 总值比重.
    # Before: the open row was not a table row, so it came out as text ("3 增加值占地区生产 % 6.2 10 预期性"); the
    # running header between the halves made two tables, the second with a row named 总值比重.
    path = write_paged_table_pdf(tmp_path, "ruled.pdf", thead=thead, before=7)
    src = read_document(path)
    assert _removed(src, "joined_row") == ["\t总值比重\t\t\t\t"]  # the layout under test: the name broke
    assert "3\t数字经济核心产业增加值占地区生产总值比重\t%\t6.2\t10\t预期性" in src.lines
    _check_furniture(src)
    assert _rows(extract(path)) == _expected()
    _check_spans(path, src)


@pytest.mark.parametrize(("thead", "label"), [(True, "续表"), (False, "续表1")])
def test_ruled_table_continued_with_label(tmp_path: Path, thead: bool, label: str) -> None:
    # the table cut after row 4, page 2 starting with the label, then (or not) the header again.
    # Before: the running header and the label ended the table: rows 5-10 were lost (no header) or became a
    # second table.
    path = write_paged_table_pdf(tmp_path, "cut.pdf", thead=thead, before=2, cut=4, continued=label)
    src = read_document(path)
    assert _removed(src, "table_continued") == [label]
    assert sum(1 for s in src.lines if s.startswith("序号\t")) == (2 if thead else 1)
    _check_furniture(src)
    assert _rows(extract(path)) == _expected()
    _check_spans(path, src)


@pytest.mark.parametrize("thead", [True, False], ids=["header repeated", "header not repeated"])
def test_borderless_row_broken_across_pages(tmp_path: Path, thead: bool) -> None:
    # no ruling lines, cells centred on their rows: row 4's name 研究与试验发展经 / 费投入强度 breaks over the page.
    # Before: with the header repeated, 费投入强度 (nearer the header than row 5) was read into the header
    # (指标费投入强度), whose cells then could not be assigned; without it, 费投入强度 and 每万人口高价值发 stayed
    # loose text lines. Either way row 4 was cut short and the running header split the table in two.
    path = write_paged_table_pdf(tmp_path, "borderless.pdf", cell_css=BORDERLESS, thead=thead, before=7)
    src = read_document(path)
    assert _removed(src, "joined_row") == ["\t费投入强度\t\t\t\t"]
    assert "4\t研究与试验发展经费投入强度\t%\t2.1\t2.8\t预期性" in src.lines
    # a name wrapped over three lines, its first and last exactly between two rows, stays in its row
    assert "3\t数字经济核心产业增加值占地区生产总值比重\t%\t6.2\t10\t预期性" in src.lines
    _check_furniture(src)
    assert _rows(extract(path)) == _expected()
    _check_spans(path, src)


@pytest.mark.parametrize("thead", [True, False], ids=["header repeated", "header not repeated"])
def test_borderless_table_continued_with_label(tmp_path: Path, thead: bool) -> None:
    # cut between rows 4 and 5: page 2 starts with 续表 and row 5, whose name is centred on its row (its first
    # line above the row's numbers). Before: the short first part's tight header was cut off the table as a
    # title, and row 5's first name line was read as a header (or a row of its own).
    path = write_paged_table_pdf(tmp_path, "cut.pdf", cell_css=BORDERLESS, thead=thead, before=2, cut=4,
                                 continued="续表")
    src = read_document(path)
    assert _removed(src, "table_continued") == ["续表"]
    assert _removed(src, "joined_row") == []  # the cut fell between rows: nothing to join
    assert "5\t每万人口高价值发明专利拥有量\t件\t3.5\t8\t预期性" in src.lines
    _check_furniture(src)
    assert _rows(extract(path)) == _expected()
    _check_spans(path, src)


def test_borderless_top_aligned_row_broken_across_pages(tmp_path: Path) -> None:
    # cells set at the top of their rows: the lines at the top of page 2 continue the last row of page 1
    path = write_paged_table_pdf(tmp_path, "top.pdf", cell_css=BORDERLESS + TOP, thead=False, before=7)
    src = read_document(path)
    assert len(_removed(src, "joined_row")) == 1
    _check_furniture(src)
    assert _rows(extract(path)) == _expected()
    _check_spans(path, src)


# --- two-row headers --------------------------------------------------------------------------------------
GROUP_HEADER = [[("序号", 2, 1), ("指标", 2, 1), ("单位", 2, 1), ("2020年", 2, 1), ("2025年", 1, 2), ("属性", 2, 1)],
                [("目标值", 1, 1), ("年均增长", 1, 1)]]
GROUP_ROWS = [["1", "地区生产总值", "亿元", "1860", "2500", "6左右", "预期性"],
              ["2", "规模以上工业增加值", "亿元", "760", "1100", "7.5", "预期性"],
              ["3", "社会消费品零售总额", "亿元", "1020", "1400", "6.5", "预期性"],
              ["4", "常住人口城镇化率", "%", "86.5", "88", "[1.5]", "预期性"]]
GROUP_COLUMNS = ["序号", "指标", "单位", "2020年", "2025年目标值", "2025年年均增长", "属性"]


def _group_expected() -> list[tuple]:
    return [(seq, name, unit, attr, [("base", 2020, base), ("target", 2025, target), ("growth", 2025, growth)])
            for seq, name, unit, base, target, growth, attr in GROUP_ROWS]


@pytest.mark.parametrize(("css", "what"), [
    (RULED, "ruled"),
    (BORDERLESS, "no rules, labels left-aligned"),
    (BORDERLESS + "th { text-align: center; }", "no rules, labels centred"),
    (BORDERLESS + "thead tr:first-child th { border-top: 1.5pt solid #000; } tbody tr:last-child td "
                  "{ border-bottom: 1.5pt solid #000; }", "rules above and below only"),
])
def test_group_header_over_two_columns(tmp_path: Path, css: str, what: str) -> None:
    # 2025年 spans 目标值 | 年均增长; the other labels span both header rows. Before, without rules: 2025年 was a
    # line of text above the table and the header one row (2020年 目标值 年均增长), so 2500 and 6左右 were read as
    # one growth value of 2020.
    path = write_paged_table_pdf(tmp_path, "group.pdf", cell_css=css, header=GROUP_HEADER, rows=GROUP_ROWS,
                                 before=1)
    src = read_document(path)
    assert "序号\t指标\t单位\t2020年\t2025年\t\t属性" in src.lines, what  # merged cells as layout.py prints them
    assert "\t\t\t\t目标值\t年均增长\t" in src.lines, what
    ex = extract(path)
    assert ex.indicator_tables[0].columns == GROUP_COLUMNS, what
    assert _rows(ex) == _group_expected(), what


def test_group_header_repeated_on_the_next_page(tmp_path: Path) -> None:
    rows = GROUP_ROWS * 3
    rows = [[str(k + 1), *r[1:]] for k, r in enumerate(rows)]
    path = write_paged_table_pdf(tmp_path, "group.pdf", cell_css=BORDERLESS, header=GROUP_HEADER, rows=rows,
                                 before=6, keep_rows=True)
    src = read_document(path)
    assert src.lines.count("\t\t\t\t目标值\t年均增长\t") == 2  # the layout under test: header on both pages
    _check_furniture(src)
    ex = extract(path)
    assert ex.indicator_tables[0].columns == GROUP_COLUMNS
    assert [r[0] for r in _rows(ex)] == [str(k) for k in range(1, 13)]


@pytest.mark.parametrize("css", [RULED, BORDERLESS, BORDERLESS + TOP])
def test_header_labels_wrapped_over_two_lines(tmp_path: Path, css: str) -> None:
    # 基期 / （2020年） and 目标 / （2025年） in their cells, the other labels on one line
    header = [[("序号", 1, 1), ("指标", 1, 1), ("单位", 1, 1), ("基期\n（2020年）", 1, 1), ("目标\n（2025年）", 1, 1),
               ("属性", 1, 1)]]
    path = write_paged_table_pdf(tmp_path, "wrapped.pdf", cell_css=css, header=header, before=1)
    ex = extract(path)
    assert ex.indicator_tables[0].columns == ["序号", "指标", "单位", "基期(2020年)", "目标(2025年)", "属性"]
    assert _rows(ex) == _expected()


def test_two_tables_on_consecutive_pages_stay_apart(tmp_path: Path) -> None:
    """A page that starts with a new titled table does not continue the one the previous page ended with."""
    from weasyprint import HTML

    def table(title: str, rows: list[list[str]]) -> str:
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return (f"<p>{title}</p><table><tr><th>序号</th><th>指标</th><th>单位</th><th>2020年</th><th>2025年</th>"
                f"<th>属性</th></tr>{body}</table>")

    html = f"""<html><head><meta charset="utf-8"><style>@page {{ size: A5; margin: 2cm; }}
body {{ font-family: "WenQuanYi Micro Hei"; font-size: 10.5pt; }} table {{ border-collapse: collapse; }}
{RULED}</style></head><body>{table("专栏1 经济发展主要指标", PAGED_ROWS[:3])}
<p style="break-before: page">第二章 民生</p>{table("专栏2 民生主要指标", PAGED_ROWS[5:7])}</body></html>"""
    path = tmp_path / "two.pdf"
    HTML(string=html).write_pdf(str(path))
    tables = extract(path).indicator_tables
    assert [t.title for t in tables] == ["专栏1 经济发展主要指标", "专栏2 民生主要指标"]
    assert [len(t.rows) for t in tables] == [3, 2]
    assert read_document(path).removed == []


@pytest.mark.parametrize("css", [RULED, BORDERLESS], ids=["ruled", "no rules"])
def test_long_table_over_many_pages(tmp_path: Path, css: str) -> None:
    """200 rows over ten pages, breaking wherever they fall (inside names, between rows): every row once."""
    rows = [[str(k + 1), *r[1:]] for k, r in enumerate(PAGED_ROWS * 20)]
    path = write_paged_table_pdf(tmp_path, "long.pdf", cell_css=css, rows=rows, before=1)
    src = read_document(path)
    pages = len(_removed(src, "page_number"))
    assert pages >= 8 and _removed(src, "page_header") == [RUNNING_HEADER] * pages
    assert _removed(src, "joined_row")  # the layout under test: some rows broke across pages
    assert _rows(extract(path)) == _expected(rows)
