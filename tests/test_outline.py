"""Outline, boxes, notes, appendices and glossary footnotes: on the real corpus and on small documents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import corpus_file
from planscope.ingest import SourceText, read_document
from planscope.ingest.script import detect_script, to_simplified, to_traditional
from planscope.model import Heading
from planscope.parse.footnotes import parse_footnotes
from planscope.parse.outline import parse_outline
from planscope.parse.outline_lines import clean_title
from planscope.parse.outline_toc import toc_lines


def raw_source(path: Path) -> SourceText:
    """The file with no cleaning at all (TOC, web junk and page numbers still in): the outline must cope."""
    text = path.read_text(encoding="utf-8")
    original = text.splitlines()
    script = detect_script(text)
    lines = [to_simplified(s) if script == "traditional" else s for s in original]
    return SourceText(name=path.name, format="txt", encoding="utf-8", script=script, original_lines=original,
                      lines=lines)


def outline(prefix: str) -> list[Heading]:
    return parse_outline(read_document(corpus_file(prefix)))


def by_kind(hs: list[Heading], kind: str) -> list[Heading]:
    return [h for h in hs if h.kind == kind]


EXPECTED = {  # chapters, sections, boxes (counted by hand in the files)
    "000": (13, 55, 8),
    "001": (17, 79, 22),
    "003": (14, 51, 18),
    "004": (14, 47, 0),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
@pytest.mark.parametrize("reader", ["ingest", "raw"])
def test_corpus_counts(prefix: str, reader: str) -> None:
    path = corpus_file(prefix)
    hs = parse_outline(read_document(path) if reader == "ingest" else raw_source(path))
    counts = Counter(h.kind for h in hs)
    assert (counts["chapter"], counts["section"], counts["box"]) == EXPECTED[prefix]
    chapters = [h.number for h in by_kind(hs, "chapter")]
    assert len(set(chapters)) == len(chapters)  # no TOC copy of any chapter
    lines = [h.span.line_start for h in hs]
    assert lines == sorted(lines)


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_no_toc_line_in_outline(prefix: str) -> None:
    src = raw_source(corpus_file(prefix))
    toc = toc_lines(src.lines)
    assert len(toc) > 60  # the raw file still has its 目录
    hs = parse_outline(src)
    assert not [h for h in hs if h.span.line_start in toc]
    assert hs[0].span.line_start > max(toc)


def test_001_toc_block_bounds() -> None:
    toc = toc_lines(raw_source(corpus_file("001")).lines)
    assert {12, 14, 56, 78, 118} <= toc  # 目录, first entry, a wrapped entry, a dot leader line, 附件 2
    assert 120 not in toc and 122 not in toc  # the title paragraph and the real 第一章


def test_002_parts_and_items() -> None:
    hs = outline("002")
    parts = by_kind(hs, "item")
    assert [(h.number, h.span.line_start) for h in parts] == [("一、", 23), ("二、", 83)]
    assert parts[0].title.startswith("2024年") and parts[1].title.startswith("2025年")
    subs = by_kind(hs, "subitem")
    assert len(subs) == 14
    first = [h for h in subs if h.span.line_start < 83]
    assert [h.number for h in first] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert subs[-1].number == "（九）" and subs[-1].span.line_start == 185


def test_003_traditional_titles_and_lines() -> None:
    src = read_document(corpus_file("003"))
    chapters = by_kind(parse_outline(src), "chapter")
    ch2 = chapters[1]
    assert ch2.span.line_start == 233
    original = src.original(233)
    assert "經濟" in original  # the file is traditional …
    assert ch2.title == clean_title(to_simplified(original).split("第二章", 1)[1])  # … the title simplified
    # 第一章 and 第十一章 wrap onto the next line: joined, first line kept
    assert (chapters[0].span.line_start, chapters[0].span.line_end) == (172, 173)
    assert chapters[0].title == "全面建成小康社会,开启全面建设社会主义现代化新征程"
    ch11 = chapters[10]
    assert ch11.number == "第十一章" and ch11.span.line_start == 1321
    assert ch11.title == clean_title(to_simplified(src.original(1321)[5:] + src.original(1322)))


def test_003_items_with_lost_numerals_are_numbered_in_sequence() -> None:
    hs = outline("003")
    item = next(h for h in hs if h.span.line_start == 1141)
    assert item.kind == "item" and item.number == "三、"  # printed as "、强化能源基础设施建设"
    assert item.title == "强化能源基础设施建设"


def test_000_wrapped_headings_joined() -> None:
    hs = outline("000")
    ch1 = by_kind(hs, "chapter")[0]
    assert (ch1.span.line_start, ch1.span.line_end) == (42, 44)
    assert ch1.title == "全面建成小康社会，开启花都全面建设社会主义现代化新征程"
    item = next(h for h in hs if h.span.line_start == 1234)
    assert item.title == "筑建“一核引领、三带联动、六大功能区支撑”产业新格局"
    assert hs[0].kind == "preface" and hs[0].title == "前言"


@pytest.mark.parametrize(("prefix", "start", "end"), [
    ("001", 405, 425),  # list box; body resumes with 二、 (body numbering, prose after it)
    ("001", 810, 814),  # 三、 continues both lists: body, because prose follows
    ("001", 826, 846),  # 三、城际铁路项目 is the box's own; 四、 is the body's
    ("001", 866, 878),  # ends where an unnumbered body paragraph resumes
    ("001", 1268, 1289),  # a tab table with repeated headers stays one box
    ("001", 1540, 1544),
    ("000", 910, 946),  # PDF text box ends at 第三章
    ("000", 2385, 2411),
    ("003", 298, 318),  # web page: body lines are indented, box lines are not
    ("003", 546, 704),
])
def test_box_spans(prefix: str, start: int, end: int) -> None:
    box = next(h for h in outline(prefix) if h.kind == "box" and h.span.line_start == start)
    assert box.span.line_end == end


def test_box_content_is_not_outline_and_box_levels() -> None:
    hs = outline("001")
    boxes = by_kind(hs, "box")
    for b in boxes:
        inside = [h for h in hs if b.span.line_start < h.span.line_start <= b.span.line_end]
        assert all(h.kind == "notes" for h in inside), b
    assert all(b.level == 3 for b in boxes)  # all of 001's boxes sit in a 节
    assert boxes[0].number == "专栏1" and boxes[0].title == "“十三五”规划主要指标完成情况"


def test_notes_blocks() -> None:
    notes = [(h.span.line_start, h.span.line_end) for h in by_kind(outline("001"), "notes")]
    assert notes == [(208, 228), (345, 365)]  # 注： then numbered notes, note 6 wrapped over 357/359
    assert [(h.span.line_start, h.span.line_end) for h in by_kind(outline("004"), "notes")] == [(15, 15), (46, 47)]


def test_appendices() -> None:
    apps = by_kind(outline("001"), "appendix")
    assert [(h.number, h.title, h.span.line_start) for h in apps] == [
        ("附件1", "广州市“十四五”时期十大工程表", 2157), ("附件2", "名词解释", 2262)]
    assert apps[0].span.line_end < 2262
    apps3 = by_kind(outline("003"), "appendix")
    assert [h.title for h in apps3] == ["番禺区“十三五”时期经济社会发展主要指标完成情况表",
                                        "番禺区“十四五”时期经济社会发展主要指标表",
                                        "番禺区“十四五”时期经济社会发展重大项目表"]
    assert [h.span.line_start for h in apps3] == [1625, 2194, 2495]


def test_001_footnotes() -> None:
    src = read_document(corpus_file("001"))
    notes = parse_footnotes(src)
    marks = [f.mark for f in notes]
    assert len(set(marks)) == 219 and marks == [str(i) for i in range(1, 220)]
    assert all(f.text and f.uses for f in notes)
    fn = {f.mark: f for f in notes}
    # read in the file: ¹⁴³ is used on line 1393 and defined on line 2592
    assert "¹⁴³" in src.line(1393) and fn["143"].uses == [1393]
    assert fn["143"].span.line_start == 2592 and fn["143"].text.startswith("城市体检：")
    assert fn["17"].uses == [401]  # in a heading: 一、建设“1+2+4+4+N”战略创新平台体系¹⁷
    assert fn["5"].span.line_end == 2276 and "线下为主" in fn["5"].text  # a definition wrapped over 2 lines
    assert "¹⁴³" not in src.line(fn["143"].uses[0] + 1)


def test_footnotes_absent_elsewhere() -> None:
    assert parse_footnotes(read_document(corpus_file("000"))) == []


# --- small documents of our own ------------------------------------------------------------------------------

COUNTY = """\
某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

目  录
第一篇 开启新征程……………………1
第一章 发展基础……………………2
第一节 发展成就……………………2
第二章 总体要求……………………5
第二篇 建设现代产业体系…………9
第三章 做强工业……………………9

第一篇 开启新征程

第一章 发展基础

“十三五”时期，全县经济稳步发展，综合实力显著增强，人民生活持续改善，为开启新征程奠定了坚实基础。

第一节 发展成就

一、经济实力大幅提升

全县地区生产总值年均增长7%，财政收入稳步增加，产业结构不断优化，城乡面貌焕然一新。

二、改革取得新突破。全面完成机构改革，营商环境持续优化，市场主体数量增长一倍，民营经济活力增强。

专栏1 重点项目

一、交通项目

县城至高铁站快速路、环城公路。

二、水利项目

某某水库扩建工程、城乡供水一体化工程。

三、补齐基础设施短板

坚持适度超前，统筹推进交通、水利、能源等基础设施建设，提升县城综合承载能力，增强发展后劲。

注：1.项目以实际批复为准。
2.投资额为估算数。

第二章 总体要求

（一）指导思想

（二）基本原则

第二篇 建设现代产业体系

第三章 做强工业

坚持制造业立县，推动传统产业改造提升，培育壮大新兴产业，建设现代产业体系。

附件1 某某县“十四五”时期主要指标表
"""


def _write(tmp_path: Path, name: str, text: str) -> SourceText:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return read_document(p)


def test_synthetic_county_plan(tmp_path: Path) -> None:
    src = _write(tmp_path, "county.txt", COUNTY)
    hs = parse_outline(src)
    got = [(h.kind, h.level, h.number, h.title) for h in hs]
    assert got == [
        ("part", 0, "第一篇", "开启新征程"),
        ("chapter", 1, "第一章", "发展基础"),
        ("section", 2, "第一节", "发展成就"),
        ("item", 3, "一、", "经济实力大幅提升"),  # 二、改革取得新突破。… is a numbered sentence, not a heading
        ("box", 3, "专栏1", "重点项目"),
        ("item", 3, "三、", "补齐基础设施短板"),  # continues the body's list, not the box's
        ("notes", 3, None, "注"),
        ("chapter", 1, "第二章", "总体要求"),
        ("subitem", 4, "（一）", "指导思想"),
        ("subitem", 4, "（二）", "基本原则"),
        ("part", 0, "第二篇", "建设现代产业体系"),
        ("chapter", 1, "第三章", "做强工业"),
        ("appendix", 1, "附件1", "某某县“十四五”时期主要指标表"),
    ]
    box = by_kind(hs, "box")[0]
    lines = COUNTY.splitlines()
    assert lines[box.span.line_end - 1].startswith("某某水库")
    notes = by_kind(hs, "notes")[0]
    assert lines[notes.span.line_end - 1] == "2.投资额为估算数。"
    assert by_kind(hs, "part")[0].span.line_start == lines.index("第一篇 开启新征程") + 1  # not the TOC copy


def test_synthetic_traditional_plan(tmp_path: Path) -> None:
    text = to_traditional(COUNTY.replace("某某县", "某某縣"))
    assert "發展" in text
    src = _write(tmp_path, "trad.txt", text)
    assert src.script == "traditional"
    hs = parse_outline(src)
    assert [h.title for h in by_kind(hs, "chapter")] == ["发展基础", "总体要求", "做强工业"]
    assert by_kind(hs, "box")[0].number == "专栏1"  # 專欄 in the file


def test_synthetic_wrapped_pdf_headings(tmp_path: Path) -> None:
    body = "推动经济社会高质量发展，坚持新发展理念，构建新发展格局，\n\n确保各项任务落到实处。\n\n"
    text = ("第四章 深化改革开放，\n\n激发市场主体活力\n\n" + body +
            "第一节 优化营商环境\n\n" + body +
            "一、深入推进“放管服”改革，持续打造市场化法治化国际\n\n化营商环境\n\n" + body)
    hs = parse_outline(_write(tmp_path, "pdf.txt", text))
    assert [(h.kind, h.title, h.span.line_start, h.span.line_end) for h in hs] == [
        ("chapter", "深化改革开放，激发市场主体活力", 1, 3),
        ("section", "优化营商环境", 9, 9),
        ("item", "深入推进“放管服”改革，持续打造市场化法治化国际化营商环境", 15, 17),
    ]
