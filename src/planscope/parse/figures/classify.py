"""What kind of quantity a phrase is (measure) and how exact it is (qualifier)."""

from __future__ import annotations

import re

from planscope.model import Measure, Qualifier
from planscope.parse.values import parse_value

# Classifiers that count things (个/家/所/项/宗…), with or without a scale (万人, 万套).
COUNT_UNITS = set([
        "个", "家", "所", "项", "宗", "座", "支", "间", "张", "场", "枚", "名", "位", "户", "床", "辆", "台",
        "套", "条", "处", "件", "批", "株", "棵", "篇", "部", "艘", "架", "册", "种", "款", "栋", "幢", "人",
        "人次", "镇", "村", "例", "只", "头", "把", "份", "标箱", "标准箱", "TEU", "列", "羽"
    ])
DURATION_UNITS = {"天", "小时", "分钟", "周", "个月", "年", "个周期", "个工作日", "工作日"}
# A growth verb right before the number: 增长3%, 同比下降25.8%, 年均增长6%左右, 增速为8%.
GROWTH_VERB = re.compile(
    r"(?P<verb>(?:年均|同比|环比|按年|比上年|较上年|比去年|比上年同期|累计|平均每年|每年|平均|同口径)?(?:实质)?"
    r"(?:增长|增速为?|增幅为?|下降|降低|减少|提高|上升|上涨|下跌|回落|下滑|增加|回升|扩大|缩小|增产|减产|增收|减收|净增加|净增|净减少|净减|年增|年减|负成长|成长|衰退|"
    r"(?<![新递])增|(?<![递])降))了?$")
# A subject that names a rate of change itself: 居民消费价格涨幅2%左右, 经济增长预期目标定为5%左右.
_GROWTH_NOUN = re.compile(r"(?:增长|增速|增幅|涨幅|降幅|增长率|成长|成长率|通胀率|通胀|通货膨胀率)"
                          r"(?:预期)?(?:目标)?(?:值)?$")
# A count named by its subject when the unit is a scale alone: 访港旅客人次4,860万
_COUNT_NOUN = re.compile(r"(?:人次|人数|户数|次数|家数|个数|辆数|件数)$")

_QUALIFIER_WORDS = {
    "超过": Qualifier.MORE_THAN, "超出": Qualifier.MORE_THAN, "超": Qualifier.MORE_THAN,
    "逾": Qualifier.MORE_THAN, "突破": Qualifier.MORE_THAN, "高于": Qualifier.MORE_THAN,
    "大于": Qualifier.MORE_THAN, "多于": Qualifier.MORE_THAN, "余": Qualifier.MORE_THAN, "多": Qualifier.MORE_THAN,
    "上": Qualifier.MORE_THAN, "近": Qualifier.ABOUT, "约": Qualifier.ABOUT, "左右": Qualifier.ABOUT,
    "不少于": Qualifier.AT_LEAST, "不低于": Qualifier.AT_LEAST, "以上": Qualifier.AT_LEAST,
    "不超过": Qualifier.AT_MOST, "不高于": Qualifier.AT_MOST, "以内": Qualifier.AT_MOST,
    "以下": Qualifier.AT_MOST, "前": Qualifier.AT_MOST, "低于": Qualifier.LESS_THAN, "小于": Qualifier.LESS_THAN,
    "少于": Qualifier.LESS_THAN, "基本": Qualifier.ABOUT,  # 基本持平
}


def qualifier(pre: str | None, post: str | None, core: str) -> Qualifier:
    """Prose words win (超, 近, 余 are not in the table grammar); else the value grammar decides."""
    if pre is None and post is None:
        # a bare phrase (1860.06亿元, -2.1%, 百分之三, 翻一番) holds no qualifier sign: the grammar says exact or
        # qualitative, both EXACT here (tests/test_figures.py::test_bare_phrases_are_exact_by_the_grammar)
        return Qualifier.EXACT
    for w in (post, pre):
        if w and w in _QUALIFIER_WORDS:
            return _QUALIFIER_WORDS[w]
    pv = parse_value(core)
    return pv.qualifier if pv is not None and pv.qualifier != Qualifier.QUALITATIVE else Qualifier.EXACT


def measure(kind: str, base_unit: str | None, unit: str | None, growth_verb: str | None, subject: str) -> Measure:
    if kind == "rank":
        return Measure.RANK
    if kind == "flat":  # 与上年持平: a change of zero
        return Measure.GROWTH_RATE
    if kind in ("streak", "ratio"):
        return Measure.OTHER
    if kind == "qualitative":  # 居民收入增长和经济增长同步, 能耗降低完成下达目标: a change kept in step
        return Measure.GROWTH_RATE if growth_verb else Measure.OTHER
    if unit in ("%", "‰"):
        if growth_verb or _GROWTH_NOUN.search(subject):
            return Measure.GROWTH_RATE
        return Measure.SHARE  # a percentage that is not a change is a share or rate (占比, 覆盖率, 达标)
    if unit in ("个百分点", "百分点", "倍"):
        return Measure.OTHER
    if base_unit in COUNT_UNITS:
        return Measure.COUNT
    if base_unit is None and _COUNT_NOUN.search(subject):
        return Measure.COUNT
    if base_unit in DURATION_UNITS:
        return Measure.COUNT if subject.endswith("天数") else Measure.OTHER  # 优良天数312天 counts days
    return Measure.LEVEL
