"""What a cell *is*, judged from its text alone: a sequence number, an attribute, a unit, a value, a name.

Every layout assigns cells to columns with these tests, so a table whose cells are shifted, merged or dropped
still lands right. The rules follow the grammar of Chinese plan tables, not any one document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planscope.model import ATTRIBUTES, Qualifier
from planscope.parse.numbers import compact
from planscope.parse.values import parse_value

_SEQ = re.compile(r"^[(（]?(\d{1,3})[)）.、．]?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Units a plan table prints: an optional scale word, then a base unit; compound units join parts with '/'.
_UNIT_WORDS = (
    "元 美元 港元 人民币 人 人次 万人次 户 家 个 件 项 座 所 张 床 位 岁 年 月 天 日 小时 次 台 辆 "
    "艘 套 间 条 处 株 头 斤 "
    "吨 标箱 箱 标准箱 吨标准煤 标准煤 千克 公斤 克 毫克 微克 升 立方米 方 标方 平方米 平方公里 公顷 亩 米 公里 千米 "
    "千瓦 千瓦时 瓦 度 兆瓦 兆位 兆 秒 Mbps Gbps Kbps M G 个百分点 百分点 分 册 篇 部 场 % ‰ ％"
)
_BASE_UNITS = sorted(_UNIT_WORDS.split(), key=len, reverse=True)
_UNIT_PART = re.compile(r"^(?:[万亿千百十]|万亿)?(?:" + "|".join(re.escape(u) for u in _BASE_UNITS) + r")$")
_PER_RATE = re.compile(r"^1/(?:\d+)?[万千百十]?(?:人|活产|例)?$")  # 1/10万: a rate per 100,000
_EMPTY_MARKS = {"—", "-", "–", "/", "／", "——", "--", "…", "暂无核定数", "暂无", "无", "暂无数据", "不适用", "x", "×"}

# Qualitative targets are phrases that promise something: they start and end with words of that grammar.
_QUAL_START = ("完成", "与", "同", "达到", "确保", "不低于", "不高于", "不超过", "保持", "控制", "稳定", "基本",
               "力争", "实现", "持续", "进一步", "高于", "低于", "优于", "好于", "满足", "按", "根据", "逐步",
               "全面", "争取", "省", "市", "国家", "上级", "翻")
_QUAL_END = ("目标", "任务", "同步", "要求", "标准", "水平", "以上", "以下", "以内", "范围", "考核", "控制", "数",
             "下降", "提高", "提升", "增长", "稳定", "持平", "改善", "指标", "值", "内", "番")  # 翻一番


@lru_cache(maxsize=8192)  # every content test squashes its cell again: ~40k calls per corpus, few distinct
def squash(text: str) -> str:
    """Text without any whitespace (NFKC), the comparison form of a cell."""
    return compact(text)


def seq_number(text: str) -> int | None:
    m = _SEQ.match(squash(text))
    return int(m.group(1)) if m else None


# 预期性 / 约束性, and how tables also write them: 预期 · 约束型 · 预期性指标 · 约束性（指标）
_ATTRIBUTE = re.compile(r"^(?:预期|约束)[性型]?(?:\(?指标\)?)?$")


def is_attribute(text: str) -> bool:
    s = squash(text)
    return s in ATTRIBUTES or bool(_ATTRIBUTE.match(s))


def attribute_of(text: str) -> str:
    s = squash(text)
    return s if s in ATTRIBUTES else ("预期性" if s.startswith("预期") else "约束性")


def is_unit(text: str) -> bool:
    s = squash(text).strip("()（）")
    if not s or len(s) > 14:
        return False
    if _PER_RATE.match(s):
        return True
    return all(_UNIT_PART.match(p) for p in s.split("/"))


def is_empty_mark(text: str) -> bool:
    return squash(text) in _EMPTY_MARKS


def balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "(（[【":
            depth += 1
        elif ch in ")）]】":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@lru_cache(maxsize=8192)  # scored once per text, not once per value column (base, target, actual, growth)
def value_score(text: str) -> float:
    """How much `text` looks like one value cell: 3 a number or a no-data mark, 2.5 a complete qualitative
    target, 0.5 a fragment of one, <0 not a value at all."""
    s = squash(text)
    if not s:
        return -1
    if is_empty_mark(s):
        return 3
    if not balanced(s) or is_attribute(s):
        return -9
    pv = parse_value(s)
    if pv is None:
        return -9
    if pv.qualifier != Qualifier.QUALITATIVE:
        return 3
    if s in _GRADES:
        return 2.5
    core = re.sub(r"^[\[〔【](.*)[\]〕】]\*?$", r"\1", s)  # [完成省下达目标], 〔…〕: a five-year target in words
    starts = core.startswith(_QUAL_START)
    ends = core.endswith(_QUAL_END)
    repeated = any(s.count(w) > 1 for w in ("完成", "目标", "任务", "同步"))
    if _has_digit_words(s):  # words around a number we could not parse: only as a target phrase
        return 0.5 if (starts or ends) and not repeated and not is_attribute(s[-3:]) else -9
    if starts and ends and not repeated:
        return 2.5
    if (starts or ends) and not repeated:
        return 0.5
    return -9


# Grades a table gives for a level in words (城市空气质量: 良), complete values though no phrase
_GRADES = frozenset({"优", "良", "优良", "中", "好", "较好", "良好", "一般"})


def _has_digit_words(s: str) -> bool:
    return bool(re.search(r"\d", s)) and bool(_CJK.search(s))


def is_text(text: str) -> bool:
    """A name or category: words, not a number, unit, attribute or value mark."""
    s = squash(text)
    if not s or is_attribute(s) or is_empty_mark(s) or seq_number(s) is not None:
        return False
    if not (_CJK.search(s) or re.search(r"[A-Za-z]{2,}", s)):
        return False
    return not is_unit(s)
