"""The query grammar and the snippet builder, without a database."""

from __future__ import annotations

from planscope.search.normalize import fold, fold_with_map, query_form
from planscope.search.query import fts5_expression, like_pattern, parse_query
from planscope.search.snippet import highlight, match_spans


def test_terms_are_simplified_folded_and_trimmed() -> None:
    assert parse_query("研發經費").clauses == [["研发经费"]]
    assert parse_query("５Ｇ 基站").clauses == [["5g"], ["基站"]]
    assert parse_query("(绿道) 研发*").clauses == [["绿道"], ["研发"]]
    assert parse_query("“新能源 汽车”").clauses == [["新能源汽车"]]  # a phrase: spaces are not indexed
    assert parse_query("R&D 5.5%").clauses == [["r&d"], ["5.5"]]  # punctuation inside a term is kept


def test_or_and_and_operators() -> None:
    assert parse_query("绿道 OR 碧道 AND 公园").clauses == [["绿道", "碧道"], ["公园"]]
    assert parse_query("OR 绿道 OR").clauses == [["绿道"]]  # dangling operators are dropped
    assert parse_query('"OR" 绿道').clauses == [["or"], ["绿道"]]  # quoted, OR is a word


def test_malformed_input_parses_to_something_safe() -> None:
    for q in ['"', '"绿道', "NEAR(绿道 碧道, 3)", "***", "()", "a:b", "'; DROP TABLE paragraphs; --", "", None]:
        parsed = parse_query(q)
        for t in parsed.terms:
            assert t and '"' not in t
    assert not parse_query("*** () ”“")
    expr = fts5_expression([['a"b', "绿道建设"], ["c d"]])
    assert expr == '("a""b" OR "绿道建设") AND "c d"'  # quotes doubled: MATCH sees literal phrases only
    assert like_pattern("50%_a\\") == "%50\\%\\_a\\\\%"


def test_fold_maps_back_to_original_characters() -> None:
    text = "研发 经费：５Ｇ基站"
    folded, where = fold_with_map(text)
    assert folded == fold(text) == "研发经费:5g基站"
    assert [text[i] for i in where] == list("研发经费：５Ｇ基站")
    assert query_form("基礎設施") == "基础设施"


def test_snippet_marks_matches_as_printed_and_escapes_html() -> None:
    text = "推进研发 经费投入<b>，５Ｇ基站&建设"
    assert match_spans(text, ["研发经费", "5g"]) == [(2, 7), (13, 15)]
    assert highlight(text, ["研发经费", "5g"]) == \
        "推进<mark>研发 经费</mark>投入&lt;b&gt;，<mark>５Ｇ</mark>基站&amp;建设"


def test_snippet_window_goes_to_the_matches() -> None:
    text = "甲" * 300 + "绿道" + "乙" * 300
    s = highlight(text, ["绿道"], width=60)
    assert s.startswith("…") and s.endswith("…") and "<mark>绿道</mark>" in s
    assert len(s.replace("<mark>", "").replace("</mark>", "")) == 62
