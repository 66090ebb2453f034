from decimal import Decimal

import pytest

from planscope.parse.values import parse_value


@pytest.mark.parametrize(
    ("raw", "qualifier", "numbers"),
    [
        ("6左右", "about", [Decimal(6)]),
        ("约30", "about", [Decimal(30)]),
        ("≥88", "at_least", [Decimal(88)]),
        (">97", "more_than", [Decimal(97)]),
        ("98以上", "at_least", [Decimal(98)]),
        ("[≥110]", "at_least", [Decimal(110)]),
        ("7339/192", "exact", [Decimal(7339), Decimal(192)]),
        ("年均 7.5 以上 /28000", "at_least", [Decimal("7.5"), Decimal(28000)]),
        ("5-8", "range", [Decimal(5), Decimal(8)]),
        ("5%—6%", "range", [Decimal(5), Decimal(6)]),  # prose ranges print the unit twice
        ("6%到6.5%", "range", [Decimal(6), Decimal("6.5")]),
        ("5～6%", "range", [Decimal(5), Decimal(6)]),
        ("≤30", "at_most", [Decimal(30)]),
        # table cells of round three: 〔 〕 for a five-year total, an em-dash range, a pair, 以内, <
        ("〔18〕", "exact", [Decimal(18)]),
        ("3—5", "range", [Decimal(3), Decimal(5)]),
        ("40/60", "exact", [Decimal(40), Decimal(60)]),
        ("5.5以内", "at_most", [Decimal("5.5")]),
        ("<0.5", "less_than", [Decimal("0.5")]),
    ],
)
def test_grammar(raw, qualifier, numbers):
    v = parse_value(raw)
    assert v is not None
    assert v.qualifier == qualifier
    assert v.numbers() == numbers


def test_cumulative_ref_year_and_mark():
    v = parse_value("7339/192* (2019年)")
    assert v.parts == [7339, 192] and v.ref_year == 2019 and v.footnote_mark
    c = parse_value("[19.4]")
    assert c.cumulative and c.value == Decimal("19.4") and str(c.value) == "19.4"


def test_qualitative_and_empty():
    assert parse_value("完成省下达目标").text == "完成省下达目标"
    assert parse_value("与经济 增长保 持同步").qualifier == "qualitative"
    assert parse_value("—") is None
    assert parse_value("/") is None


def test_table_cells_of_the_corpus():
    v = parse_value("1200（标方 72万立方米）")
    assert v.value == Decimal(1200) and v.text == "标方72万立方米"
    assert parse_value("113.4(億美元)").unit == "億美元"
    assert parse_value("暫無核定數") is None
    rate = parse_value("≤12/10万")
    assert rate.qualifier == "at_most" and rate.value == 12 and rate.unit == "/10万"


def test_prose_range_keeps_its_unit_and_old_forms_parse_as_before():
    assert parse_value("5%—6%").unit == "%" and parse_value("5-8").unit is None
    assert parse_value("5-8%").unit == "%"
    assert parse_value("6-5%").qualifier == "qualitative"  # not a range: low above high
