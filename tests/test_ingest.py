"""Ingest layer: the real corpus, generated HTML/DOCX/PDF and encoded copies, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_file
from docs_factory import (
    CJK_FONT,
    write_binary_txt,
    write_corrupt_docx,
    write_corrupt_pdf,
    write_docx,
    write_encoded,
    write_encrypted_pdf,
    write_html,
    write_not_docx_zip,
    write_pdf,
    write_zip_bomb_docx,
)
from planscope.ingest import IngestError, SourceText, read_document
from planscope.ingest.clean import build_source
from planscope.ingest.script import to_simplified
from planscope.ingest.text import split_lines

_CACHE: dict[str, SourceText] = {}


def doc(prefix: str) -> SourceText:
    if prefix not in _CACHE:
        _CACHE[prefix] = read_document(corpus_file(prefix))
    return _CACHE[prefix]


def file_lines(prefix: str) -> list[str]:
    return corpus_file(prefix).read_text(encoding="utf-8").splitlines()


def reasons(src: SourceText) -> dict[int, str]:
    return {r.line: r.reason for r in src.removed}


# --- the corpus -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("prefix", "script"), [("000", "simplified"), ("001", "simplified"), ("002", "simplified"),
                                                ("003", "traditional"), ("004", "simplified")])
def test_corpus_reads_with_script_and_line_count(prefix: str, script: str) -> None:
    src = doc(prefix)
    original = file_lines(prefix)
    assert src.format == "txt" and src.encoding == "utf-8"
    assert src.script == script
    assert len(src.lines) == len(src.original_lines) == len(original)
    assert src.original_lines == original
    for r in src.removed:  # removed lines are blank, recorded with their original text
        assert src.line(r.line) == "" and r.text == original[r.line - 1]


def test_003_spam_and_widgets_removed() -> None:
    src = doc("003")
    why = reasons(src)
    assert why[1] == "spam"
    for n in (7, 8, 9, 10, 11):  # • 聽全文 / • date / • 來源 / • 分享到 / • -
        assert why[n] == "web_junk", src.original(n)
    assert src.line(13) == "番府〔2021〕41号"  # the document number right after the widgets stays
    assert "广州市番禺区人民政府关于印发" in src.line(5)


def test_002_scraper_lines_removed_and_body_kept() -> None:
    src = doc("002")
    why = reasons(src)
    assert why[1] == "web_junk"  # headerBg
    assert why[5] == "web_junk"  # 发布日期 … 文章来源 … 字体 … 访问量
    assert set(why) == {1, 5}
    assert src.line(3).startswith("关于广州市花都区2024年")


def test_no_false_removals_in_clean_documents() -> None:
    assert doc("004").removed == []
    assert {r.reason for r in doc("001").removed} == {"toc"}


def test_001_toc_with_dot_leaders_removed_body_chapters_kept() -> None:
    src = doc("001")
    why = reasons(src)
    assert why[12] == "toc"  # 目 录
    assert src.original(15) == "第一节 发展环境.....\t1" and why[15] == "toc"
    assert src.original(78) == ".....\t137" and why[78] == "toc"  # a leader continuing a wrapped entry
    assert why[117] == "toc" and why[118] == "toc"  # 附件 1 / 附件 2 entries without page numbers
    toc = sorted(n for n, r in why.items() if r == "toc")
    assert toc[0] == 12 and toc[-1] == 118
    assert src.line(122).startswith("第一章 高水平全面建成小康社会")
    assert src.line(120).startswith("广州市国民经济和社会发展第十四个五年")
    chapters = [n for n, s in src.numbered() if s.startswith("第一章")]
    assert chapters == [122]  # the body chapter, not its TOC entry


def test_003_toc_without_page_numbers_removed() -> None:
    src = doc("003")
    why = reasons(src)
    toc = sorted(n for n, r in why.items() if r == "toc")
    assert toc[0] == 29 and src.original(29) == "目 錄"
    assert toc[-1] == 165  # 附3 … 重大項目表, the last entry
    assert src.line(169).strip().startswith("本纲要根据")  # running text ends the TOC
    assert src.line(172) == "第一章 全面建成小康社会,开启"
    assert [n for n, s in src.numbered() if s.strip().startswith("第一章")] == [172]


def test_003_simplified_line_maps_back_to_traditional_original() -> None:
    src = doc("003")
    n = 26
    assert src.original(n) == file_lines("003")[n - 1]
    assert src.original(n).startswith("廣州市番禺區國民經濟")
    assert src.line(n).startswith("广州市番禺区国民经济")
    assert src.line(n) == to_simplified(src.original(n))
    col = src.line(n).index("番禺区")
    assert src.original(n)[src.original_col(n, col):].startswith("番禺區")


def test_nbsp_normalised_in_lines_not_in_original() -> None:
    src = doc("003")
    assert src.original(178) == "  第一節\xa0“十三五”時期發展成就"
    assert src.line(178) == "  第一节 “十三五”时期发展成就"


def test_000_is_wrapped_and_paragraphs_join() -> None:
    src = doc("000")
    assert src.wrapped
    assert not any(doc(p).wrapped for p in ("001", "002", "003", "004"))
    paras = {p.line_start: p for p in src.paragraphs()}
    foreword = paras[3]
    assert foreword.line_end == 21
    assert foreword.text.startswith("“十四五”时期是我国全面建成小康社会、实现第一个百年奋斗目标之后，乘势而上")
    assert foreword.text.endswith("对花都区经济社会高质量发展意义重大、影响深远。")
    assert foreword.line_at(foreword.text.index("奋斗目标之后")) == 5
    # a sentence wrapped before a decimal ('…年均增长' / '6.5%。') is one sentence again
    growth = paras[85]
    assert "“十三五”期间年均增长6.5%。" in growth.text
    # a heading wrapped after its comma is joined, and the next paragraph starts after it
    assert paras[42].text == "第一章 全面建成小康社会，开启花都全面建设社会主义现代化新征程"
    assert paras[42].line_end == 44 and 46 in paras


def test_000_page_numbers_removed_table_numbers_kept() -> None:
    src = doc("000")
    why = reasons(src)
    assert why[295] == "page_number" and src.original(295) == "— 8 —"
    assert sorted(n for n, r in why.items() if r == "page_number") == [295, 1723, 3036, 3747, 4191, 4434]
    assert src.line(616) == "3"  # a row's 序号 in the indicator table is a cell, not a page number


def test_unwrapped_paragraphs_one_per_line() -> None:
    src = doc("004")
    paras = src.paragraphs()
    assert len(paras) == len(src.numbered())
    assert paras[0].line_numbers == [1]


def test_bare_page_numbers_need_page_spacing() -> None:
    """In wrapped text, lone integers a page apart and rising are page numbers; ones a few lines apart are not."""
    body = ["这是一行被硬换行的正文文字，它在固定宽度处断开而没有结束句"] * 40
    lines: list[str] = []
    for page in range(1, 5):
        lines += [*body, str(page)]
    lines += ["1", "表格第一行", "2", "表格第二行", "3"]
    src = build_source("x.txt", "txt", lines)
    assert src.wrapped
    pages = sorted(r.line for r in src.removed if r.reason == "page_number")
    assert pages == [41, 82, 123, 164]
    assert src.line(len(lines)) == "3"


def test_zero_width_characters_dropped_with_column_map() -> None:
    src = build_source("x.txt", "txt", ["地区\u200b生产总值"])
    assert src.line(1) == "地区生产总值"
    assert src.original(1)[src.original_col(1, 2):].startswith("生产")


def test_split_lines_keeps_form_feeds_inside_lines() -> None:
    assert split_lines("a\fb\r\nc\rd\n") == ["a\fb", "c", "d"]


# --- encodings --------------------------------------------------------------------------------------------


def test_gb18030_copy_reads_like_utf8(tmp_path: Path) -> None:
    excerpt = "\n".join(file_lines("001")[119:200]) + "\n堃\n"  # 堃: in GBK/GB18030, not in GB2312
    src = read_document(write_encoded(tmp_path, excerpt, "gb18030", "gb.txt"))
    assert src.encoding == "gb18030"
    assert src.original_lines == excerpt.splitlines()
    assert src.script == "simplified"


def test_big5_copy_reads_as_traditional(tmp_path: Path) -> None:
    excerpt = "\n".join(file_lines("003")[168:260]).replace("\xa0", " ")
    src = read_document(write_encoded(tmp_path, excerpt, "big5", "big5.txt"))
    assert src.encoding == "big5"
    assert src.script == "traditional"
    assert src.original_lines == excerpt.encode("big5", errors="replace").decode("big5").splitlines()
    assert "十四五" in src.original(1)
    assert src.line(4) == "第一章 全面建成小康社会,开启"


def test_utf8_bom(tmp_path: Path) -> None:
    src = read_document(write_encoded(tmp_path, "\ufeff第一章 总则\n正文。\n", "utf-8", "bom.txt"))
    assert src.original_lines == ["第一章 总则", "正文。"]


# --- other formats ----------------------------------------------------------------------------------------


def test_html_blocks_and_rowspan_table(tmp_path: Path) -> None:
    src = read_document(write_html(tmp_path))
    assert src.format == "html" and src.rendering is not None
    assert src.original_lines == src.rendering.split("\n")
    text = src.rendering
    assert "var headerBg" not in text and "网站首页" not in text and "版权所有" not in text  # script/header/footer
    assert src.line(1) == "某区国民经济和社会发展第十四个五年规划纲要"
    assert reasons(src)[2] == "web_junk"
    assert src.line(3) == "第一章 发展基础"  # &nbsp; normalised
    assert src.line(4) == "“十三五”时期，全区经济持续健康发展。"  # <br> ends a line
    assert src.line(5) == "地区生产总值年均增长6.5%。"
    rows = [s.split("\t") for s in src.lines if "\t" in s]
    assert rows[0] == ["类别", "序号", "指标", "单位", "2025年目标值", "属性"]
    assert rows[1] == ["经济发展", "1", "地区生产总值年均增长", "%", "6左右", "预期性"]
    assert rows[2] == ["", "2", "人均地区生产总值", "万元", "18", ""]  # rowspans: empty below their first row
    assert rows[3] == ["", "3", "单位地区生产总值能耗降低", "%", "[14]", "约束性"]
    assert rows[4] == ["合计", "", "三项", "", "", ""]  # colspan: empty to the right
    assert src.line(len(src.lines)) == "注：[ ]为五年累计数。"


def test_html_gb2312_label_decodes_as_gb18030(tmp_path: Path) -> None:
    path = write_html(tmp_path, encoding="gb18030", meta="gb2312")
    raw = path.read_bytes().replace("发展基础".encode("gb18030"), "堃发展".encode("gb18030"))
    path.write_bytes(raw)
    src = read_document(path)
    assert src.encoding == "gb18030"
    assert src.line(3) == "第一章 堃发展"


def test_docx_paragraphs_and_table_in_body_order(tmp_path: Path) -> None:
    src = read_document(write_docx(tmp_path))
    assert src.format == "docx"
    assert src.lines == [
        "第一章 发展基础",
        "“十三五”时期，全区经济持续健康发展。",
        "专栏1 主要指标",
        "类别\t序号\t指标\t2025年\t属性",
        "经济发展\t1\t地区生产总值年均增长\t6左右\t预期性",
        "\t2\t人均地区生产总值\t18\t预期性",  # vertically merged 类别: empty after its first row
        "合计\t\t两项\t\t",  # gridSpan 2: empty to the right
        "注：[ ]为五年累计数。",
        "第二章 总体要求",
    ]


def test_pdf_table_across_pages(tmp_path: Path) -> None:
    assert CJK_FONT.exists(), "install fonts-wqy-microhei (the PDF test needs a CJK font)"
    src = read_document(write_pdf(tmp_path, rows=60))
    assert src.format == "pdf" and src.wrapped
    rows = [s.split("\t") for s in src.lines if "\t" in s]
    data = [r for r in rows if r[0].isdigit()]
    assert [int(r[0]) for r in data] == list(range(1, 61))  # every row once, in order, across the break
    assert data[41] == ["42", "指标名称第42项", "万元", "420.5", "预期性"]
    assert sum(1 for r in rows if r[0] == "序号") == 2  # the header repeated on the second page
    assert sorted(r.text for r in src.removed if r.reason == "page_number") == ["— 1 —", "— 2 —"]
    assert src.line(1) == "第一章 发展基础"
    prose = next(p for p in src.paragraphs() if p.text.startswith("“十四五”"))
    assert len(prose.line_numbers) > 1 and prose.text.endswith("工作总基调。")
    assert src.numbered()[-1][1] == "坚持以人民为中心的发展思想。"


# --- bad input: one line naming the file and the problem --------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(IngestError) as info:
        read_document(path)
    msg = str(info.value)
    assert msg.startswith(str(path)) and "\n" not in msg
    return msg


def test_bad_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty file" in _error(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    assert "empty file" in _error(blank)
    assert "not a text document (binary data)" in _error(write_binary_txt(tmp_path))
    korean = write_encoded(tmp_path, "대한민국 헌법은 1948년에 제정되었다. 모든 국민은 법 앞에 평등하다." * 5,
                           "euc_kr", "korean.txt")
    assert "unknown text encoding" in _error(korean)
    assert "corrupt PDF" in _error(write_corrupt_pdf(tmp_path))
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_text("第一章 总则", encoding="utf-8")
    assert "not a PDF file" in _error(fake_pdf)
    assert "encrypted" in _error(write_encrypted_pdf(tmp_path))
    assert "not a DOCX file" in _error(write_corrupt_docx(tmp_path))
    assert "no word/document.xml" in _error(write_not_docx_zip(tmp_path))
    assert "zip bomb" in _error(write_zip_bomb_docx(tmp_path))
    sheet = tmp_path / "plan.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "unsupported file type '.xls'" in _error(sheet)
    assert "no such file" in _error(tmp_path / "missing.txt")


@pytest.mark.parametrize(("text", "encoding"), [("地区生产总值年均增长6%左右", "gb18030"),
                                                ("廣州市番禺區國民經濟和社會發展", "big5"),
                                                ("第一章 總則\n加快建設科技創新強區。", "big5")])
def test_short_samples_pick_the_right_chinese_codec(tmp_path: Path, text: str, encoding: str) -> None:
    """Short samples decode under both codecs; the detector alone gets them wrong (Shift-JIS, UTF-16)."""
    src = read_document(write_encoded(tmp_path, text, encoding, "short.txt"))
    assert (src.encoding, src.original_lines) == (encoding, text.split("\n"))


def test_html_utf8_page_with_stale_gb2312_meta(tmp_path: Path) -> None:
    src = read_document(write_html(tmp_path, encoding="utf-8", meta="gb2312"))
    assert src.encoding == "utf-8" and src.line(3) == "第一章 发展基础"


def test_html_layout_table_read_as_blocks(tmp_path: Path) -> None:
    prose = "“十四五”时期，全区经济持续健康发展。" * 20
    page = tmp_path / "old.htm"
    page.write_text(f"<html><body><table><tr><td><h1>某区规划纲要</h1><p>{prose}</p><p>第二段。</p>"
                    "<table border=1><tr><td>指标</td><td>单位</td></tr><tr><td>地区生产总值</td><td>亿元</td></tr>"
                    "</table></td></tr></table></body></html>", encoding="utf-8")
    src = read_document(page)
    assert src.lines == ["某区规划纲要", prose, "第二段。", "指标\t单位", "地区生产总值\t亿元"]


_JUNK = [
    "当前位置：首页 > 政务公开 > 规划计划",
    "【打印本页】 【关闭窗口】",
    "navBar",
    "footer-links",
    "  • 打印",
    "• 2025/03/24",
    "信息来源：区统计局  发布时间：2025-03-24  浏览次数：120",
    "澳门博彩在线,真人娱乐平台,百家乐官网入口",
]


@pytest.mark.parametrize("line", _JUNK)
def test_web_junk_shapes(line: str) -> None:
    src = build_source("x.html", "html", ["第一章 总则", line, "加快建设科技创新强区。"])
    assert [r.line for r in src.removed] == [2]
    assert src.removed[0].reason in ("web_junk", "spam")


@pytest.mark.parametrize("line", ["加强信息发布，拓宽资金来源渠道。", "（三）拓展投资来源", "GDP", "PM2.5",
                                  "• 推动国产大飞机配套产业发展", "发展影视产业，建设影院和在线视频平台。"])
def test_plan_text_is_not_junk(line: str) -> None:
    assert build_source("x.txt", "txt", ["第一章 总则", line]).removed == []


def test_toc_without_header_by_dot_leaders() -> None:
    lines = ["第一章 总则......1", "第一节 编制依据......1", "第二节 规划期限……2", "第二章 发展目标 . . . . . 5", "",
             "第一章 总则", "本规划依据有关法律编制。"]
    src = build_source("x.txt", "txt", lines)
    assert [(r.line, r.reason) for r in src.removed] == [(1, "toc"), (2, "toc"), (3, "toc"), (4, "toc")]
    assert src.line(6) == "第一章 总则"


def test_gb18030_with_a_broken_byte_still_reads(tmp_path: Path) -> None:
    lines = file_lines("001")[119:160]
    text = "\n".join(lines) + "\n"
    data = text.encode("gb18030")
    path = tmp_path / "scrape.txt"
    path.write_bytes(data[:1001] + b"\xff" + data[1001:])  # one stray byte, as a truncated download leaves
    src = read_document(path)
    assert src.encoding == "gb18030"
    assert len(src.original_lines) == len(lines) and src.original_lines[-1] == lines[-1]
    assert sum(s.count("\ufffd") for s in src.original_lines) <= 3
