"""Quantities stated in a passage and the thing they measure, to tell when two matched passages give different
figures for the same thing (a city's "2500亿级汽车产业集群" vs a district's "两千亿级汽车产业")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from planscope.parse.numbers import SCALES, to_decimal
from planscope.search.tokenize import normalize, tokens

_NUM = r"\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+"
# "2500亿级汽车产业集群", "两千亿级汽车产业", "千亿级临空经济产业集群": a size class followed by what it sizes.
_CLASS = re.compile(rf"(?P<num>{_NUM})(?P<scale>万亿|亿|万)级(?P<thing>[\u4e00-\u9fff]{{2,12}})")
# "城市轨道交通运营里程力争达900公里", "新增基础教育学位40万个": the thing, an optional verb, the amount.
_AMOUNT = re.compile(
    r"(?P<thing>[\u4e00-\u9fffA-Za-z]{2,14}?)(?:力争达到|力争达|达到|达|超过|突破|约|新增|增加|增长|提高到|提升至|控制在)?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<scale>万亿|亿|万)?"
    r"(?P<unit>%|‰|亿元|万元|元|公里|平方米|平方公里|万平方米|个|家|所|张|条|座|人次|人|岁|吨|标箱|亩|公顷|千瓦|辆|项)"
)
# Words that say "how much" or "where", not "what": two things sharing only these are not the same thing.
_GENERIC = frozenset("产业 集群 产业集群 规模 总量 数量 全市 全区 达到 力争 以上 左右 建成 打造 累计 新增 年均".split())  # noqa: SIM905
_STOP_THING = re.compile(r"[和与及]")


@dataclass(frozen=True)
class Quantity:
    raw: str  # as printed (whitespace removed)
    value: Decimal  # in base units (亿 and 万 applied)
    unit: str  # "级" for size classes, else the unit printed after the number
    thing: str


def quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for line in text.split("\n"):  # a heading kept with its body is separated by a newline
        out.extend(_quantities(normalize(line)))
    return out


def _quantities(t: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _CLASS.finditer(t):
        thing = re.split(r"[和与及、，。；]", m.group("thing"))[0]
        try:
            value = to_decimal(m.group("num")) * SCALES[m.group("scale")]
        except ValueError:
            continue
        out.append(Quantity(m.group(0)[: m.start("thing") - m.start()], value, "级", thing))
    for m in _AMOUNT.finditer(t):
        if any(q.raw and q.raw in m.group(0) for q in out):
            continue
        scale = SCALES.get(m.group("scale") or "", Decimal(1))
        thing = _STOP_THING.split(m.group("thing"))[-1]
        out.append(Quantity(m.group(0)[m.start("num") - m.start():], Decimal(m.group("num")) * scale,
                            m.group("unit"), thing))
    return out


def _key_tokens(thing: str) -> set[str]:
    return {t for t in tokens(thing) if t not in _GENERIC}


def differing_figures(parent_text: str, child_text: str) -> list[dict]:
    """Pairs of figures for the same thing (same unit, a shared specific word) whose values differ."""
    out = []
    kids = quantities(child_text)
    for p in quantities(parent_text):
        pk = _key_tokens(p.thing)
        for c in kids:
            if c.unit != p.unit or not pk & _key_tokens(c.thing):
                continue
            if c.value != p.value:
                out.append({"thing": p.thing, "child_thing": c.thing, "parent": p.raw, "child": c.raw,
                            "parent_value": _num(p.value), "child_value": _num(c.value), "unit": p.unit})
            break
    return out


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)
