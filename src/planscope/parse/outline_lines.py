"""Line grammar of Chinese plan documents: which line is a heading of which kind, and small text tests
(title-like, prose-like, wrapped continuation) that the outline, TOC and box rules share.

Everything works on one cleaned, simplified line at a time; no document-specific strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, wraps

from planscope.parse.numbers import chinese

CN_NUM = "一二三四五六七八九十百零〇两"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_NO_SUPERSCRIPTS = {ord(c): None for c in SUPERSCRIPTS}  # built once: clean_title runs for every heading
_SUPERSCRIPT = re.compile(f"[{SUPERSCRIPTS}]")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
# Whitespace next to a CJK character or full-width punctuation is an artefact of PDF/HTML extraction
# ("2035 年", "第十四个 五年"); whitespace between two ASCII words is real ("5G SA").
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")

# 第一部分 stands where 篇 does (work reports, annual plans, some plans): above 章 or above 一、
_STRUCT = re.compile(rf"^第\s*([{CN_NUM}\d]+)\s*([篇章节]|部分)\s*(.*)$")
_ITEM = re.compile(rf"^([{CN_NUM}]+)\s*、\s*(.*)$")
_LOST_ITEM = re.compile(r"^、\s*(\S.*)$")  # 、标题 whose numeral was lost in scraping (an image glyph)
_SUBITEM = re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[)）]\s*(.*)$")
# 专栏3, 专栏 二, 专栏1-2 (chapter-box numbering), 【专栏3】 (bracketed)
_BOX = re.compile(rf"^[【\[]?专\s*栏\s*([\d{CN_NUM}]*(?:\s*[-—－.．]\s*\d+)?)\s*[】\]]?\s*[:：]?\s*(.*)$")
_APPENDIX = re.compile(rf"^(附件|附表|附录|附图)\s*([\d{CN_NUM}]+)?\s*(?:[.、．:：]\s*)?(.*)$")
_APPENDIX_SHORT = re.compile(r"^附\s*(\d+)\s+(\S.*)$")  # "附1 某某表" (a common TOC/heading form)
_PREFACE = re.compile(r"^(前言|序言|引言)$")
_NOTES = re.compile(r"^注\s*[:：]")
# 1 发展基础 / 1.1 指导思想 / 1.1.1 …: decimal outlines of some special plans. Told from the line alone it may be a
# table row or a wrapped number, so parse_outline keeps only those that continue a decimal sequence.
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\s+(\S.*)$")
_NOT_TITLE_FIRST = frozenset("个万亿元年月日%％倍项家人名座条所千米吨户次台辆天周岁小分秒度亩公元")
ARABIC_ITEM = re.compile(r"^\d+\s*(?:[、．]|\.(?!\d))\s*\S")
_SENT_INNER = re.compile(r"[。；！？!?;]")
_PAGE_TAIL = re.compile(r"(?:[\s.…·]|\.{2,}|…+)\s*\d{1,3}\s*$")
SENTENCE_END = re.compile(r"[。！？；][”」』）)]*$")

# What a heading's normed text can start with, one entry per pattern classify tries: 第 (_STRUCT), 专 and a
# bracket (_BOX), 附 (_APPENDIX*), 前/序/引 (_PREFACE), 注 (_NOTES), a numeral (_ITEM), 、 (_LOST_ITEM), a bracket
# (_SUBITEM), a digit (_DECIMAL). A new heading pattern must add its first characters here.
HEAD_FIRST = frozenset("第专附前序引注、(（【[0123456789" + CN_NUM)

STRUCT_LEVEL = {"篇": 0, "部分": 0, "章": 1, "节": 2}
STRUCT_KIND = {"篇": "part", "部分": "part", "章": "chapter", "节": "section"}
DECIMAL_KIND = {1: "chapter", 2: "section", 3: "item"}  # 1 / 1.1 / 1.1.1 by the count of their parts


@dataclass
class LineHead:
    """What a line would be if it were a heading. `value` is the number as an int when it has one."""

    kind: str  # part chapter section item subitem box appendix preface notes decimal
    level: int
    number: str | None
    value: int | None
    title: str


@lru_cache(maxsize=16384)  # the outline, TOC and footnote rules norm each line many times (~11 calls per line)
def norm(s: str) -> str:
    """One line with every kind of space (NBSP, ideographic, tab) folded and stripped."""
    if "  " not in s and s.isprintable():
        # cheap: every whitespace character but the plain space is unprintable, so the line has no run to fold
        return s.strip()
    return _SPACES.sub(" ", s).strip()


def clean_title(s: str) -> str:
    """A heading title for display: footnote superscripts removed, extraction spaces removed."""
    if _SUPERSCRIPT.search(s):  # cheap: translate looks every character up, and few titles carry a mark
        s = s.translate(_NO_SUPERSCRIPTS)
    t = norm(s)
    return _CJK_SPACE.sub("", t).strip() if " " in t else t  # norm leaves plain spaces only, and no edge ones


def numeral(s: str) -> int | None:
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    try:
        return int(chinese(s))
    except (ValueError, KeyError):
        return None


def title_like(title: str, max_len: int = 40) -> bool:
    """A heading title: short, at most one sentence (002 ends its (一) headings with 。), not a 'label：text'
    entry and not a table row."""
    t = clean_title(title)
    if not t or len(t) > max_len or "\t" in title:
        return False
    body = SENTENCE_END.sub("", t)
    if _SENT_INNER.search(body):
        return False
    if re.search(r"[:：]\s*\S", t):
        return False
    return t.count("，") + t.count(",") <= 2


def prose_like(text: str) -> bool:
    """Running body text (as opposed to a list of names 'A、B、C。' or a table cell): long, with clauses."""
    t = norm(text)
    commas = t.count("，") + t.count(",")
    return len(t) >= 40 and commas >= 2 and commas >= t.count("、") / 2


def has_page_tail(s: str) -> bool:
    """A TOC entry: ends in a page number after a tab, spaces or dot leaders."""
    if not s.rstrip()[-1:].isdecimal():  # cheap: a page tail ends in a digit (\d is exactly isdecimal)
        return False
    return bool(_PAGE_TAIL.search(s)) and not SENTENCE_END.search(s.rstrip("0123456789 \t.…·"))


def strip_page_tail(s: str) -> str:
    if not s.rstrip()[-1:].isdecimal():  # cheap: no page tail (the regex tries every offset of a long line)
        return s.rstrip(" .…·\t")
    return _PAGE_TAIL.sub("", s).rstrip(" .…·\t")


def _cached_copies(fn: Callable[[str], LineHead | None]) -> Callable[[str], LineHead | None]:
    """Memoise a pure line -> LineHead function (the outline, TOC and box rules classify each line ~3 times),
    handing out copies since LineHead is mutable."""
    cached = lru_cache(maxsize=16384)(fn)

    @wraps(fn)
    def wrapper(line: str) -> LineHead | None:
        first = line[:1]
        if first not in HEAD_FIRST and not first.isspace():  # most lines: no heading, told before hashing them
            return None
        h = cached(line)
        if h is None:
            return None
        c = object.__new__(LineHead)  # a shallow copy like dataclasses.replace (no init=False fields), faster
        c.__dict__.update(h.__dict__)
        return c

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]  # planscope.parse.clear_caches
    wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return wrapper


@_cached_copies
def classify(line: str) -> LineHead | None:
    """The heading a line would be, judged from the line alone (callers decide context: TOC, boxes)."""
    s = norm(line)
    if not s or s[0] not in HEAD_FIRST:  # most lines: no pattern below can match (norm leaves no space first)
        return None
    m = _STRUCT.match(s)
    if m:
        num, unit, title = m.groups()
        if len(clean_title(title)) > 60 or _SENT_INNER.search(SENTENCE_END.sub("", clean_title(title))):
            return None  # a sentence that happens to start with 第三章…
        return LineHead(STRUCT_KIND[unit], STRUCT_LEVEL[unit], f"第{num}{unit}", numeral(num), title)
    m = _BOX.match(s)
    if m and (m.group(1) or re.match(r"^[【\[]?专\s*栏[\s:：】\]]", s)):  # 专栏3… or 专栏 标题, not 专栏式…
        num, title = m.groups()
        if len(clean_title(title)) <= 60:
            num = "".join(num.split())
            value = numeral(re.split(r"[-—－.．]", num)[0]) if num else None
            return LineHead("box", 3, f"专栏{num}" if num else "专栏", value, title)
    m = _APPENDIX.match(s)
    if m:
        word, num, title = m.groups()
        rest = s[len(word):]
        if num and title.startswith("年"):  # 附表 2024年…: the digits are the title's year, not the number
            num, title, rest = None, num + title, " " + num + title
        if len(clean_title(title)) <= 60 and not re.search(r"\d+\s*[.、．]", title) and (
                num or not title or _titled_appendix(rest, title)):
            return LineHead("appendix", 1, f"{word}{num or ''}", numeral(num) if num else None, title)
    m = _APPENDIX_SHORT.match(s)
    if m and len(clean_title(m.group(2))) <= 60:
        return LineHead("appendix", 1, f"附{m.group(1)}", int(m.group(1)), m.group(2))
    if _PREFACE.match(s.replace(" ", "")):
        return LineHead("preface", 1, None, None, s.replace(" ", ""))
    if _NOTES.match(s):
        return LineHead("notes", 3, None, None, "注")
    if "\t" in line:
        return None  # table rows are never item headings
    m = _ITEM.match(s)
    if m:
        return LineHead("item", 3, f"{m.group(1)}、", numeral(m.group(1)), m.group(2))
    m = _LOST_ITEM.match(s)
    if m:
        return LineHead("item", 3, None, None, m.group(1))
    m = _SUBITEM.match(s)
    if m:
        return LineHead("subitem", 4, f"（{m.group(1)}）", numeral(m.group(1)), m.group(2))
    m = _DECIMAL.match(s)
    if m and m.group(2)[0] not in _NOT_TITLE_FIRST and title_like(m.group(2), 30) \
            and not re.search(r"\d\s+\d", m.group(2)):  # 地区生产总值 1000 1500: a table row, not a title
        number = m.group(1)
        parts = number.split(".")
        return LineHead("decimal", len(parts), number, int(parts[-1]), m.group(2))
    return None


def _titled_appendix(rest: str, title: str) -> bool:
    """附件　某某县重大项目表 / 附录：名词解释: an unnumbered appendix whose title follows a space or colon on the
    same line; a sentence that opens with 附件 (附件所列项目…) is not one."""
    t = clean_title(title)
    return rest[:1] in " :：" and title_like(t) and not SENTENCE_END.search(t)


def indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def body_indent(lines: list[str]) -> str:
    """The leading whitespace of ordinary body paragraphs (003 indents them by two spaces, its boxes not)."""
    counts: dict[str, int] = {}
    for s in lines:
        if len(s.strip()) >= 40 and "\t" not in s and classify(s) is None:
            ind = indent_of(s).replace("\u00a0", " ").replace("\u3000", "  ")
            counts[ind] = counts.get(ind, 0) + 1
    if not counts:
        return ""
    best = max(counts, key=lambda k: counts[k])
    total = sum(counts.values())
    return best if counts[best] >= 0.6 * total else ""


def continues(prev: str, cur: str) -> bool:
    """`cur` continues the wrapped line `prev` (a paragraph broken mid-sentence by PDF extraction)."""
    p, c = norm(prev), norm(cur)
    return bool(p and c) and len(p) >= 20 and not SENTENCE_END.search(p) and classify(c) is None \
        and not ARABIC_ITEM.match(c)
