"""Round three of unseen indicator-table layouts (tests/unseen/builders.py, ROUND3): header labels in bracket
forms (年均增长〔累计〕, 2025年目标值（规划值）, “十四五”末), columns in other orders, units inside names or their
header, 2035 远景 columns, group rows (一、经济发展) across tab and PDF-text tables, 其中 sub-rows, footnote marks,
完成情况 columns, headers wrapped inside their cells, page breaks; in txt, HTML and DOCX.

Every row is checked in full against EXPECTED3, written by hand from the table as printed."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from planscope.ingest import read_document
from planscope.model import Extraction, IndicatorRow, Role
from planscope.parse.extract import extract_source
from planscope.parse.tables.header import classify, header_labels
from unseen.builders import EXPECTED3, ROUND3

D = Decimal


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Extraction]:
    d: Path = tmp_path_factory.mktemp("round3")
    return {name: extract_source(read_document(build(d))) for name, build in ROUND3.items()}


def _nfkc(s: str | None) -> str | None:
    return None if s is None else unicodedata.normalize("NFKC", s)


def _row(r: IndicatorRow) -> tuple:
    return (r.category, r.seq, r.parent_name, r.name, r.unit, r.attribute,
            [(str(v.role), v.year, v.raw) for v in r.values])


def _expected(name: str) -> list[tuple]:
    return [(cat, seq, _nfkc(parent), _nfkc(n), unit, attr, vals)
            for cat, seq, parent, n, unit, attr, vals in EXPECTED3[name]]


def _table(ex: Extraction):
    assert len(ex.indicator_tables) == 1, [t.title for t in ex.indicator_tables]
    t = ex.indicator_tables[0]
    assert t.problems == []
    return t


@pytest.mark.parametrize("name", sorted(ROUND3))
def test_rows(docs: dict[str, Extraction], name: str) -> None:
    assert [_row(r) for r in _table(docs[name]).rows] == _expected(name)


def _rows(docs: dict[str, Extraction], name: str) -> dict[str, IndicatorRow]:
    return {r.name: r for r in _table(docs[name]).rows}


def _parsed(r: IndicatorRow, role: Role) -> tuple:
    v = r.value(role)
    assert v is not None and v.parsed is not None, (r.name, role)
    p = v.parsed
    number = p.value if p.value is not None else tuple(p.parts) if p.parts else (p.low, p.high) if p.low else None
    return str(p.qualifier), number, p.cumulative


@pytest.mark.parametrize("name, columns, kind", [
    ("bracket_growth_txt", ["类别", "指标", "单位", "2020年基数", "2025年目标值(规划值)", "年均增长〔累计〕", "属性"],
     "main"),
    ("term_end_cells_txt", ["序号", "指标名称", "2020年基数", "“十四五”末", "属性"], "main"),
    ("paged_wrapped_txt", ["序号", "指标", "单位", "2020年基数", "2025年目标", "年均增长〔累计〕", "属性"], "main"),
    ("wrapped_header_tsv", ["序号", "指标", "单位", "2020年基数", "2025年目标", "年均增长〔累计〕", "属性"], "main"),
    ("completion_status_html", ["序号", "指标", "单位", "2015年", "2020年目标", "2020年完成", "完成情况", "属性"],
     "completion"),
    ("completion_cells_txt", ["序号", "指标", "单位", "规划目标", "实际完成", "完成情况"], "completion"),
    ("fifteenth_docx", ["类别", "序号", "指标", "单位", "2025年基数", "2030年目标值", "年均增长〔%〕", "属性"], "main"),
    ("unit_header_tsv", ["序号", "指标名称(单位)", "2020年实际值", "2025年规划值", "2035年远景值", "指标属性"], "main"),
])
def test_columns_and_kind(docs: dict[str, Extraction], name: str, columns: list[str], kind: str) -> None:
    t = _table(docs[name])
    assert (t.columns, t.kind) == (columns, kind)


@pytest.mark.parametrize("label", [
    "年均增长〔累计〕", "年均增长[累计]", "年均增长（累计）", "年均增长〔%〕", "年均增速【%】",
    "2025年目标值（规划值）", "“十四五”末", "十三五期末", "完成情况", "实际完成", "〔累计〕", "指标名称（单位）"])
def test_header_label_variants(label: str) -> None:
    assert header_labels(label) is not None and len(header_labels(label)) == 1


def test_header_line_split_into_labels() -> None:
    """A PDF-text header line: 2025年 and 年均增长 are two columns; a wrapped second line gives one piece each."""
    assert header_labels("序号 指标 单位 2020年 2025年 年均增长 属性") == [
        "序号", "指标", "单位", "2020年", "2025年", "年均增长", "属性"]
    assert header_labels("基数 目标 〔累计〕") == ["基数", "目标", "〔累计〕"]
    assert header_labels("2016—2020年均增速(%)") == ["2016—2020年均增速(%)"]


@pytest.mark.parametrize("labels, roles", [
    (["指标", "2020年", "2025年", "2035年", "属性"],
     [("name", None), ("base", 2020), ("target", 2025), ("target", 2035), ("attribute", None)]),
    (["指标", "2025年", "2030年", "2035年"], [("name", None), ("base", 2025), ("target", 2030), ("target", 2035)]),
    (["指标", "单位", "2020年基数", "“十四五”末"], [("name", None), ("unit", None), ("base", 2020), ("target", 2025)]),
    (["指标", "“十四五”期末", "“十五五”期末"], [("name", None), ("base", 2025), ("target", 2030)]),
    # an annual report's one-year step stays as it was: the later year is the target
    (["指标", "2023年完成", "2024年目标"], [("name", None), ("base", 2023), ("target", 2024)]),
])
def test_roles_of_long_range_and_term_columns(labels: list[str], roles: list[tuple]) -> None:
    assert [(c.role, c.year) for c in classify(labels, completion=False)] == roles


def test_first_target_is_the_plans_own(docs: dict[str, Extraction]) -> None:
    """Beside a 2035 远景 column, row.value(TARGET) is the plan's own year, the first after the base."""
    for name, year in (("vision_2035_txt", 2025), ("unit_header_tsv", 2025), ("vision_html", 2030)):
        assert {r.value(Role.TARGET).year for r in _table(docs[name]).rows} == {year}, name


def test_group_rows_give_categories(docs: dict[str, Extraction]) -> None:
    for name in ("category_rows_html", "stream_groups_txt"):
        t = _table(docs[name])
        assert all(r.category and "、" not in r.category for r in t.rows)


def test_of_which_rows(docs: dict[str, Extraction]) -> None:
    rows = _rows(docs, "subrows_docx")
    assert rows["农村居民人均可支配收入"].parent_name == "居民人均可支配收入"
    assert rows["每千人口医疗卫生机构床位数"].parent_name is None
    part = _rows(docs, "wrapped_header_tsv")["工业投资"]
    assert (part.parent_name, part.seq, part.attribute) == ("固定资产投资", "2", "预期性")


def test_notes_and_marks(docs: dict[str, Extraction]) -> None:
    t = _table(docs["reordered_txt"])
    assert t.notes == ["注：1.①地区生产总值绝对值按当年价格计算，增速按可比价格计算。",
                       "2.②居民人均可支配收入为全体居民口径。"]
    assert [r.name for r in t.rows][:3] == ["地区生产总值", "一般公共预算总收入", "居民人均可支配收入"]


def test_parsed_values(docs: dict[str, Extraction]) -> None:
    b = _rows(docs, "bracket_growth_txt")
    assert _parsed(b["城镇新增就业人数"], Role.TARGET) == ("exact", D(18), True)
    assert _parsed(b["常住人口城镇化率"], Role.GROWTH) == ("exact", D("4.7"), True)
    assert _parsed(b["城镇调查失业率"], Role.TARGET) == ("at_most", D("5.5"), False)
    assert _parsed(b["单位地区生产总值能源消耗降低"], Role.GROWTH) == ("qualitative", None, False)
    c = _rows(docs, "category_rows_html")
    assert _parsed(c["地区生产总值年均增长"], Role.TARGET) == ("range", (D(5), D(6)), False)
    assert _parsed(c["二三产业增加值比例"], Role.TARGET) == ("exact", (D(40), D(60)), False)
    assert _parsed(c["亿元地区生产总值生产安全事故死亡率"], Role.TARGET) == ("less_than", D("0.5"), False)
    assert _parsed(c["地表水国控断面水质优良比例"], Role.TARGET) == ("qualitative", None, False)
    v = _rows(docs, "vision_html")
    assert _parsed(v["居民人均可支配收入"], Role.TARGET) == ("exact", D(88000), False)
    assert _parsed(v["单位地区生产总值能源消耗降低"], Role.TARGET) == ("qualitative", None, True)
    assert [x.raw for x in v["居民人均可支配收入"].values if x.year == 2035] == ["翻一番"]


def test_unit_printed_as_dash_is_none(docs: dict[str, Extraction]) -> None:
    air = _rows(docs, "remarks_html")["城市空气质量"]
    assert (air.unit, air.attribute, air.value(Role.BASE).raw) == (None, "约束性", "良")


def test_units_line_under_title_is_not_a_header(docs: dict[str, Extraction]) -> None:
    t = _table(docs["term_end_cells_txt"])
    assert (t.title, t.span.line_start, len(t.rows)) == ("表1 顺德区“十四五”时期主要指标", 5, 5)
