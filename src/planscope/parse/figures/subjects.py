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
               r"前三季度|今年|去年|(?:今后|未来)五年")
_LEAD = re.compile(rf"^(?:[、，,；;：:”」]|该市|该省|该区|该县|其中|另外|此外|同时|并且|并|且|和|及|以及|与|"
                   rf"力争|争取|确保|预计|计划|努力|实现|完成|"
                   rf"{_YEAR_WORDS})+")
_TRAIL = re.compile(r"(?:人民币|(?:确|设|拟|预)?定为|设为|调整为|"
                    r"达到了|达到|达|为|是|完成了|完成|实现了|实现|增至|增加到|增加至|提高到|提高至|"
                    r"提升到|提升至|升至|降至|降到|下降到|下降至|减少到|减少至|控制在|保持在|稳定在|稳居|"
                    r"保持|共计|合计|总计|共|累计|分别|均为|均|都|已经|已|超过|突破|有|的|达|首次|再次|新增加|位居|稳居|居于|居|排名|排在|(?<![减安编直])排|位列|名列|至)+$")
_ORDINAL = re.compile(r"第[\d一二三四五六七八九十]+(?:[、和至到\-—]\d+)*[两三四五六七八九十]*[届批期次轮]")
_BASELINE = re.compile(r"(?:由|从)[^，,；;]*?(?:压缩|缩短|提高|提升|增加|增长|下降|降低|减少|扩大|上升|降|升|增|提)"
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
    s = _ORDINAL.sub("", _BASELINE.sub("", before))
    verb = None
    for _ in range(3):
        s = _TRAIL.sub("", s)
        if m := GROWTH_VERB.search(s):
            verb = verb or m.group("verb")
            s = s[: m.start()]
    s = _TRAIL.sub("", s)
    s = _LEAD.sub("", s)
    s = tidy(s)
    examples = s.endswith("等")
    if examples:
        s = ""
    if len(s) > _MAX:  # keep the end: the subject sits just before its number
        cut = max(s.rfind(ch, 0, len(s) - 4) for ch in "，,；;：:")
        s = s[cut + 1:] if cut >= 0 else s[-_MAX:]
    return s, verb, examples


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
    return _COMPARISON.sub("", subject) or subject


def relational(subject: str, last_noun: str | None) -> str:
    core = without_comparison(subject)
    # 5G基站 + 总量; but a measure does not belong to another measure (社会消费品零售总额 + 进出口总额)
    if (last_noun and len(core) <= 6 and RELATIONAL.search(core) and last_noun not in subject
            and not RELATIONAL.search(last_noun)):
        return last_noun + subject
    return subject
