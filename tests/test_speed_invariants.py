"""The shortcuts taken for extraction speed give the same answers as the plain definitions they replace."""

from __future__ import annotations

import random
import unicodedata

from planscope.ingest import SourceText
from planscope.ingest.script import _mismatches, detect_script
from planscope.ingest.wrap import display_width
from planscope.parse.figures.phrases import find_phrases
from planscope.parse.outline_lines import classify


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def test_display_width_is_the_east_asian_width_sum() -> None:
    rng = random.Random(7)
    pools = [(0x20, 0x7F), (0xA0, 0x3000), (0x3000, 0xA000), (0xD800, 0xE000), (0xFF00, 0x10000),
             (0x10000, 0x30000), (0xE0000, 0x110000)]
    for _ in range(3000):
        s = "".join(chr(rng.randrange(*rng.choice(pools))) for _ in range(rng.randrange(0, 40)))
        assert display_width(s) == _width(s), s
    assert display_width("2035年远景目标") == 4 + 2 * 5


def test_mismatches_counts_pairwise_like_zip() -> None:
    rng = random.Random(3)
    for _ in range(300):
        a = "".join(rng.choice("ab發发中") for _ in range(rng.randrange(0, 1500)))
        b = "".join(c if rng.random() > 0.02 else "x" for c in a)[: rng.randrange(0, len(a) + 1)]
        assert _mismatches(a, b) == sum(1 for x, y in zip(a, b, strict=False) if x != y)
    assert detect_script("發展規劃綱要，經濟總量邁上新臺階。" * 20) == "traditional"
    assert detect_script("发展规划纲要，经济总量迈上新台阶。" * 20) == "simplified"


def test_paragraphs_are_cached_until_the_lines_change() -> None:
    lines = ["第一章 总则", "地区生产总值增长6%。"]
    src = SourceText("t.txt", "txt", "utf-8", "simplified", list(lines), list(lines))
    first = src.paragraphs()
    assert [p.text for p in first] == lines and [p.text for p in src.paragraphs()] == lines
    first.clear()  # the caller's list is its own
    assert len(src.paragraphs()) == 2
    src.lines[1] = ""
    assert [p.text for p in src.paragraphs()] == ["第一章 总则"]


def test_classify_hands_out_copies() -> None:
    head = classify("第三章 建设现代产业体系")
    assert head is not None and head.kind == "chapter" and head.value == 3
    head.title = "changed"
    again = classify("第三章 建设现代产业体系")
    assert again is not None and again.title == "建设现代产业体系"


def test_phrases_found_past_the_quick_rejection() -> None:
    # every phrase kind still gets through the cheap pre-filter
    kinds = {p.kind for s in ("地区生产总值增长6%左右", "连续八年位居全省第一", "三次产业结构2.56∶42.69∶54.75",
                              "居民收入增长与经济增长同步", "完成省下达的目标任务", "综合实力稳居全市首位")
             for p in find_phrases(s)}
    assert kinds == {"number", "streak", "rank", "ratio", "qualitative"}
    assert find_phrases("坚持创新驱动发展战略，加快建设现代化经济体系") == []
