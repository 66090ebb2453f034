"""PDF text from glyph geometry (ingest/pdf_lines.py): tight tables without ruling lines become TAB rows and
parse in full; running text stays unbroken. Every PDF is built here with weasyprint (docs_factory.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docs_factory import BORDERLESS_PROSE, BORDERLESS_ROWS, CJK_FONT, write_borderless_pdf
from planscope.ingest import read_document
from planscope.model import Extraction
from planscope.parse import extract

HEADER = "类别\t序号\t指标\t单位\t2020年\t2025年\t属性"
THREE_RULES = ("table { border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; }"
               " tr:first-child th { border-bottom: 0.75pt solid #000; }")


def _expected() -> list[tuple]:
    out, category = [], None
    for cat, seq, name, unit, base, target, attr in BORDERLESS_ROWS:
        category = cat or category  # a merged category cell covers the rows below it
        out.append((category, seq, name, unit, attr, [("base", 2020, base), ("target", 2025, target)]))
    return out


def _rows(ex: Extraction) -> list[tuple]:
    assert len(ex.indicator_tables) == 1, [t.title for t in ex.indicator_tables]
    t = ex.indicator_tables[0]
    assert t.problems == [] and t.notes == ["注：[ ]为五年累计数。"]
    return [(r.category, r.seq, r.name, r.unit, r.attribute, [(str(v.role), v.year, v.raw) for v in r.values])
            for r in t.rows]


@pytest.fixture(autouse=True)
def _font() -> None:
    assert CJK_FONT.exists(), "install fonts-wqy-microhei (the PDF tests need a CJK font)"


@pytest.mark.parametrize(("css", "what"), [
    ("", "no rules, cells centred"),
    (THREE_RULES, "rules above and below the table and under the header only"),
    ("td, th { vertical-align: top; }", "no rules, cells top-aligned"),
])
def test_tight_borderless_table_parses_in_full(tmp_path: Path, css: str, what: str) -> None:
    path = write_borderless_pdf(tmp_path, "plan.pdf", css)
    src = read_document(path)
    tab = [s for s in src.lines if "\t" in s]
    assert tab[0] == HEADER, what  # was "类别 序号指标 单位2020年2025年属性"
    assert tab[1] == "经济发展\t1\t地区生产总值年均增长\t%\t3.8\t6左右\t预期性", what
    # a name wrapped over three lines in its cell is one cell; the merged category is printed on its first row
    assert tab[3] == "\t3\t数字经济核心产业增加值占地区生产总值比重\t%\t6.2\t10\t预期性", what
    assert len(tab) == 1 + len(BORDERLESS_ROWS), what
    assert _rows(extract(path)) == _expected(), what


def test_borderless_table_across_pages_with_repeated_header(tmp_path: Path) -> None:
    # A5 and narrow columns: the header, names, units, attributes and categories all wrap, and the category
    # 民生福祉 is cut by the page break (its last two rows continue on page 2 without it)
    path = write_borderless_pdf(tmp_path, "paged.pdf", "", page="A5", thead=True, before=5)
    src = read_document(path)
    tab = [s for s in src.lines if "\t" in s]
    assert tab.count(HEADER) == 2  # the header repeated on page 2, each wrapped header cell joined
    assert "\t8\t机场旅客吞吐量\t万人次\t1530\t2500\t预期性" in tab
    assert sorted(r.text for r in src.removed if r.reason == "page_number") == ["— 1 —", "— 2 —"]
    assert _rows(extract(path)) == _expected()


def test_title_set_close_with_ideographic_space_stays_out_of_the_table(tmp_path: Path) -> None:
    path = write_borderless_pdf(tmp_path, "plan.pdf", "", title="专栏1\u3000“十四五”时期经济社会发展主要指标")
    src = read_document(path)
    assert "专栏1 “十四五”时期经济社会发展主要指标" in src.lines
    assert next(s for s in src.lines if "\t" in s) == HEADER
    assert _rows(extract(path)) == _expected()


def test_running_text_is_not_split(tmp_path: Path) -> None:
    """Justified, hard-wrapped and letter-spaced Chinese text keeps no spurious spaces, and never looks like a
    table; a real space between words survives."""
    from weasyprint import HTML

    mixed = "全区研究与试验发展（R&D）经费支出占比提高到3.4%，公共场所 WIFI 覆盖率达到95%，" + BORDERLESS_PROSE
    html = f"""<html><head><meta charset="utf-8"><style>@page {{ size: A5; margin: 2cm; }}
body {{ font-family: "WenQuanYi Micro Hei"; font-size: 10.5pt; text-align: justify; }}
.ls {{ letter-spacing: 3pt; }}</style></head><body><p>第一章 发展基础</p><p>{mixed}</p>
<p class="ls">{BORDERLESS_PROSE}</p><p>{BORDERLESS_PROSE}</p></body></html>"""
    path = tmp_path / "prose.pdf"
    HTML(string=html).write_pdf(str(path))
    src = read_document(path)
    assert not any("\t" in s for s in src.lines)
    assert src.lines[0] == "第一章 发展基础"
    body = src.lines[1:]
    assert len(body) > 6  # each paragraph wrapped mid-sentence
    assert "".join(body) == mixed + BORDERLESS_PROSE * 2
    assert [s for s in body if " " in s] == [s for s in body if "WIFI" in s]  # only the spaces typed
    assert "场所 WIFI 覆盖率" in "".join(body)
