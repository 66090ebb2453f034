"""Property tests (hypothesis) for the parsers: any input gives a result or a clean refusal, never a crash or a
hang. Strategies mix the grammar's own tokens (章/节, 一、, 左右, ≥, [ ], 亿元, TAB cells…) with arbitrary Unicode,
so the examples reach deep into each rule instead of bouncing off at the first character.

Time limits are checked per example (hypothesis `deadline`) and, for long inputs, by a linear-time budget: the
quadratic clause scan these tests found (parse/figures/sentences.py) took 24 s on a 16k-character line.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planscope.ingest import build_source
from planscope.model import ParsedValue
from planscope.parse import extract_source
from planscope.parse.figures import extract_figures
from planscope.parse.metadata import detect_metadata
from planscope.parse.numbers import to_decimal
from planscope.parse.outline import parse_footnotes, parse_outline
from planscope.parse.tables import find_indicator_tables
from planscope.parse.values import parse_value

FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
DOCS = settings(max_examples=60, deadline=5000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Tokens of the plan grammar: numbers, qualifiers, units, headings, table words, punctuation, odd characters.
TOKENS = [
    "1", "12", "3.5", "1,860.06", "０９", "一", "十五", "两千", "二〇二五", "3.5万亿", "7339万", "1.45亿", "百分之",
    "左右", "以上", "以下", "≥", "≤", ">", "<", "[", "]", "［", "］", "(", ")", "（", "）", "/", "%", "‰", "~", "-",
    "—", "—", "年", "2025年", "（2019年）", "亿元", "万人", "平方米", "个百分点", "*", "累计", "预期性", "约束性", "第",
    "章", "节", "第一章", "第二节", "一、", "（一）", "1.", "专栏", "注：", "附件", "指标", "增长", "达到", "控制在",
    "降低", "提高", "力争", "到2025年", "“", "”", "《", "》", "，", "。", "；", "：", "、", "\t", " ", "　",
    "\u200b", "\u202e", "\u200f", "\ufeff", "\x00", "\x07", "\ud800", "\U0001F600", "𠀀", "國民經濟",
]
token_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)), max_size=25).map("".join)
line = st.one_of(token_text, st.text(max_size=40))
lines = st.lists(line, min_size=1, max_size=60)


def _source(ls: list[str]):  # type: ignore[no-untyped-def]
    return build_source("fuzz.txt", "txt", ls)


@FAST
@given(st.one_of(token_text, st.text(max_size=60), st.none()))
def test_parse_value_total(raw: str | None) -> None:
    pv = parse_value(raw)
    assert pv is None or isinstance(pv, ParsedValue)
    if pv is not None:
        json.dumps(pv.to_json(), default=str)  # the contract shape always serialises
        for d in (pv.value, pv.low, pv.high):
            assert d is None or (isinstance(d, Decimal) and d.is_finite())


@FAST
@given(st.one_of(token_text, st.text(max_size=40), st.from_regex(r"\A[0-9,.]{1,30}(万亿|亿|万)?\Z")))
def test_to_decimal_number_or_value_error(s: str) -> None:
    try:
        d = to_decimal(s)
    except ValueError:
        return  # the documented refusal: "not a number"
    assert isinstance(d, Decimal) and d.is_finite()


@DOCS
@given(lines)
def test_extract_never_crashes_and_serialises(ls: list[str]) -> None:
    src = _source(ls)
    ex = extract_source(src)
    doc = ex.to_json()
    json.dumps(doc, ensure_ascii=False, allow_nan=False, default=str)
    n = len(ls)
    for h in ex.outline:  # every fact points inside the document
        assert 1 <= h.span.line_start <= h.span.line_end <= n
    for t in ex.indicator_tables:
        assert 1 <= t.span.line_start <= t.span.line_end <= n
    for f in [*ex.targets, *ex.observations]:
        assert 1 <= f.span.line_start <= f.span.line_end <= n


@DOCS
@given(lines)
def test_each_stage_alone(ls: list[str]) -> None:
    src = _source(ls)
    meta = detect_metadata(src)
    parse_outline(src)
    parse_footnotes(src)
    find_indicator_tables(src)
    extract_figures(src, meta)


@DOCS
@given(st.lists(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), min_size=1, max_size=8)
                .map("\t".join), min_size=2, max_size=30))
def test_tab_tables(rows: list[str]) -> None:
    header = "序号\t指标\t单位\t2020年\t2025年\t属性"
    src = _source(["表1 主要指标", header, *rows])
    for t in find_indicator_tables(src):
        json.dumps(t.to_json(), ensure_ascii=False, default=str)


# Long inputs: every stage must stay near-linear. Budgets are generous (a slow CI machine) but far below what a
# quadratic rule takes on these sizes (seconds to minutes).
LONG = ["1,", "增长5%，", "一、", "（一）", "左右", "[", "“", "第一章", "\t1", "1" * 50 + " ", "到2025年达到10亿元，"]


def _budget(pattern: str, n_chars: int) -> float:
    s = (pattern * (n_chars // len(pattern) + 1))[:n_chars]
    t = time.perf_counter()
    extract_source(_source([s, s[: n_chars // 4], "结语。"]))
    return time.perf_counter() - t


def test_long_lines_stay_linear() -> None:
    for p in LONG:
        small, big = _budget(p, 4_000), _budget(p, 32_000)
        # 8x the text may cost ~8x the time; a quadratic rule costs 64x. Floor small at 5 ms for timer noise.
        assert big < max(small, 0.005) * 25 and big < 6.0, (p, small, big)


def test_many_short_lines_stay_fast() -> None:
    body = ["第一章 总则", "一、发展基础", "地区生产总值增长6%左右，达到1.2万亿元。"] * 3000
    t = time.perf_counter()
    extract_source(_source(body))
    assert time.perf_counter() - t < 30
