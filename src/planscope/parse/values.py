"""The value grammar: one parser for every number a plan prints, in a table cell or a prose phrase.

    6左右 · 约30 · ≥88 · >97 · 98以上 · [19.4] · [≥110] · 7339/192 · 7339/192* (2019年) · 年均 7.5 以上 /28000
    5-8 · 113.4(亿美元) · ≤12/10万 · — · 完成省下达目标 · 与经济增长基本同步

`parse_value(raw)` returns a `ParsedValue` (numbers as exact Decimals) or None when the cell holds no value
("—", "/", "暂无核定数" keep their raw text and parse to None).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from planscope.model import ParsedValue, Qualifier
from planscope.parse.numbers import to_decimal

_EMPTY = {"", "—", "-", "–", "/", "／", "——", "--", "无", "暂无", "暂无核定数", "暫無核定數", "…", "..."}
NUM = r"\d+(?:,\d{3})*(?:\.\d+)?(?:万亿|亿|万)?"
_REF_YEAR = re.compile(r"[(（]\s*((?:19|20)\d{2})\s*年?\s*[)）]")
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_PREFIX = [("不低于", Qualifier.AT_LEAST), ("不少于", Qualifier.AT_LEAST), ("不超过", Qualifier.AT_MOST),
           ("不高于", Qualifier.AT_MOST), ("超过", Qualifier.MORE_THAN), ("高于", Qualifier.MORE_THAN),
           ("低于", Qualifier.LESS_THAN), ("约", Qualifier.ABOUT), ("≥", Qualifier.AT_LEAST),
           (">=", Qualifier.AT_LEAST), ("≤", Qualifier.AT_MOST), ("<=", Qualifier.AT_MOST),
           (">", Qualifier.MORE_THAN), ("<", Qualifier.LESS_THAN), ("达到", Qualifier.EXACT),
           ("达", Qualifier.EXACT)]
_SUFFIX = [("左右", Qualifier.ABOUT), ("以上", Qualifier.AT_LEAST), ("以下", Qualifier.AT_MOST),
           ("以内", Qualifier.AT_MOST)]
# 5-8, 5-8%, and (prose) 5%—6%, 6%到6.5% (the closing % is stripped before)
_RANGE = re.compile(rf"^({NUM})(%?)\s*[-~～至到—–]\s*({NUM})(%?)$")
_PER = re.compile(r"/(\d+万|\d+)$")  # ≤12/10万: a rate per 100,000, not a pair


def _clean(raw: str) -> str:
    s = unicodedata.normalize("NFKC", raw)
    s = s.replace("【", "[").replace("】", "]").replace("〔", "[").replace("〕", "]")
    s = s.replace("≧", "≥").replace("≦", "≤")  # the forms Big5 (and GBK-era) documents print
    return re.sub(r"\s+", "", s)


def _strip_qualifiers(s: str) -> tuple[str, Qualifier, list[str]]:
    qual, words = Qualifier.EXACT, []
    changed = True
    while changed:
        changed = False
        for word, q in _PREFIX:
            if s.startswith(word) and len(s) > len(word):
                s, changed = s[len(word):], True
                if q != Qualifier.EXACT:
                    qual = q
                break
        for word, q in _SUFFIX:
            if s.endswith(word) and len(s) > len(word):
                s, qual, changed = s[: -len(word)], q, True
                break
        if s.startswith("年均"):
            words.append("年均")
            s, changed = s[2:], True
    return s, qual, words


def _number(s: str) -> Decimal | None:
    try:
        return to_decimal(s)
    except ValueError:
        return None


def parse_value(raw: str | None) -> ParsedValue | None:
    if raw is None:
        return None
    s = _clean(raw)
    if s in _EMPTY or not s:
        return None
    pv = ParsedValue(qualifier=Qualifier.EXACT)
    if m := _REF_YEAR.search(s):
        pv.ref_year = int(m.group(1))
        s = (s[: m.start()] + s[m.end():]).strip()
    if "*" in s:
        pv.footnote_mark = True
        s = s.replace("*", "")
    if s.startswith("[") and "]" in s:
        inner, _, tail = s[1:].partition("]")
        pv.cumulative = True
        s = inner + tail
    # words or a unit in parentheses after the number: 113.4(亿美元), 1200（标方72万立方米）
    extra: list[str] = []
    if (m := _PAREN.search(s)) and re.search(r"\d", s[: m.start()]):
        inside = m.group(1)
        s = s[: m.start()] + s[m.end():]
        if re.fullmatch(r"[万亿]?[^\d\s]{1,6}", inside):
            pv.unit = inside
        else:
            extra.append(inside)
    if not re.search(r"\d", s):
        if not re.search(r"[\u4e00-\u9fff]", s):
            return None
        pv.qualifier, pv.text = Qualifier.QUALITATIVE, _clean(raw)
        return pv
    s, qual, words = _strip_qualifiers(s)
    pv.qualifier = qual
    if s.endswith("%"):
        s, pv.unit = s[:-1], pv.unit or "%"
        s, q2, more = _strip_qualifiers(s)
        words += more
        if q2 != Qualifier.EXACT:
            pv.qualifier = q2
    m = _PER.search(s)
    if m and "/" not in s[: m.start()] and _number(s[: m.start()]) is not None and m.group(1).endswith("万"):
        pv.unit = (pv.unit or "") + "/" + m.group(1)
        s = s[: m.start()]
    if m := _RANGE.match(s):
        low, high = _number(m.group(1)), _number(m.group(3))
        if low is not None and high is not None and low < high:
            pv.qualifier, pv.low, pv.high = Qualifier.RANGE, low, high
            pv.unit = pv.unit or m.group(2) or m.group(4) or None
            return _finish(pv, words, extra)
    if "/" in s:
        pieces = [p for p in s.split("/")]
        nums = []
        for p in pieces:
            p2, q, more = _strip_qualifiers(p)
            words += more
            if q != Qualifier.EXACT:
                pv.qualifier = q
            n = _number(p2.rstrip("%"))
            if n is None:
                return _unparsed(raw, pv)
            nums.append(n)
        pv.parts = nums
        return _finish(pv, words, extra)
    n = _number(s)
    if n is None:
        return _unparsed(raw, pv)
    pv.value = n
    return _finish(pv, words, extra)


def _finish(pv: ParsedValue, words: list[str], extra: list[str]) -> ParsedValue:
    if words or extra:
        pv.text = "".join(words + extra)
    return pv


def _unparsed(raw: str, pv: ParsedValue) -> ParsedValue | None:
    """Digits mixed with words we do not model: keep it as qualitative text rather than guess a number."""
    pv.qualifier, pv.text = Qualifier.QUALITATIVE, _clean(raw)
    pv.value = pv.parts = None
    return pv
