"""The subject a number belongs to: the noun phrase before it in its clause, carried over within a sentence.

    全年地区生产总值1860.06亿元,增长3%,增速全市第3   → 地区生产总值 / 地区生产总值增长 / 地区生产总值增速
    推动541个固定资产投资项目建设                      → 推动固定资产投资项目建设 (the noun follows a count)
    新增1210座5G基站,总量累计突破7763座                → 新增5G基站 / 5G基站总量 (relational noun + last noun)
    规上营利性服务业营收、建筑业总产值增速全市第1      → two subjects sharing 增速
    声光电产业、化妆品产业保持高速增长,分别增长26.3%、16.2% → one subject each (分别)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planscope.parse.figures.classify import GROWTH_VERB
from planscope.parse.figures.phrases import Phrase

_YEAR_WORDS = (r"(?:是|为|相当于)(?:19|20)\d{2}年(?:末|底)?(?:的)?|"
               r"(?:比|较|与)(?:(?:19|20)\d{2}年|上年末|上年同期|上年|去年|年初|上年度)(?:相比|同期)?|同比|按年|按年度|"
               r"(?:到|至|截至|截止到|截止|在|于)?(?:19|20)\d{2}年"
               r"(?:底|末|年底|年末|全年|上半年|下半年|前三季度|一季度|以来|度)?|“?十[一二三四五六七八九]五”?(?:时期|期间|末|初期|以来)?|全年|当年|年末|年底|上半年|下半年|"
               r"前三季度|今年|去年|(?:今后|未来)五年|"
               # 2021—2023年, 三年(年均), 较“十三五”时期: a span of years or a base period, not the subject
               r"(?:19|20)\d{2}(?:—|-|–|～|~|至|到)(?:19|20)\d{2}年(?:间|期间)?|[一二三四五两]年(?=年均|累计|$)|"
               r"(?:比|较|与)“?十[一二三四五六七八九]五”?(?:时期|期间|末)?(?:相比)?")
_LEAD = re.compile(rf"^(?:[、，,；;：:”」]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[)）]|[①-⑳]|"  # list numbers: 1. (2) ③
                   rf"该市|该省|该区|该县|全[县市区省州盟旗镇](?:域)?(?=\S)|其中|另外|此外|同时|并且|并|且|和|及|以及|与|"
                   rf"力争|争取|确保|预计|计划|努力|实现|完成|"
                   rf"{_YEAR_WORDS})+")
# After the lead words, a time that is not the subject either (apart from _LEAD: in it, it slowed every subject):
# 五年年均增长, 5年来, 近五年, 过去五年 (a span of years before a rate); 10月份当月, 1—10月, 截至10月末 (months)
_TIME_LEAD = re.compile(r"^(?:(?:截至|截止到|截止|到|至)?(?:\d{1,2}(?:—|-|–|～|~|至|到))?\d{1,2}月(?:份)?"
                        r"(?:当月|末|底|平均|累计)?|当月|"
                        r"(?:过去|近|今后|未来|这)?(?:[一二三四五六七八九十两]+|\d{1,2})年(?:来|间|以来)?(?=年均|累计|平均|$))+")
_TIME_FIRST = frozenset("0123456789截到至当过近今未这一二三四五六七八九十两")
_TRAIL = re.compile(r"(?:(?:比|较|与)(?:(?:19|20)\d{2}年(?:末|底)?|上年末?|去年|上年同期)(?:相比)?|"
                    r"在(?:19|20)\d{2}年的?基础上|人民币|(?:确|设|拟|预)?定为|设为|调整为|"
                    r"达到了|达到|达|为|是|完成了|完成|实现了|实现|增至|增加到|增加至|提高到|提高至|"
                    r"提升到|提升至|升至|降至|降到|下降到|下降至|减少到|减少至|控制在|保持在|稳定在|稳居|"
                    r"保持|共计|合计|总计|共|累计|分别|均为|均|都|已经|已|超过|突破|有|的|达|首次|再次|新增加|位居|稳居|居于|居|排名|排在|(?<![减安编直])排|位列|名列|至|"
                    # 压缩至1个工作日, 通胀率预测为1.7%, 旅客人次将超过5,000万
                    r"压缩至|压缩到|缩短至|缩短到|预测|(?<![即])将|进入|跻身|迈入|同比|环比)+$")
# Speed: _TRAIL and GROWTH_VERB end at the end of the string. One _TRAIL word is at most _TRAIL_WIDTH characters
# and a growth verb at most _VERB_WIDTH, so each is looked for in that tail only (the same matches: a match that
# ends at the end cannot start before it); the whole _TRAIL run is stripped only when its last word is there.
# (tests/test_figures.py checks the widths against the patterns)
_TRAIL_ONE = re.compile(_TRAIL.pattern.removesuffix(")+$") + ")$")
_TRAIL_WIDTH = 10
_VERB_WIDTH = 11
_ORDINAL = re.compile(r"第[\d一二三四五六七八九十]+(?:[、和至到\-—]\d+)*[两三四五六七八九十]*[届批期次轮]")
_BASELINE = re.compile(r"(?:由|从)(?:[^，,；;]|(?<=\d),(?=\d{3}))*?"  # 由4,280公里增加到: 1,234 is one number
                       r"(?:压缩|缩短|提高|提升|增加|增长|下降|降低|减少|扩大|上升|降|升|增|提)"
                       r"(?:为|到|至)(?:最快|最短|最多|最高|最低)?$")
_AFTER_STOP = re.compile(r"^(?:以上|左右|以内|以下|的|等|和|及|与|或|增长|同比|比|较|是|为|，|,|以|分别|占|、)")
# Nouns that only make sense of something already named: 总量, 规模, 增速 …
RELATIONAL = re.compile(r"(?:总量|总规模|规模|总额|总投资|投资额|增速|增幅|金额|成交额|成交金额|"
                        r"总产值|年产值|产值|总里程|里程|面积|比重|占比|人数|数量|总数)$")
# A measure several subjects share: 营收、建筑业总产值增速 / 建设用地、耕地安全利用率
SHARED_MEASURE = re.compile(r"(?:增速|增幅|增长率|比重|占比|[\u4e00-\u9fff]{2,4}率)$")
# A comparison after the measure: 增速比全省平均水平高, 增速高于全国 (比重, 比例 are not comparisons)
_COMPARISON = re.compile(r"(?:(?:比(?![重例率值价])|较)[^，,；;]*?[高低快慢多少]|(?:高于|低于|快于|慢于)[^，,；;]*)$")
_LIST_SPLIT = re.compile(r"、|和|及|与")
_MAX = 30


@dataclass
class Subject:
    text: str  # the indicator (without a growth verb)
    verb: str | None = None  # growth verb before the number: 增长, 年均增长, 下降
    noun: str | None = None  # the thing counted, when it follows the number (541个固定资产投资项目)
    shared: list[str] | None = None  # several subjects share this number


def clean_before(before: str) -> tuple[str, str | None, bool]:
    """(subject, growth verb, ends with 等 examples) from the text between the last boundary and a number."""
    s = _ORDINAL.sub("", _BASELINE.sub("", before)) if ("由" in before or "从" in before or "第" in before) else before
    verb = None
    for _ in range(3):
        t = _strip_trail(s)
        if m := GROWTH_VERB.search(t, max(0, len(t) - _VERB_WIDTH)):
            verb = verb or m.group("verb")
            t = t[: m.start()]
        if t == s:
            break  # nothing left to strip: further rounds (and the last _TRAIL) change nothing
        s = t
    else:
        s = _strip_trail(s)
    s = _LEAD.sub("", s)
    if s and s[0] in _TIME_FIRST and (t := _TIME_LEAD.sub("", s)) != s:
        s = _LEAD.sub("", t)
    s = tidy(s)
    examples = s.endswith("等")
    if examples:
        s = ""
    if len(s) > _MAX:  # keep the end: the subject sits just before its number
        cut = max(s.rfind(ch, 0, len(s) - 4) for ch in "，,；;：:")
        s = s[cut + 1:] if cut >= 0 else s[-_MAX:]
    return s, verb, examples


def _strip_trail(s: str) -> str:
    return _TRAIL.sub("", s) if _TRAIL_ONE.search(s, max(0, len(s) - _TRAIL_WIDTH)) else s


def tidy(s: str) -> str:
    """Drop empty quotes and unmatched quote marks at the ends (实现“十五连增” leaves 实现“)."""
    s = s.replace("“”", "").replace("「」", "")
    while s and s[-1] in "“「《（(":
        s = s[:-1]
    while s and s[0] in "”」》）)":
        s = s[1:]
    if s.endswith("”") and s.count("”") > s.count("“"):
        s = s[:-1]
    if s.count("“") > s.count("”") and s.startswith("“"):
        s = s[1:]
    return s


def after_noun(text: str, p: Phrase, limit: int) -> str:
    """The noun right after a count: '541个固定资产投资项目建设' → 固定资产投资项目建设."""
    end = p.end
    stop = end
    while stop < min(limit, len(text), end + 20) and text[stop] not in "。！？、":
        stop += 1
    after = re.sub(r"(?:和|及|与|并|以及)$", "", text[end:stop])
    if not after or _AFTER_STOP.match(after):
        return ""
    return after


def split_shared(subject: str) -> list[str]:
    """'重点建设用地、受污染耕地安全利用率' → both with 安全利用率;
    '城镇和农村居民收入' → 城镇居民收入, 农村居民收入."""
    items = [x for x in _LIST_SPLIT.split(subject) if x]
    if len(items) < 2:
        return [subject]
    last = items[-1]
    m = SHARED_MEASURE.search(last)
    out = []
    for it in items[:-1]:
        if m and not SHARED_MEASURE.search(it):
            it = it + m.group(0)
        elif len(it) <= 2 and len(last) > 4:
            it = it + last[2:]  # 城镇、农村居民人均可支配收入: the modifier takes the head
        out.append(it)
    return [*out, last]


def respective_subjects(text: str, clause_start: int, before: str) -> list[str]:
    """The list that '分别' refers to: before it in the clause, or the previous clause."""
    head = before.split("分别")[0]
    head = _LEAD.sub("", head)
    if not head:
        prev_end = clause_start - 1
        prev_start = prev_end
        while prev_start > 0 and text[prev_start - 1] not in "，,；;：:。":
            prev_start -= 1
        # 收入分别达到41250元和21860元,分别增长5.1%和7.3%: the list is what precedes the first 分别
        prev = text[prev_start:max(prev_end, prev_start)].split("分别")[0]
        head = _LEAD.sub("", re.split(r"\d", prev)[0])
        head = _TRAIL.sub("", head)
    head = re.sub(r"(?:保持|实现|均为|均保持|均实现|继续|持续|稳步|同比|比上年|有所|呈现)[\u4e00-\u9fff]*$", "", head)
    items = [x for x in (_LEAD.sub("", s) for s in split_shared(head)) if x]
    if len(items) == 1 and items[0].startswith("城乡") and len(items[0]) > 2:
        items = ["城镇" + items[0][2:], "农村" + items[0][2:]]  # 城乡居民收入分别增长: 城镇…, 农村…
    return items


def without_comparison(subject: str) -> str:
    """'增速比全省平均水平高' → '增速': the measure, without what it is compared with."""
    if "比" not in subject and "较" not in subject and "于" not in subject:
        return subject  # every comparison says 比, 较 or …于
    return _COMPARISON.sub("", subject) or subject


# What a number adds in a year (新增236家); the stock it adds to (总数达到1420家) is the thing without the verb
_FLOW = re.compile(r"^(?:全年|当年|年内|本年)?(?:新增加|新增|新建|新设立|新设|新认定|新引进|新培育|净增|新开工|新登记)")
_STOCK = re.compile(r"(?:总数|总量|总规模|数量)$")


def relational(subject: str, last_noun: str | None) -> str:
    core = without_comparison(subject)
    # 5G基站 + 总量; but a measure does not belong to another measure (社会消费品零售总额 + 进出口总额)
    if (last_noun and len(core) <= 6 and RELATIONAL.search(core) and last_noun not in subject
            and not RELATIONAL.search(last_noun)):
        if _STOCK.search(core):  # 新增高新技术企业236家，总数达到1420家: the total of all, not of the new ones
            last_noun = _FLOW.sub("", last_noun) or last_noun
        return last_noun + subject
    return subject
