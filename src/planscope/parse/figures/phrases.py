"""Quantity phrases inside one sentence: numbers with scale and unit, ranks (全市第3), streaks (连续5年,
十五连增) and qualitative targets (与经济增长基本同步) — and the numbers that are names, not quantities.

Rules follow the grammar of Chinese reports, not particular documents:
- an Arabic number counts unless it is a year or date, an ordinal (第27届), a label or slogan (“1310”,
  1+1+4, 《…》 titles), glued to Latin letters (A380, 5G, G106, 3A级), a grade (五星级, 10亿级), a version
  (3.0版), a route or house number (8号线) or a policy title (22条措施);
- a Chinese numeral counts only where prose uses it for a quantity: streaks (连续八年, 十五连增), rounded
  amounts (超千场, 近万人), ranks (全省第一) and 个百分点. Elsewhere (十四五, 十大, 二十届三中全会, 三年行动,
  六镇四街) it is part of a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from planscope.parse.figures.classify import COUNT_UNITS
from planscope.parse.numbers import to_decimal

AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
CN = r"[零〇一二两三四五六七八九十百千]+"
SCALE = r"万亿|亿|万|千|兆(?![瓦赫帕字])"  # 兆 = 万亿 in Taiwan usage (6.2兆元); 兆瓦 is a unit
# Units, longest first. Classifiers (个/家/所…) make a count; see classify.COUNT_UNITS.
UNITS = sorted(
    [
        "个百分点", "百分点", "%", "‰", "倍", "微克/立方米", "毫克/立方米", "毫克/升",
        "美元", "欧元", "港元", "澳门元", "澳门币", "元", "人次", "吨标准煤", "标准煤",
        "吨", "千克", "公斤", "斤", "平方公里", "平方千米", "平方米", "立方米", "公顷", "亩", "公里", "千米", "米",
        "千瓦时", "千瓦", "兆瓦", "标箱", "标准箱", "TEU", "km", "kg", "辆", "台", "套", "个周期", "个月",
        "个工作日", "工作日", "列", "羽",
        "个", "家", "所", "项", "宗", "座", "支", "间", "张", "场", "枚", "名", "位", "户", "床", "岁", "天",
        "小时", "分钟", "周", "年", "次", "条", "处", "件", "批", "株", "棵", "篇", "部", "艘", "架", "册", "种",
        "款", "栋", "幢", "人", "镇", "村", "例", "册", "只", "头", "把", "份"
    ],
    key=len, reverse=True)
UNIT = "|".join(re.escape(u) for u in UNITS)
PER = r"(?:/(?:人|户|平方米|亩|吨|千瓦时|年|日|天|小时|万人|千人|十万人|万元|辆|床))"
POST = r"以上|左右|以内|以下|多|余"
# 万头（只）: livestock of mixed kinds counted together, the other classifier in brackets after the unit
# (read after the match, for 头/只 only: a group in NUMBER_RE slowed every number)
_ALT = re.compile(r"[（(][只头羽匹][)）]")
_POST_RE = re.compile(POST)
# 五点八个百分点: a written-out decimal (the integer part alone would be a number without its fraction)
CN_POINT = r"(?:点[零〇一二三四五六七八九]+)?"

NUMBER_RE = re.compile(
    rf"(?P<num>{AR}|{CN}{CN_POINT})(?P<scale>{SCALE})?(?P<yu>余|多)?(?P<unit>{UNIT})?(?P<per>{PER})?"
    rf"(?P<post>{POST})?")
# NUMBER_RE for a sentence without a Chinese numeral before a unit: there every Chinese-numeral match has no unit
# and is dropped, and no match but an Arabic one covers a digit, so the Arabic matches are the same. The digit
# class first lets the regex engine skip to the digits in C.
NUMBER_AR_RE = re.compile(
    rf"(?P<num>\d\d*(?:,\d{{3}})*(?:\.\d+)?)(?P<scale>{SCALE})?(?P<yu>余|多)?(?P<unit>{UNIT})?(?P<per>{PER})?"
    rf"(?P<post>{POST})?")
_CN_BEFORE_UNIT = re.compile(rf"{CN[:-1]}{CN[:-1]}*(?:{SCALE})?(?:余|多)?(?:{UNIT})")
SCOPE = (r"全国|全省|全市|全区|全县|全州|全盟|全旗|全球|世界|亚洲|全网|各区|各县|各地市|同类城市|全国同类城市|中心城区|"
         r"内地|国内|省内|市内")
# the set ranked within the scope: 全国城市第三位, 全省县域第1
_RANKED_SET = r"(?:城市|大中城市|副省级城市|省会城市|重点城市|地级市|省份|地区|县域|县市区|各市|同类城市)"
RANK_RE = re.compile(
    rf"(?P<scope>(?:{SCOPE})(?:[\u4e00-\u9fff]{{0,4}}?(?:{SCOPE}))?{_RANKED_SET}?)?"
    rf"(?P<verb>排名|排位|排|位居|稳居|居于|居|位列|名列|列)?(?:(?P<front>第|前)(?P<num>{AR}|[一二三四五六七八九十]+)"
    r"(?P<suf>位|名)?|(?P<top>首位|榜首))")
STREAK_RE = re.compile(
    rf"连续(?P<num>{AR}|{CN})(?P<unit>个周期|个季度|个月|年|届|次|季度|周期|轮)"
    rf"|(?P<num2>{AR}|{CN})连(?P<unit2>增|涨|升|降|冠|胜|跳)")
RATIO_RE = re.compile(rf"{AR}(?:[∶:]{AR}){{1,3}}(?![\d.])")  # 三次产业结构 2.56∶42.69∶54.75
QUALITATIVE_RE = re.compile(
    r"(?P<q>(?:[与和同]经济增长|与地区生产总值增长)(?:基本)?(?:同步|相适应|相协调)"
    r"|完成(?:国家|省|市|上级|省市)?(?:下达|下发|分解)的?(?P<what>[\u4e00-\u9fff“”]{0,10}?)(?:目标任务|目标|任务|指标)(?!进度|完成率|率|比例|情况))")

# Prose qualifier words just before the number (longest first) and after it.
PRE_QUALS = sorted([
        "超过", "超出", "超", "近", "约", "逾", "突破", "不少于", "不低于", "不超过", "不高于", "高于",
        "低于", "大于", "小于", "少于", "多于", "最快", "最短", "最多", "最高", "最低", "累计", "预计", "上"
    ], key=len, reverse=True)
# a one-character qualifier must not be the end of a word: 签约2个 (签约), 附近, 以上30条 (以上)
_WORD_ENDS = {"约": "签节制预邀合履大公和条", "近": "附最临将靠", "上": "以之线年向", "超": "赶高"}
_ORDINAL_NOUN = "届批次期轮号章节条款个支家座所项代版部分阶段年季度月天日层级类种产业"
_LATIN_UNITS = ("TEU", "km", "kg")
_BASELINE_VERB = r"(?:压缩|缩短|提高|提升|提|增加|增长|下降|降低|减少|扩大|上升|降|升|增)(?:为|到|至)"
_LABEL_QUOTE = re.compile(r"“([^“”]{1,16})”|「([^「」]{1,16})」|《([^《》]*)》|〈([^〈〉]*)〉")
_PLUS = re.compile(rf"(?:{AR}|N|n)(?:\s*[+＋]\s*(?:{AR}|N|n))+")
_DATE = re.compile(rf"(?:19|20)\d{{2}}(?:年|[-—–~～至到]|\.\d{{1,2}}(?:\.\d{{1,2}})?)|{AR}月(?:份)?|{AR}日|{AR}号")
# 1—10月 (a cumulative period of months): the first month is not a number (_excluded_number; in _DATE it slowed
# every sentence)
_MONTH_RANGE_END = re.compile(r"[-—–~～至到]\d{1,2}月")


# A literal every match of the pattern holds (streaks say 连, ranks 第/前/首位/榜首, ratios a colon, formulas a
# plus, dates a digit): most sentences hold none, and scanning them with the full pattern was a hot spot.
_HINT_STREAK = re.compile("连")
_HINT_RANK = re.compile("第|前|首位|榜首")
_HINT_RATIO = re.compile("[∶:]")
_HINT_PLUS = re.compile("[+＋]")
_HINT_DIGIT = re.compile(r"\d")
# Qualitative targets say 经济增长 / 地区生产总值增长 or 完成 (see QUALITATIVE_RE).
_HINT_QUAL = re.compile("经济增长|生产总值增长|完成")
_AR_FULL = re.compile(AR)
# 百分之四十五点三, 百分之三至百分之五: a percentage written out (Macau, Taiwan, formal prose)
# 千分之三: per mille, written out the same way
PERCENT_CN_RE = re.compile(rf"(?P<per>[百千])分之(?P<num>{AR}|[零〇一二两三四五六七八九十百]+{CN_POINT})"
                           r"(?P<post>以上|左右|以内|以下)?")
_HINT_PERCENT_CN = re.compile("分之")  # a literal: the engine finds it fastest
# 九成三 (93%), 一成五以上, 全省八成左右: tenths. After a numeral 成 is not a tenth, nor before 为/员/本… (五成为,
# 三成员); 一成 ends many words (统一成立, 唯一成功), so it counts only after a share's verb (提高到一成五, 占一成)
# or at a clause start.
CHENG_RE = re.compile(r"(?<![零〇一二两三四五六七八九十百千万第])"
                      r"(?P<t>[一二三四五六七八九])成(?P<o>[一二三四五六七八九](?!成))?(?P<post>以上|左右|以下|多)?"
                      r"(?![为员本品果就立熟效功长型交绩])")
_BEFORE_ONE_TENTH = re.compile(r"[^\u4e00-\u9fff]|[到达为占超近约逾过至有是的和及省市县区州镇村]")
# 与上年持平, 同比基本持平: no change, a growth of zero (保持平稳, 持平衡 are other words). Only against an earlier
# time: 满意度与中心城区平均水平持平 is parity with a peer, not a change.
FLAT_RE = re.compile(r"(?P<pre>基本)?持平(?![稳衡均台缓])")
_FLAT_BASE = re.compile(r"(?:(?:与|和|同|较|比)(?:上年同期|上年|去年同期|去年|同期|上月|上季度|上半年|"
                        r"(?:19|20)\d{2}年(?:末|底)?)(?:相比)?|同比|环比|按年)$")
# 翻一番 (twice the base), 翻两番 (four times), 翻了一番多, 翻一番以上
DOUBLING_RE = re.compile(r"翻了?(?P<n>[一两二三四]|\d)?番(?P<post>以上|多|左右)?")  # 翻番 = 翻一番
_HINT_DOUBLING = re.compile("番")
# Two numbers joined by a dash or 至/到 with nothing between: one range (5%—6%, 5～6%, 6%到6.5%, 百分之三至百分之五)
_RANGE_SEP = frozenset("-—–~～至到")
_RATIO_POST = re.compile("以上|以下|以内|左右")
_CN_DIGIT = "一二三四五六七八九"
# A minus sign glued to a number that follows a word or a clause break, not a digit (2021-2025, 5%-6%)
_NEG_BEFORE = re.compile(r"[\u4e00-\u9fff：:，,（(]")


def _scan(rx: re.Pattern[str], hint: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return rx.finditer(text) if hint.search(text) else iter(())


@dataclass
class Phrase:
    start: int  # compact offsets in the sentence, raw phrase incl. qualifier words
    end: int
    num_start: int  # where the number itself starts
    kind: str  # number | rank | streak | ratio | qualitative
    raw: str
    value: Decimal | None
    unit: str | None = None  # scale + unit as printed: 亿元, 万张, %
    base_unit: str | None = None  # the unit without its scale: 元, 张
    pre: str | None = None  # qualifier word before: 超, 近, 不少于
    post: str | None = None  # 以上, 左右, 余
    scope: str | None = None  # ranks: 全市
    high: Decimal | None = None  # a range's upper end (value is its lower end)


def _cn_value(s: str) -> Decimal | None:
    try:
        return to_decimal(s)
    except ValueError:
        return None


def _label_spans(text: str) -> list[tuple[int, int]]:
    """Spans that are names, not quantities: short quoted labels, book titles, 1+4+4 formulas, dates."""
    spans = []
    for m in _LABEL_QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        is_title = m.group(0)[0] in "《〈"
        # a quoted label: short and without a unit of measure after its digits ("1310", "12+N"); quoted
        # streaks like “十五连增” are quantities and are found before this check
        if is_title or not _DIGIT_UNIT.search(inner) or len(inner) <= 8:
            spans.append((m.start(), m.end()))
    spans += [(m.start(), m.end()) for m in _scan(_PLUS, _HINT_PLUS, text)]
    spans += [(m.start(), m.end()) for m in _scan(_DATE, _HINT_DIGIT, text)]
    return spans


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


class _Labels:
    """The label spans of a sentence, found on first use: in many sentences every candidate is rejected before."""

    __slots__ = ("spans", "text")

    def __init__(self, text: str) -> None:
        self.text, self.spans = text, None

    def holds(self, a: int, b: int) -> bool:
        if self.spans is None:
            self.spans = _label_spans(self.text)
        return _inside(self.spans, a, b)


def _overlaps(taken: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a < e and s < b for s, e in taken)


# precompiled: formatting and hashing these long patterns on every call cost more than the search
_DIGIT_UNIT = re.compile(rf"\d(?:{SCALE})?(?:{UNIT})(?![\u4e00-\u9fff])")
_AMOUNT_UNIT = re.compile(rf"(?:{AR}|[一二三四五六七八九十百千万]+)(?:{SCALE})?(?:{UNIT})")
_LATIN = re.compile(r"[A-Za-z]")
_ORDINAL_LIST = re.compile(rf"第{AR}、$")
_POLICY = re.compile(r"(?:措施|政策|意见|举措|规定|办法|细则)")
_AGE_CLASS = re.compile(r"(?:及)?以[上下](?:的)?[\u4e00-\u9fff]")
_TIME_RING = re.compile(r"[\u4e00-\u9fff]{0,4}圈")
_YEAR_PLAN = re.compile(r"年(?:行动|计划|攻坚|规划)")
_ENUMERATOR = re.compile(r"[.．、)）]")
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_BORROW = re.compile(rf"(?:和|、|与|及|或){AR}(?P<scale>{SCALE})?(?P<unit>{UNIT})")
_FROM = re.compile(r"(?:由|从)[^，,；;]{0,6}$")
_BASELINE_VERB_RE = re.compile(_BASELINE_VERB)
_DURATION_NOUN = re.compile(r"(?:年限|年龄|寿命|工龄|期限|周期)(?:提高到|提高至|达到|达|为|提高)?$")
_PRE_QUAL_SET = frozenset(PRE_QUALS)
_PRE_QUAL_LENS = sorted({len(w) for w in PRE_QUALS}, reverse=True)


def _pre_qualifier(text: str, i: int) -> str | None:
    # the longest qualifier ending at i (PRE_QUALS is longest first): one set lookup per length, not per word
    w = next((text[i - n:i] for n in _PRE_QUAL_LENS if n <= i and text[i - n:i] in _PRE_QUAL_SET), None)
    if w and len(w) == 1 and i >= 2 and text[i - 2] in _WORD_ENDS.get(w, ""):
        return None
    return w


def _excluded_number(text: str, m: re.Match[str]) -> bool:
    """Names, ordinals, grades, codes: an Arabic number that is not a quantity."""
    a, b = m.start("num"), m.end("num")
    before, after = text[a - 1] if a else "", text[b] if b < len(text) else ""
    unit = m.group("unit")
    if _LATIN.match(before) or (_LATIN.match(text[m.end():m.end() + 1] or " ")
                                         and unit not in _LATIN_UNITS and not m.group("post")):
        return True  # A380, PM2.5, G106, 5G, 3A级, N7
    if before == "第":
        return True  # ordinal (ranks are matched before this)
    tail = text[m.end():m.end() + 1]
    if (after and after in "级版号线") or (tail and tail in "级版号线") or text.startswith(("届", "期", "批", "代"), b):
        return True  # 10亿级, 3.0版, 8号线, 136届
    # the 、 check first: the pattern scans the whole sentence before the number
    if a >= 2 and "、" in text[a - 2:a] and _ORDINAL_LIST.search(text[:a]):
        return True  # 第135、136两届
    if unit == "列" and text.startswith(("入", "为", "举", "出", "车"), m.end("unit")):
        return True  # 3列入, 列为: the verb 列, not trains
    if unit == "条" and _POLICY.match(text, m.end()):
        return True  # 22条措施: a policy title
    if unit == "岁" and _AGE_CLASS.match(text, m.end("unit")):
        return True  # 3岁以下婴幼儿: part of a name
    if unit in ("小时", "分钟") and _TIME_RING.match(text, m.end()):
        return True  # 1小时交通圈, 15分钟生活圈: names of planning concepts
    if unit in ("年", None) and _YEAR_PLAN.match(text, b):
        return True
    if not unit and after in _RANGE_SEP and after and _MONTH_RANGE_END.match(text, b):
        return True  # 1—10月
    if not unit and not m.group("scale") and _ENUMERATOR.match(after or " ") and (
            a == 0 or text[a - 1] in "：:（(，,；;"):
        return True  # an enumerator: 1. 2、 (3)
    if not unit and not m.group("scale"):
        nxt = text[m.end():m.end() + 1]
        # a bare number must end its phrase: 环境空气综合指数2.98, ; glued to a word it is a name (2024赛迪)
        if nxt and _WORD_CHAR.match(nxt) and not m.group("post"):
            return True
    return False


def _size_class(text: str, end: int, unit: str) -> bool:
    """新开工5亿元以上产业项目600个: an amount + 以上 + noun, counted later in the clause, names a class of
    things. A share or count + 以上 + noun (45%以上面积, 1万家以上民营企业) is the quantity itself."""
    if unit in ("%", "‰") or unit in COUNT_UNITS:
        return False
    if not re.match(r"(?!的|和|及|与|或|等)[\u4e00-\u9fff]", text[end:end + 1]):
        return False
    clause = re.split(r"[，,；;。：:]", text[end:], maxsplit=1)[0]
    return bool(_AMOUNT_UNIT.search(clause))


def _chinese_allowed(text: str, m: re.Match[str], pre: str | None) -> bool:
    """Chinese numerals are quantities as rounded amounts (超千场), percentage points, and written-out amounts
    of ten or more with a unit (一百二十公里, 三千余人); small ones (一个, 六镇四街, 十件实事) are names or prose."""
    num, unit = m.group("num"), m.group("unit")
    if unit in ("个百分点", "百分点"):
        return True
    rounded = pre in ("超", "超过", "近", "逾", "约", "上", "突破") or m.group("yu") or m.group("post") in ("余", "多")
    if rounded and unit and re.search("[百千万亿]", num + (m.group("scale") or "")):
        return True
    value = _cn_value(num)
    return bool(unit and value is not None and value >= 10 and len(num) >= 2 and unit not in ("年", "届", "次"))


# The quick rejection (may_hold_phrase): what every phrase holds. A new phrase kind must add its key word here.
# Without an Arabic digit a phrase needs a Chinese numeral in one of these places (NUMBER_RE drops a Chinese
# numeral without a unit; RANK_RE and STREAK_RE name their numeral after 第/前/连续 or before 连), or one of the
# key words of 百分之…, 千分之…, 翻…番, 持平, 首位/榜首 and QUALITATIVE_RE (经济增长, 生产总值增长,
# 完成…下达/下发/分解); a tenth (九成三) is found with the ranks (_CN_RANK).
# _chinese_allowed takes a numeral of two characters or more (二十个), 百/千 alone (超千场), one with a scale
# (三万人), or 个百分点 (两个百分点) — the last is tested as a key word
# (one character class first, so the regex engine skips to the numerals in C)
# (a written-out decimal, 十二点五万人, may stand between the numeral and the scale)
_CN_QUANTITY = re.compile(rf"{CN[:-1]}(?:{CN}{CN_POINT}(?:{SCALE})?|(?<=[百千]){CN_POINT}(?:{SCALE})?|"
                          rf"{CN_POINT}(?:{SCALE}))(?:余|多)?(?:{UNIT})")
# ranks (第三) and tenths (九成三), with one character class first
_CN_RANK = re.compile(r"[第前一二三四五六七八九](?:(?<=[第前])[一二三四五六七八九十]|(?<=[一二三四五六七八九])成)")
_CN_STREAK = re.compile(rf"连续{CN}|{CN}连")
_KEY_WORDS = ("百分", "千分之", "番", "持平", "首位", "榜首", "经济增长", "生产总值增长", "下达", "下发", "分解")


def may_hold_phrase(text: str) -> bool:
    """False only when find_phrases would find nothing: most sentences (and most paragraphs of a plan, which use
    一 and 十 in words) are dropped here. Exact, not a heuristic: see
    tests/test_figures.py::test_phrase_prefilter_never_drops_a_phrase."""
    if _HINT_DIGIT.search(text):
        return True
    for w in _KEY_WORDS:
        if w in text:
            return True
    if "连" in text and _CN_STREAK.search(text):
        return True
    return _CN_RANK.search(text) is not None or _CN_QUANTITY.search(text) is not None


def find_phrases(text: str) -> list[Phrase]:
    """All quantity phrases of one compact sentence, left to right, none overlapping."""
    return all_phrases(text) if may_hold_phrase(text) else []


def all_phrases(text: str) -> list[Phrase]:
    """find_phrases without the quick rejection (the tests check that it never drops a phrase)."""
    out: list[Phrase] = []
    taken: list[tuple[int, int]] = []

    for m in _scan(STREAK_RE, _HINT_STREAK, text):
        num = m.group("num") or m.group("num2")
        value = _cn_value(num)
        if value is None:
            continue
        unit = m.group("unit") or "次"
        out.append(Phrase(m.start(), m.end(), m.start("num") if m.group("num") else m.start("num2"), "streak",
                          m.group(0), value, unit, unit, pre="连续" if m.group("num") else None))
        taken.append((m.start(), m.end()))

    labels = _Labels(text)
    for m in _scan(RANK_RE, _HINT_RANK, text):
        nxt = text[m.end():m.end() + 1]
        num_at = m.start("top") if m.group("top") else m.start("num")
        if _overlaps(taken, m.start(), m.end()) or labels.holds(num_at, m.end()):
            continue
        if not (m.group("scope") or m.group("verb")) or (not m.group("suf") and not m.group("top") and nxt
                                                          and nxt in _ORDINAL_NOUN):
            continue  # 第27届, 第二批, 全市第二支: ordinals, not ranks
        if nxt and re.match(r"\d", nxt):
            continue
        value = Decimal(1) if m.group("top") else _cn_value(m.group("num"))
        if value is None:
            continue
        start = m.start("verb") if m.group("verb") and not m.group("scope") else m.start()
        out.append(Phrase(start, m.end(), num_at, "rank", text[start:m.end()], value,
                          scope=m.group("scope"), pre="前" if m.group("front") == "前" else None))
        taken.append((m.start(), m.end()))

    for m in _scan(RATIO_RE, _HINT_RATIO, text):
        if not _overlaps(taken, m.start(), m.end()) and not re.match(r"\d{1,2}:\d{2}$", m.group(0)):  # 9:30
            post = _RATIO_POST.match(text, m.end())  # 缩小到1.75∶1以内: a bound, the raw stays the ratio
            out.append(Phrase(m.start(), m.end(), m.start(), "ratio", m.group(0), None,
                              post=post.group(0) if post else None))
            taken.append((m.start(), m.end()))

    for m in _scan(QUALITATIVE_RE, _HINT_QUAL, text):
        if not _overlaps(taken, m.start(), m.end()):
            out.append(Phrase(m.start(), m.end(), m.start(), "qualitative", m.group(0), None))
            taken.append((m.start(), m.end()))

    for m in _scan(PERCENT_CN_RE, _HINT_PERCENT_CN, text):
        value = _cn_value(m.group("num"))
        if value is None or _overlaps(taken, m.start(), m.end()):
            continue
        pre = _pre_qualifier(text, m.start())
        start = m.start() - len(pre) if pre else m.start()
        unit = "%" if m.group("per") == "百" else "‰"
        out.append(Phrase(start, m.end(), m.start(), "number", text[start:m.end()], value, unit, unit, pre=pre,
                          post=m.group("post")))
        taken.append((start, m.end()))

    # the two scans below are guarded by a substring test: cheaper than a hint regex, and most sentences fail it
    for m in (CHENG_RE.finditer(text) if "成" in text else ()):
        if _overlaps(taken, m.start(), m.end()) or (
                m.group("t") == "一" and m.start() and not _BEFORE_ONE_TENTH.match(text, m.start() - 1)):
            continue
        value = Decimal(10 * (_CN_DIGIT.index(m.group("t")) + 1) + (_CN_DIGIT.index(m.group("o")) + 1 if m.group("o")
                                                                    else 0))
        pre = _pre_qualifier(text, m.start())
        start = m.start() - len(pre) if pre else m.start()
        out.append(Phrase(start, m.end(), m.start(), "number", text[start:m.end()], value, "%", "%", pre=pre,
                          post=m.group("post")))
        taken.append((start, m.end()))

    for m in (FLAT_RE.finditer(text) if "持平" in text else ()):
        if not _overlaps(taken, m.start(), m.end()) and _FLAT_BASE.search(text, max(0, m.start() - 12), m.start()):
            out.append(Phrase(m.start(), m.end(), m.start("pre") if m.group("pre") else m.start(), "flat", m.group(0),
                              Decimal(0), "%", "%", pre=m.group("pre")))
            taken.append((m.start(), m.end()))

    for m in _scan(DOUBLING_RE, _HINT_DOUBLING, text):
        n = _cn_value(m.group("n") or "一")
        if n is None or _overlaps(taken, m.start(), m.end()) or text.startswith("的", m.end()):
            continue  # 实现翻一番的目标: names a goal
        out.append(Phrase(m.start(), m.end(), m.start(), "number", m.group(0), Decimal(2) ** int(n), "倍", "倍",
                          post=m.group("post")))
        taken.append((m.start(), m.end()))

    for m in (NUMBER_RE if _CN_BEFORE_UNIT.search(text) else NUMBER_AR_RE).finditer(text):
        num = m.group("num")
        arabic = _AR_FULL.fullmatch(num) is not None
        if not arabic and not m.group("unit"):
            continue  # a Chinese numeral without a unit: _chinese_allowed never takes it (most are 一 in 进一步)
        a, b = m.start(), m.end()
        if _overlaps(taken, a, b) or labels.holds(a, b):
            continue
        # -2.1%: a minus sign after a word (增长-2.1%, 增长率-0.67‰), not a dash between numbers
        neg = arabic and a >= 2 and text[a - 1] in "-−" and _NEG_BEFORE.match(text[a - 2]) is not None
        a0 = a - 1 if neg else a
        pre = _pre_qualifier(text, a0)
        borrowed = None
        if arabic:
            pre = None if pre == "上" else pre  # 上百家 is Chinese-numeral prose; 以上30条 is not a qualifier
            if not (m.group("scale") or m.group("unit") or m.group("post")):
                # 高于全国、全省0.7和0.4个百分点: the first number of a pair takes the unit of the second
                borrowed = _BORROW.match(text, b)
            if not borrowed and _excluded_number(text, m):
                continue
            # 由/从 within the 8 characters before first: the pattern scans the whole sentence before the number
            if (("由" in text[a - 8 if a > 8 else 0:a] or "从" in text[a - 8 if a > 8 else 0:a])
                    and _FROM.search(text[:a]) and _BASELINE_VERB_RE.match(text, b)):
                continue  # 由111天压缩为39天: the old value, not the reported one
        elif text.endswith("第", 0, a) or text.startswith("周年", m.end() - 1) or not _chinese_allowed(text, m, pre):
            continue  # 第十四个, 一百周年
        # an Arabic number is read here at once (to_decimal would normalise and re-match it); ASCII digits only
        value = Decimal(num.replace(",", "")) if arabic and num.isascii() else _cn_value(num)
        if value is None:
            continue
        scale, unit = m.group("scale") or "", m.group("unit") or ""
        if borrowed:
            scale, unit = borrowed.group("scale") or "", borrowed.group("unit")
        if scale == "千" and not unit:  # 3千 alone is odd; 千 as a bare scale belongs to the number
            continue
        if text.startswith(("大关", "关口", "台阶", "门槛"), b) and _restated(text, a, b, unit):
            continue  # 突破5万亿元大关,达到50235亿元: a milestone passed, restating the figure next to it
        post = m.group("post") or m.group("yu")
        alt = ""
        if unit in ("头", "只") and b == m.end("unit") and (am := _ALT.match(text, b)):
            alt, b = am.group(0), am.end()  # 486.2万头（只）
            if pm := _POST_RE.match(text, b):
                post, b = pm.group(0), pm.end()
        if post in ("以上", "以下") and _size_class(text, b, unit):
            continue  # 5亿元以上产业项目600个: a size class in a name, not a quantity reached
        if unit == "年" and not _DURATION_NOUN.search(text[max(0, a - 12):a]):
            continue  # N年 is a duration only after 年限 and the like; elsewhere it is a date or a name (3年行动)
        full_unit = (scale + unit + alt + (m.group("per") or "")) or None
        start = a0 - len(pre) if pre else a0
        out.append(Phrase(start, b, a, "number", text[start:b], -value if neg else value, full_unit, unit or None,
                          pre=pre, post=post))
        taken.append((start, b))
    out.sort(key=lambda p: p.start)
    return _ranges(text, out) if len(out) > 1 else out


def _ranges(text: str, phrases: list[Phrase]) -> list[Phrase]:
    """5%—6%, 5～6%, 6%到6.5%: a number, a dash or 至/到, a larger number in the same unit make one range."""
    out: list[Phrase] = []
    for p in phrases:
        q = out[-1] if out else None
        if (q is not None and q.kind == p.kind == "number" and q.high is None and p.end - p.start > 0
                and p.start == q.end + 1 and text[q.end] in _RANGE_SEP and p.pre is None and not q.post
                and q.unit in (None, p.unit) and q.value is not None and p.value is not None and q.value < p.value
                and not text.endswith(("由", "从"), 0, q.start)):  # 从5%到6%: a change, not a range
            out[-1] = Phrase(q.start, p.end, q.num_start, "number", text[q.start:p.end], q.value, p.unit,
                             p.base_unit, pre=q.pre, post=p.post, high=p.value)
        else:
            out.append(p)
    return out


def _restated(text: str, a: int, b: int, unit: str) -> bool:
    """Another amount in the same unit in this clause or the one before or after: the milestone restates it."""
    own = max(text.rfind(ch, 0, a) for ch in "，,；;")
    start = max(text.rfind(ch, 0, own) for ch in "，,；;") + 1 if own > 0 else 0
    end = min([i for i in (text.find(ch, b) for ch in "，,；;") if i >= 0] or [len(text)])
    nxt = min([i for i in (text.find(ch, end + 1) for ch in "，,；;") if i >= 0] or [len(text)])
    rx = re.compile(rf"(?:{AR})(?:{SCALE})?{re.escape(unit)}") if unit else _AR_FULL
    return any(not (a <= m.start() < b) for m in rx.finditer(text, start, nxt))
