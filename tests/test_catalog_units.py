"""The unit table: normalisation, pair vs rate units, exact Decimal conversions."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from planscope.catalog import InexactConversion, UnitError, convert, normalize_unit, parse_unit, split_pair


@pytest.mark.parametrize(("raw", "norm"), [
    ("億元", "亿元"), ("萬人次", "万人次"), (" 万人次/ 万吨", "万人次/万吨"), ("Mbps", "兆位/秒"), ("1/10萬", "1/10万"),
    ("（%）", "%"), ("TEU", "标箱"), ("万TEU", "万标箱"), ("㎡", "平方米"),
])
def test_normalize_unit(raw, norm):
    assert normalize_unit(raw) == norm


@pytest.mark.parametrize(("unit", "parts"), [
    ("万人次/万吨", ["万人次", "万吨"]), ("亿吨/万标箱", ["亿吨", "万标箱"]), ("%/亿元", ["%", "亿元"]),
    ("亿人次/万吨", ["亿人次", "万吨"]), ("万元/人", ["万元/人"]), ("微克/立方米", ["微克/立方米"]),
    ("兆位/秒", ["兆位/秒"]), ("吨标准煤/万元", ["吨标准煤/万元"]), ("1/10万", ["1/10万"]), ("%", ["%"]),
])
def test_pair_or_rate(unit, parts):
    assert split_pair(unit) == parts


@pytest.mark.parametrize(("value", "src", "dst", "out"), [
    ("1860.06", "亿元", "万元", "18600600"),
    ("18600600", "万元", "亿元", "1860.06"),
    ("7339", "万人次", "亿人次", "0.7339"),
    ("0.73", "亿人次", "万人次", "7300"),
    ("6.6", "万吨", "吨", "66000"),
    ("1.2", "亿吨", "万吨", "12000"),
    ("5", "%", "‰", "50"),
    ("1.73", "‰", "%", "0.173"),
    ("12", "1/10万", "‰", "0.12"),
    ("850", "万人", "人", "8500000"),
    ("1", "平方公里", "平方米", "1000000"),
    ("3", "亩", "平方米", "2000"),
    ("1", "平方公里", "亩", "1500"),
    ("9.46", "万元/人", "元/人", "94600"),
    ("1000", "兆位/秒", "Gbps", "1"),
    ("2.5", "万千瓦", "千瓦", "25000"),
])
def test_convert_exact(value, src, dst, out):
    got = convert(D(value), src, dst)
    assert isinstance(got, D) and got == D(out) and str(got) == out


def test_convert_refuses_what_it_cannot_do_exactly():
    with pytest.raises(InexactConversion):
        convert(D(1), "亩", "平方米")
    assert convert(D(1), "亩", "平方米", places=2) == D("666.67")
    with pytest.raises(UnitError):
        convert(D(1), "亿元", "亿美元")  # no exchange rates
    with pytest.raises(UnitError):
        convert(D(1), "万人", "万人次")
    with pytest.raises(UnitError):
        parse_unit("斗")


def test_dimensions():
    assert parse_unit("万座").dimension == parse_unit("座").dimension != parse_unit("个").dimension
    assert parse_unit("岁").dimension == parse_unit("年").dimension
