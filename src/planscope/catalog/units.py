"""THE unit table: every unit a plan prints, normalised to one spelling, with exact conversions.

A unit is a base unit (元, 人次, 吨, 平方米, %, …) with an optional Chinese or SI multiplier prefix (万元, 亿人次,
万吨, 千瓦, 兆位/秒). Each base unit belongs to a *dimension*; conversion is allowed only inside one dimension
and is exact: factors are Fractions, values are Decimals, and a result that cannot be written as a finite
decimal (亩 → 平方米 is ×2000/3) raises `InexactConversion` unless the caller asks for rounding.

A `/` in a unit is either a rate (万元/人, 微克/立方米, 兆位/秒) or a table's *pair* of units for an a/b row
(万人次/万吨 for 机场旅客/货邮吞吐量). `split_pair()` tells them apart by the denominator's dimension.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import cache

from planscope.ingest.script import to_simplified


class UnitError(ValueError):
    """A unit that is unknown, or a conversion between different dimensions."""


class InexactConversion(UnitError):
    """The converted value has no finite decimal form; pass `places=` to round it."""


# base unit -> (dimension, factor to the dimension's reference unit)
_BASE: dict[str, tuple[str, Fraction]] = {
    # money (no exchange rates: 元 and 美元 are different dimensions)
    "元": ("cny", Fraction(1)), "美元": ("usd", Fraction(1)), "港元": ("hkd", Fraction(1)),
    # people and trips
    "人": ("persons", Fraction(1)), "人次": ("person_trips", Fraction(1)),
    # mass and coal equivalent
    "克": ("mass", Fraction(1)), "吨": ("mass", Fraction(10**6)), "公斤": ("mass", Fraction(1000)),
    "斤": ("mass", Fraction(500)), "吨标准煤": ("coal_eq", Fraction(1)), "标准煤": ("coal_eq", Fraction(1, 1000)),
    # length, area, volume
    "米": ("length", Fraction(1)), "公里": ("length", Fraction(1000)),
    "平方米": ("area", Fraction(1)), "平方公里": ("area", Fraction(10**6)), "公顷": ("area", Fraction(10**4)),
    "亩": ("area", Fraction(2000, 3)),
    "立方米": ("volume", Fraction(1)), "标准立方米": ("gas_volume", Fraction(1)),
    # energy, power, data rate
    "瓦": ("power", Fraction(1)), "千瓦时": ("energy", Fraction(1)), "度": ("energy", Fraction(1)),
    "位/秒": ("bitrate", Fraction(1)), "bps": ("bitrate", Fraction(1)),
    # time
    "年": ("years", Fraction(1)), "岁": ("years", Fraction(1)), "个月": ("months", Fraction(1)),
    "天": ("days", Fraction(1)), "日": ("days", Fraction(1)), "小时": ("hours", Fraction(1)),
    # ratios
    "%": ("ratio", Fraction(1, 100)), "‰": ("ratio", Fraction(1, 1000)), "‱": ("ratio", Fraction(1, 10000)),
    "百分点": ("percentage_point", Fraction(1)), "倍": ("times", Fraction(1)),
    # concentration
    "微克/立方米": ("concentration", Fraction(1)), "毫克/立方米": ("concentration", Fraction(1000)),
    "毫克/升": ("concentration_water", Fraction(1)),
    # containers
    "标箱": ("teu", Fraction(1)),
}
# countable things: each its own dimension (a 座 of base stations is not a 家 of firms)
for _w in ("个", "件", "家", "所", "座", "张", "位", "套", "户", "辆", "条", "项", "台", "名", "场", "次", "株",
           "艘", "床", "支", "枚", "间", "镇", "村", "起", "处", "部", "册", "篇", "种", "只", "头", "份", "架"):
    _BASE[_w] = (f"count:{_w}", Fraction(1))

# spellings -> canonical spelling (applied after NFKC and t2s)
_ALIASES = {
    "Mbps": "兆位/秒", "Gbps": "吉位/秒", "Kbps": "千位/秒", "Mb/s": "兆位/秒",
    "TEU": "标箱", "万TEU": "万标箱", "标准箱": "标箱", "万标准箱": "万标箱",
    "km": "公里", "千米": "公里", "km2": "平方公里", "km²": "平方公里", "m2": "平方米", "m²": "平方米",
    "m3": "立方米", "m³": "立方米", "方": "立方米", "万方": "万立方米", "标方": "标准立方米", "万标方": "万标准立方米",
    "μg/m3": "微克/立方米", "ug/m3": "微克/立方米", "μg/m³": "微克/立方米", "mg/L": "毫克/升",
    "千分之": "‰", "百分比": "%", "百分之": "%", "人/次": "人次",
    "tce": "吨标准煤", "吨标煤": "吨标准煤", "万吨标煤": "万吨标准煤",
    "kW": "千瓦", "kWh": "千瓦时", "MW": "兆瓦", "GW": "吉瓦",
    "/10万": "1/10万", "1/十万": "1/10万", "/10万人": "1/10万", "1/10万人": "1/10万",
}
# ratios printed as "1/10万" (maternal mortality): a ratio with a per-N denominator
_PER_N = re.compile(r"^1/(\d+)(万)?$")

# multiplier prefixes, longest first so 万亿 wins over 亿
_PREFIXES: list[tuple[str, Fraction]] = sorted(
    [("十", Fraction(10)), ("百", Fraction(100)), ("千", Fraction(1000)), ("万", Fraction(10**4)),
     ("十万", Fraction(10**5)), ("百万", Fraction(10**6)), ("千万", Fraction(10**7)), ("亿", Fraction(10**8)),
     ("十亿", Fraction(10**9)), ("百亿", Fraction(10**10)), ("千亿", Fraction(10**11)), ("万亿", Fraction(10**12)),
     ("兆", Fraction(10**6)), ("吉", Fraction(10**9)), ("毫", Fraction(1, 1000)), ("微", Fraction(1, 10**6))],
    key=lambda p: -len(p[0]))

# denominators that make `a/b` a rate rather than a pair of units
_RATE_DENOMINATORS = {"persons", "area", "volume", "cny", "usd", "years", "days", "hours"}


@dataclass(frozen=True)
class Unit:
    """A parsed unit: its canonical spelling, dimension and factor to the dimension's reference unit."""

    symbol: str
    dimension: str
    factor: Fraction


def normalize_unit(text: str | None) -> str:
    """One spelling per unit: NFKC, simplified characters, no whitespace or outer brackets, aliases applied."""
    if text is None:
        return ""
    s = to_simplified(unicodedata.normalize("NFKC", text))
    s = re.sub(r"\s+", "", s).strip("()（）[]")
    s = s.replace("／", "/")
    if s in _ALIASES:
        return _ALIASES[s]
    if "/" in s and not _PER_N.match(s):
        parts = s.split("/")
        if len(parts) == 2 and s not in _BASE:
            return "/".join(normalize_unit(p) for p in parts)
    return s


def _simple(symbol: str) -> Unit | None:
    if symbol in _BASE:
        dim, f = _BASE[symbol]
        return Unit(symbol, dim, f)
    m = _PER_N.match(symbol)
    if m:
        return Unit(symbol, "ratio", Fraction(1, int(m.group(1)) * (10**4 if m.group(2) else 1)))
    for p, mult in _PREFIXES:
        rest = symbol[len(p):]
        if symbol.startswith(p) and rest:
            inner = _simple(rest)  # prefixes stack: 万千瓦, 万千瓦时
            if inner and inner.dimension != "ratio":
                return Unit(symbol, inner.dimension, inner.factor * mult)
    return None


@cache
def parse_unit(text: str) -> Unit:
    """The Unit for `text`, or UnitError. Rates `a/b` get the dimension `a/b` and the quotient factor."""
    symbol = normalize_unit(text)
    if not symbol:
        raise UnitError("empty unit")
    u = _simple(symbol)
    if u:
        return u
    if symbol.count("/") == 1:
        num, den = (_simple(x) for x in symbol.split("/"))
        if num and den:
            return Unit(symbol, f"{num.dimension}/{den.dimension}", num.factor / den.factor)
    raise UnitError(f"unknown unit: {text!r}")


def is_known_unit(text: str) -> bool:
    try:
        parse_unit(text)
    except UnitError:
        return False
    return True


def split_pair(text: str) -> list[str]:
    """['万人次', '万吨'] for a pair unit of an a/b row; [unit] for a simple unit or a rate (万元/人)."""
    symbol = normalize_unit(text)
    if symbol.count("/") != 1 or _simple(symbol) or _PER_N.match(symbol):
        return [symbol] if symbol else []
    a, b = symbol.split("/")
    ua, ub = _simple(a), _simple(b)
    if ua is None or ub is None:
        return [a, b]  # 万元/人 style rates always parse; an unparsable side means a pair of labels
    if ua.dimension == "ratio" or ub.dimension == "ratio":
        return [a, b]  # %/亿元: growth and level of one row
    if ub.dimension in _RATE_DENOMINATORS or ua.dimension in ("cny", "usd"):
        return [symbol]  # 万元/人, 立方米/万元, 元/吨
    return [a, b]


def same_dimension(a: str, b: str) -> bool:
    try:
        return parse_unit(a).dimension == parse_unit(b).dimension
    except UnitError:
        return False


def _to_decimal(q: Fraction, places: int | None) -> Decimal:
    den = q.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1:
        if places is None:
            raise InexactConversion(f"{q} has no finite decimal form; pass places= to round")
        return (Decimal(q.numerator) / Decimal(q.denominator)).quantize(Decimal(1).scaleb(-places))
    with localcontext() as ctx:
        ctx.prec = 200  # a terminating quotient is exact at this precision for any realistic value
        return (Decimal(q.numerator) / Decimal(q.denominator)).normalize()


def convert(value: Decimal, from_unit: str, to_unit: str, *, places: int | None = None) -> Decimal:
    """`value` in `from_unit` expressed in `to_unit`, exactly (e.g. 1860.06 亿元 → 18600600 万元)."""
    src, dst = parse_unit(from_unit), parse_unit(to_unit)
    if src.dimension != dst.dimension:
        raise UnitError(f"cannot convert {src.symbol} ({src.dimension}) to {dst.symbol} ({dst.dimension})")
    q = Fraction(value) * src.factor / dst.factor
    out = _to_decimal(q, places)
    if out.as_tuple().exponent > 0:  # normalize() writes 1500 as 1.5E+3
        return out.quantize(Decimal(1))
    return out
