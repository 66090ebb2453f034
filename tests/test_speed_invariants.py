"""The shortcuts taken for extraction speed give the same answers as the plain definitions they replace."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

import planscope.parse.outline_lines as ol
from planscope.ingest import Paragraph, SourceText
from planscope.ingest.script import _mismatches, detect_script
from planscope.ingest.wrap import display_width
from planscope.parse.figures import context, phrases
from planscope.parse.figures.phrases import find_phrases
from planscope.parse.figures.sentences import (
    SENTENCE_END,
    Sentence,
    arabic_years,
    is_running_text,
    split_sentences,
)
from planscope.parse.outline_lines import HEAD_FIRST, classify, norm, strip_page_tail
from planscope.parse.tables.header import header_labels, may_be_labels


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


# --- round two: figures, outline, tables ---------------------------------------------------------------------

def _para(text: str) -> Paragraph:
    return Paragraph(text, [1], [0])


def test_clause_bounds_by_bisection_match_stepping() -> None:
    rng = random.Random(11)
    for _ in range(400):
        text = "".join(rng.choice("，,；;：:“”「」《》（）()ab中1") for _ in range(rng.randrange(0, 60)))
        sent = Sentence(text, _para(text), range(len(text)))
        for i in range(len(text) + 1):
            start = i
            while start > 0 and not sent.is_break(start - 1):
                start -= 1
            end = i
            while end < len(text) and not sent.is_break(end):
                end += 1
            assert sent.clause_bounds(i) == (start, end), (text, i)


def test_split_sentences_matches_the_per_sentence_definition() -> None:
    # years converted once per paragraph, offsets as ranges when there are no spaces: same sentences as
    # converting each sentence and listing each offset
    rng = random.Random(5)
    parts = ["二〇二五年", "二○二四", "年", "。", "！", "？", "，", " ", "\u3000", "增长", "6%", "一二三四", "O"]
    for _ in range(500):
        text = "".join(rng.choice(parts) for _ in range(rng.randrange(0, 30)))
        para = _para(text)
        chars = "".join(c for c in text if not c.isspace())
        offs = [k for k, c in enumerate(text) if not c.isspace()]
        want, start = [], 0
        ends = [k + 1 for k, c in enumerate(chars) if c in SENTENCE_END]
        for end in [*ends, len(chars)]:
            if end > start:
                want.append((arabic_years(chars[start:end]), offs[start:end], chars[start:end]))
                start = end
        got = [(s.text, list(s.offsets), s.original) for s in split_sentences(para)]
        assert got == want, text


def test_running_text_test_is_the_plain_one() -> None:
    rng = random.Random(2)
    for _ in range(2000):
        t = "".join(rng.choice("，。；,;！？：:ab 中\t预期性") for _ in range(rng.randrange(0, 60)))
        plain = "\t" not in t and "预期性" not in t and any(ch in t for ch in "，。；,;！？：:") and (
            len(t.split()) < 3 or len(t) > 40)
        assert is_running_text(_para(t)) == plain, t


def test_phrase_prefilters_never_drop_a_match() -> None:
    rng = random.Random(9)
    bits = ["由", "从", "第", "12", "、", "，", "增长", "经济", "生产总值", "完成", "下达", "目标", "同步", "与",
            "省", "任务", "中", "a", "\n"]
    from_rx = r"(?:由|从)[^，,；;]{0,6}$"
    for _ in range(3000):
        text = "".join(rng.choice(bits) for _ in range(rng.randrange(0, 14)))
        for a in range(len(text) + 1):
            window = text[a - 8 if a > 8 else 0:a]
            fast = ("由" in window or "从" in window) and bool(phrases._FROM.search(text[:a]))
            assert fast == bool(re.search(from_rx, text[:a])), (text, a)
            fast = a >= 2 and "、" in text[a - 2:a] and bool(phrases._ORDINAL_LIST.search(text[:a]))
            assert fast == (a >= 2 and bool(re.search(rf"第{phrases.AR}、$", text[:a]))), (text, a)
        if phrases.QUALITATIVE_RE.search(text):
            assert phrases._HINT_QUAL.search(text), text


def test_chinese_numerals_without_unit_are_never_quantities() -> None:
    # find_phrases skips them before any other test, on the strength of this
    rng = random.Random(4)
    bits = ["一", "十", "百", "千", "两", "三", "万", "亿", "余", "多", "超", "近", "约", "以上", "个", "中", "第"]
    for _ in range(3000):
        text = "".join(rng.choice(bits) for _ in range(rng.randrange(1, 10)))
        for m in phrases.NUMBER_RE.finditer(text):
            if not m.group("unit") and not phrases._AR_FULL.fullmatch(m.group("num")):
                assert not any(phrases._chinese_allowed(text, m, pre) for pre in [None, *phrases.PRE_QUALS])


def test_heading_first_characters() -> None:
    # paragraph_modes and classify skip a line whose first character no heading pattern starts with
    rng = random.Random(8)
    bits = ["第", "一", "二", "十", "章", "、", "（", "(", "）", "专", "栏", "附", "件", "1", "前言", "注", "：", " ",
            "\u3000", "\t", "中", "序言", "引言", "节", "篇"]
    for _ in range(5000):
        t = "".join(rng.choice(bits) for _ in range(rng.randrange(0, 10)))
        if context.HEADING_RE.match(re.sub(r"\s+", "", t)):
            assert t.lstrip()[:1] in context._HEADING_FIRST, t
        s = norm(t)
        if s[:1] not in HEAD_FIRST:
            assert classify.__wrapped__(t) is None, t
            assert not any(rx.match(s) for rx in (ol._STRUCT, ol._BOX, ol._APPENDIX, ol._APPENDIX_SHORT, ol._NOTES,
                                                  ol._ITEM, ol._LOST_ITEM, ol._SUBITEM)), t
            assert not ol._PREFACE.match(s.replace(" ", "")), t
        assert strip_page_tail(s)[:1] in (s[:1], ""), t  # the TOC rules test the first character before stripping


def test_header_labels_ruled_out_without_normalising() -> None:
    # NFKC keeps CJK unified ideographs and turns whitespace into whitespace, so the first one is squash's first
    assert all(unicodedata.normalize("NFKC", chr(c)) == chr(c) for c in range(0x4E00, 0xA000))
    assert all(all(x.isspace() for x in unicodedata.normalize("NFKC", chr(c)))
               for c in range(0x110000) if chr(c).isspace())
    marks = [chr(c) for c in range(0x300, 0x370)] + ["\u3099", "\u309a"]
    assert all(unicodedata.normalize("NFKC", c + m)[0] == c for c in "中指年增完" for m in marks)
    rng = random.Random(6)
    bits = ["指标", "名称", "单位", "2020年", "目标值", "属性", "（%）", "中", "增速", " ", "\u3000", "年均", "类别",
            "序号", "预期", "完成值", "累计", "\uf98e", "２０２５年", "备注", "基期", "现状", "实际"]
    for _ in range(5000):
        t = "".join(rng.choice(bits) for _ in range(rng.randrange(0, 6)))
        if not may_be_labels(t):
            assert header_labels(t) is None, t
    assert may_be_labels("  指标名称") and not may_be_labels("加快建设现代化经济体系")


# --- round three: first-pass shortcuts in ingest, outline, tables, projects, footnotes ---------------------------

_SPACEY = ["中", "a", " ", "  ", "\t", "\u00a0", "\u3000", "\u2028", "\u200b", "\u00ad", "\ufeff", "\x0c", "，", "¹",
           "第", "一", "、", "目", "录", "(", "“", "\n"]


def _random_lines(seed: int, n: int = 4000, bits: list[str] = _SPACEY) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(bits) for _ in range(rng.randrange(0, 12))) for _ in range(n)]


def test_norm_and_normalise_line_shortcuts_match_the_regexes() -> None:
    from planscope.ingest.clean import _ODD_SPACES, _ZERO_WIDTH, normalise_line

    for s in _random_lines(21):
        assert norm.__wrapped__(s) == ol._SPACES.sub(" ", s).strip(), repr(s)
        assert normalise_line(s) == _ZERO_WIDTH.sub("", _ODD_SPACES.sub(" ", s)), repr(s)


def test_nfkc_and_compact_match_unicodedata() -> None:
    from planscope.parse.numbers import compact, nfkc

    rng = random.Random(22)
    pool = list("，（）：；！？％⁰¹²³⁴⁵⁶⁷⁸⁹中文ae ｅ１…℃Ⅲ가ᄀ\u3000\u00a0\t\u0301\u0308\u00a8\u1161\u11a8")
    for _ in range(20000):
        s = "".join(rng.choice(pool) for _ in range(rng.randrange(0, 12)))
        assert nfkc(s) == unicodedata.normalize("NFKC", s), repr(s)
        assert compact(s) == re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)), repr(s)


def test_clean_title_shortcut_matches_the_plain_definition() -> None:
    for s in _random_lines(23):
        plain = ol._CJK_SPACE.sub("", norm(s.translate(ol._NO_SUPERSCRIPTS))).strip()
        assert ol.clean_title(s) == plain, repr(s)


def test_classify_skips_only_lines_no_pattern_takes() -> None:
    for s in _random_lines(24, bits=[*_SPACEY, "章", "节", "专", "栏", "附", "件", "注", "：", "1"]):
        assert classify(s) == classify.__wrapped__(s), repr(s)


def test_first_character_prechecks_of_toc_and_footnotes() -> None:
    from planscope.parse.footnotes import _DEFINITION, _MARK_FIRST
    from planscope.parse.outline_toc import _head

    for s in _random_lines(25, bits=[*_SPACEY, "章", "²", "0"]):
        first = s[:1]
        if first and not first.isspace():
            if first not in HEAD_FIRST:
                assert _head(norm(s)) is None, repr(s)
            if first not in _MARK_FIRST:
                assert not _DEFINITION.match(norm(s)), repr(s)


def test_widget_and_spam_shortcuts_match_the_plain_tests() -> None:
    from planscope.ingest import junk

    bits = ["•", "当前位置", "：", "来源", "发布时间", "打印", "关闭", "。", "a", "B", "headerNav", "中", " ",
            "2024-01-02", "无码", "视频", "高清", "在线观看", "AV", "\n", "您的位置"]
    lines = _random_lines(26, n=3000, bits=bits)
    words = junk._spam_word_lines(lines)
    for i, s in enumerate(lines):
        assert (i in words) == bool(junk._SPAM_ANY.search(s)), repr(s)
        t = s.strip()
        plain = bool(t) and (bool(junk._BULLET.match(t)) or bool(junk._BREADCRUMB.match(t))
                             or bool(junk._CSS_TOKEN.match(t) and junk._CSS_HINT.search(t)) or junk._bar(t))
        if t and not junk._BULLET.match(t):
            assert junk.is_widget(s) == plain, repr(s)


def test_whole_text_conversion_is_the_line_by_line_one() -> None:
    from planscope.ingest.clean import _simplified
    from planscope.ingest.script import to_simplified

    bits = ["發展", "規劃", "綱要", "經濟", "中", "，", " ", "乾", "隻", "後", "髮", "台"]
    lines = _random_lines(27, n=600, bits=bits)
    assert _simplified(lines) == [to_simplified(s) for s in lines]
    assert _simplified(["發\n展", "規劃"]) == [to_simplified("發\n展"), "规划"]


def test_project_header_like_shortcut() -> None:
    from planscope.parse.projects import header as ph

    for s in _random_lines(28, bits=["项目名称", "总投资", "中", " ", "\u3000", "\t", "1", "合计", "（一）"]):
        plain = bool(ph.squash(s)) and len(ph.squash(s)) <= 16 and not ph._FIGURE_ONLY.fullmatch(ph.squash(s)) \
            and not ph._GROUP_NO.match(ph.squash(s)) and not ph._NOT_HEADER.search(ph.squash(s))
        assert ph.header_like(s) == plain, repr(s)


def test_check_lines_still_names_the_line_with_a_digit_run() -> None:
    import pytest

    from planscope.ingest.errors import IngestError
    from planscope.ingest.limits import MAX_DIGIT_RUN, check_lines

    check_lines("ok.txt", ["1" * MAX_DIGIT_RUN, "增长6%"])
    with pytest.raises(IngestError, match="line 3 holds a number"):
        check_lines("bad.txt", ["a", "1" * MAX_DIGIT_RUN, "x" + "9" * (MAX_DIGIT_RUN + 1)])


def _align_reference(pieces: list, cols: list, skip_cost: Callable[[int], float], merge: bool,
                     merge_penalty: float = 0.2, need_name: bool = True) -> list | None:
    """tables.align.align as it was before its gains were scored once per (piece, role): the plain DP."""
    from planscope.parse.tables.align import MAX_PIECES, NEG, _join, _relax, cell_score
    from planscope.parse.tables.content import squash

    n, m = len(pieces), len(cols)
    name_cols = {j for j, c in enumerate(cols) if c.role == "name"}
    best = [[[NEG, NEG] for _ in range(m + 1)] for _ in range(n + 1)]
    back: dict = {}
    best[0][0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for h in (0, 1):
                cur = best[i][j][h]
                if cur == NEG:
                    continue
                if j < m:
                    _relax(best, back, (i, j + 1, h), cur - skip_cost(j), (i, j, h, "skip"))
                if i < n and not squash(pieces[i].text):
                    _relax(best, back, (i + 1, j, h), cur - 1.0, (i, j, h, "drop"))
                if i < n and j < m:
                    for k in range(i + 1, min(n, i + (MAX_PIECES if merge else 1)) + 1):
                        text = _join(pieces[i:k])
                        gain = cell_score(text, cols[j].role)
                        if gain == NEG:
                            continue
                        hh = 1 if (h or (j in name_cols and squash(text))) else 0
                        _relax(best, back, (k, j + 1, hh), cur + gain - merge_penalty * (k - i - 1), (i, j, h, "take"))
    h_end = 1 if need_name or best[n][m][1] >= best[n][m][0] else 0
    if best[n][m][h_end] == NEG:
        return None
    out: list = [[] for _ in range(m)]
    state = (n, m, h_end)
    while state != (0, 0, 0):
        i0, j0, h0, how = back[state]
        if how == "take":
            out[j0] = pieces[i0:state[0]]
        state = (i0, j0, h0)
    return out


def test_align_scores_each_cell_once_with_the_same_answers() -> None:
    from planscope.parse.tables.align import Piece, align
    from planscope.parse.tables.header import Column

    rng = random.Random(29)
    texts = ["1", "2", "地区生产总值", "增长", "%", "亿元", "6左右", "7.5", "[19.4]", "预期性", "约束性", "", " ", "—",
             "完成省下达", "目标", "（", "）", "≥88", "万人"]
    roles = ["category", "seq", "name", "sub", "unit", "base", "target", "actual", "growth", "status", "attribute",
             "remark", "extra", "name"]
    for _ in range(400):
        cols = [Column(r, r) for r in rng.sample(roles, rng.randrange(1, 7))]
        pieces = [Piece(t, t, k) for k, t in enumerate(rng.choice(texts) for _ in range(rng.randrange(0, 9)))]
        costs = [rng.choice([0.0, 0.3, 1.0, 1.5, 9.0]) for _ in cols]
        for merge in (False, True):
            need = rng.random() < 0.5
            got = align(pieces, cols, costs.__getitem__, merge, need_name=need)
            assert got == _align_reference(pieces, cols, costs.__getitem__, merge, need_name=need)


def test_metadata_squeeze_and_toc_openers() -> None:
    from planscope.ingest import toc
    from planscope.parse.metadata import _squeeze

    bits = [*_SPACEY, "\x1c", "\x1f", "\x85", "\u2029", "\u1680", "\u202f", "\u205f", "\u180e", "\x0b", "\r", "附",
            "件", "章", "1", "……", "\t3"]
    for s in _random_lines(30, bits=bits):
        assert _squeeze(s) == re.sub(r"[\s\u00a0\u3000]+", "", s), repr(s)
        t = s.strip()
        if toc._TOC_HEAD.match(t) or toc._STRONG_ENTRY.match(t):
            assert t[:1] in toc._OPENERS, repr(s)


def test_detect_wrapped_ignores_only_short_lines() -> None:
    from planscope.ingest import wrap

    for s in _random_lines(31, bits=["中", "a", "“", "—", "，", "\U00020000", "⁹"]):
        w = wrap._width_over_16(s)
        assert w == display_width(s) if display_width(s) > 16 else w <= 16, repr(s)


def test_sentence_end_told_from_the_end() -> None:
    from planscope.ingest import wrap

    for s in _random_lines(32, bits=["。", "！", "；", "”", "」", "）", ")", "中", "\n", " ", "，", "』"]):
        assert wrap._ends_sentence(s) == bool(wrap._SENTENCE_END_RE.search(s)), repr(s)
