"""Quantities stated in prose: the targets a document sets and the observations it reports.

    extract_figures(src, meta) -> (targets, observations)

The pipeline, one module per step: `sentences` (paragraphs → compact sentences with a line map), `context`
(which section: a report's 执行情况 part reports, its 计划草案 part plans; a plan's 发展成就 looks back),
`phrases` (numbers, ranks, streaks, qualitative targets; names and labels excluded), `subjects` (the indicator
each number belongs to), `classify` (measure and qualifier).
"""

from __future__ import annotations

import re

from planscope.ingest import SourceText
from planscope.model import DocumentMeta, Figure, Measure, Qualifier, Span
from planscope.parse.figures.classify import GROWTH_VERB, measure, qualifier
from planscope.parse.figures.context import (
    OBS,
    TARGET,
    TARGET_CUES,
    DocContext,
    doc_context,
    in_boxes,
    paragraph_modes,
    published_year,
)
from planscope.parse.figures.phrases import AR, QUALITATIVE_RE, Phrase, find_phrases, may_hold_phrase
from planscope.parse.figures.sentences import Sentence, is_running_text, split_sentences
from planscope.parse.figures.subjects import (
    Subject,
    after_noun,
    clean_before,
    relational,
    respective_subjects,
    split_shared,
    tidy,
    without_comparison,
)
from planscope.parse.metadata import plan_years

__all__ = ["extract_figures", "sentence_figures"]

_YEAR = re.compile(r"(?P<pre>展望|到|至|截至|截止到|截止|比|较|与|同|从|自|由|在|于|是|为|相当于)?"
                   r"(?P<y>(?:19|20)\d{2})年"
                   r"(?P<suf>底|末|以来|起|度|前)?(?P<of>的)?|“?十(?P<plan>[一二三四五六七八九])五”?(?P<when>时期|期间|末|以来)")
_BASE_PRE = ("比", "较", "与", "同", "从", "自")  # 比2020年增长: the base of a comparison
# 由2015年的X调整为2020年的Y: the 由 year dates X only; a number after the change verb is not of that year
_CHANGED_TO = re.compile(r"(?:提高|提升|增加|增长|下降|降低|减少|扩大|上升|调整|压缩|缩短|降|升|增)(?:为|到|至)")
_BASE_AFTER = re.compile(r"的?基础上")  # 在2020年基础上翻一番
# A sentence about a part of what the sentence before was about: 其中，10月份当月增长7.1%
_PART_OF = re.compile(r"^(?:其中|分月看|从当月看|当月)")
# A project's size and cost, as a 专栏 box describes each project
_DESCRIPTION = ("规划面积", "占地面积", "占地", "用地面积", "净用地", "用地", "建筑面积", "总面积", "总投资",
                "总投资额")
_AHEAD = re.compile(r"(?:展望|到|至)((?:19|20)\d{2})年(?!以来|起|的?基础上)")
# A telephone number (联系电话：028-87921234), as a page footer prints it: not a quantity
_PHONE = re.compile(r"(?<![\d.])0\d{2,3}[-—－]\d{7,8}(?![\d.])")
_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》|「[^「」]*」")
_CN_DIGIT = "一二三四五六七八九"
# What follows a streak that has no subject of its own: a predicate (连续十一年位居全球第一) takes the subject
# before it; a noun (连续6年空气质量稳居全市前3) is its own subject.
_PREDICATE = re.compile(r"(?:位居|稳居|居于|居|保持|稳定|实现|获评|获得|获|入选|进入|跻身|排名|名列|位列|领跑|蝉联|"
                        r"被评为|荣获|超过|突破|达到|高于|低于|增长|下降|提高|上升)")


def _years(text: str) -> list[tuple[int, int, str | None]]:
    """(position, year, preposition) for every year phrase that dates what follows it."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out = []
    for m in _YEAR.finditer(text):
        if m.group("plan"):
            if m.group("when") == "以来" or (m.start() and text[m.start() - 1] in (*_BASE_PRE, "由")):
                continue  # 较“十三五”时期增长30%: the base of a comparison
            n = 10 + _CN_DIGIT.index(m.group("plan")) + 1
            out.append((m.start(), plan_years(n)[1], "plan"))
            continue
        if any(s <= m.start() < e for s, e in quoted) and not m.group(0).startswith("“"):
            continue
        if m.group("pre") in _BASE_PRE or m.group("suf") in ("以来", "起") or _BASE_AFTER.match(text, m.end()):
            continue  # a base year of a comparison, not the year of the figure
        if m.group("pre") in ("是", "为", "相当于") and m.group("of") and re.match(rf"{AR}倍", text[m.end():]):
            continue  # 是2020年的2.3倍: the base of a multiple
        out.append((m.start(), int(m.group("y")), m.group("pre")))
    return out


def _mode_and_year(ctx: DocContext, para_mode: str | None, default_year: int | None, sent: Sentence,
                   p: Phrase, years: list[tuple[int, int, str | None]], lead: int | None = None
                   ) -> tuple[str, int | None]:
    explicit = [y for y in years if y[0] < p.start
                and not (y[2] == "由" and _CHANGED_TO.search(sent.text, y[0], p.start))]
    cs, ce = sent.clause_bounds(p.num_start)
    mode = para_mode or (TARGET if TARGET_CUES.search(sent.text[cs:ce]) else OBS)
    year = default_year if para_mode else (ctx.obs_year if mode == OBS else ctx.target_year)
    if lead and mode == TARGET:
        year = lead  # 展望2035年，…。地区生产总值迈上6000亿元台阶: the paragraph's opening year still holds
    if explicit:
        _, year, pre = explicit[-1]
        if ctx.now and year < ctx.now:
            mode = OBS
        elif pre in ("展望", "到", "至") or (ctx.obs_year and year > ctx.obs_year and mode == OBS):
            mode = TARGET
    return mode, year


def _figures_of(sent: Sentence, phrases: list[Phrase], carry: str | None = None) -> list[tuple[Phrase, Subject]]:
    """Pair each phrase with its subject(s), carrying subjects over within the sentence (and from the sentence
    before into one that opens with 其中)."""
    text = sent.text
    out: list[tuple[Phrase, Subject]] = []
    last_subject: str | None = None
    carry = _topic(carry) if carry and _PART_OF.match(text) else None
    last_noun: str | None = None
    prev_end = 0
    prev_noun = ""
    respective: list[str] = []
    resp_verb: str | None = None
    noun_of_streak = ""
    prev_verb: str | None = None
    for i, p in enumerate(phrases):
        cs, ce = sent.clause_bounds(p.num_start)
        nxt = phrases[i + 1].start if i + 1 < len(phrases) else len(text)
        raw_before = text[max(cs, prev_end):p.start]
        subject, verb, examples = clean_before(raw_before)
        if "分别" in raw_before:
            respective, resp_verb = respective_subjects(text, cs, raw_before), verb
        elif raw_before not in ("", "、", "和", "及", "与"):
            respective = []
        if respective and not verb:
            verb = resp_verb
        if not verb and i > 0 and raw_before in ("和", "、", "及", "与") and phrases[i - 1].unit == p.unit:
            verb = prev_verb  # 分别增长4.5%和6.2%: the second number shares the verb
        noun = ""
        if p.kind in ("number", "streak"):
            noun = after_noun(text, p, min(ce, nxt))
        if respective:
            subject, respective = respective[0], respective[1:]
        elif p.kind == "streak":
            noun_of_streak = noun
            if not subject and not examples and last_subject and _PREDICATE.match(noun):
                subject = last_subject  # …突破1500万辆,连续十一年位居全球第一: the streak is the same thing's
            subject = tidy(subject + noun)
            noun = ""
        elif noun and (p.unit in ("%",) or measure(p.kind, p.base_unit, p.unit, None, "") == Measure.COUNT
                       or len(subject) <= 2):
            subject = subject + noun
        adjacent = i > 0 and raw_before == "" and phrases[i - 1].end + len(prev_noun) >= p.start - 1
        refers_back = (bool(verb) or p.kind in ("rank", "qualitative") or p.unit in ("%", "‰", "个百分点", "倍")
                       or adjacent)
        if not subject and p.kind == "qualitative" and (m := QUALITATIVE_RE.fullmatch(p.raw)) and m.group("what"):
            subject = m.group("what")  # 完成省下达的节能减排任务: what is to be done is named inside
        if not subject and not verb and p.unit in ("%", "‰") and text.startswith("的", p.end):
            subject = _words_after(text, p, phrases)[1:]  # 九成三的规模以上工业企业实现…: a share of what follows
        if not subject and refers_back and not examples:
            subject = last_subject or ""
        if subject.startswith(("占", "相当于")) and last_subject:  # 增长2.4%,占地区生产总值比重73.9%
            subject = last_subject + subject
        own = subject
        subject = relational(subject, last_noun)
        if p.kind == "rank" and verb and subject and not subject.endswith(verb):
            subject += verb  # 增速全市第3 ranks the growth rate, not the level
        if not subject:  # 1镇5村入选…: the words after the numbers say what they count
            subject = _words_after(text, p, phrases)
        if not subject and cs > 0 and (p.kind == "rank" or not last_subject):
            # 入选…百强区,位居第57位: the clause before says what is ranked; an amount with no subject of its own
            # (…年均增长6.5%左右，到2025年突破5000亿元) is the last thing named, below
            subject = clean_before(text[text.rfind("，", 0, cs - 1) + 1 if "，" in text[:cs - 1] else 0:cs - 1])[0]
        subject = subject or last_subject or carry or ""
        shared = None
        if "、" in subject and (p.kind == "rank" or re.search(r"[均都]", raw_before)):
            shared = split_shared(subject)
        elif p.unit == "倍" and p.raw.startswith("翻") and re.search("[、和]", subject):
            shared = split_shared(subject)  # 经济总量和城乡居民人均收入实现翻番: each doubles
        out.append((p, Subject(subject, verb, noun or None, shared)))
        if p.kind == "streak" and own:
            last_subject = last_noun = own.removesuffix(noun_of_streak) or own
        elif subject and not respective:
            last_subject = subject if not noun or not subject.endswith(noun) else subject[: -len(noun)] or subject
            # 增速比全省平均水平高0.9个百分点,居全省第三位: what is carried on is the 增速, not the comparison
            last_subject = without_comparison(last_subject)
            if own == subject:  # a relational subject (总投资) does not replace the thing it belongs to
                last_noun = noun or without_comparison(subject)
        prev_noun = noun or ""
        prev_verb = verb
        prev_end = p.end + len(prev_noun)
    return out


def _words_after(text: str, p: Phrase, phrases: list[Phrase]) -> str:
    j = p.end
    while j < len(text) and (text[j].isdigit() or any(q.start <= j < q.end for q in phrases)):
        j += 1
    k = j
    while k < min(len(text), j + 20) and text[k] not in "，,；;：:。！？、":
        k += 1
    return text[j:k]


def sentence_figures(sent: Sentence, ctx: DocContext, para_mode: str | None,
                     default_year: int | None, carry: str | None = None, lead: int | None = None) -> list[Figure]:
    """The figures of one sentence; `carry` is the subject of the sentence before, for one opening with 其中."""
    phrases = find_phrases(sent.text)
    if not phrases:
        return []
    years = _years(sent.text)
    dashed = "-" in sent.text or "—" in sent.text or "－" in sent.text
    phones = [(m.start(), m.end()) for m in _PHONE.finditer(sent.text)] if dashed else []
    figs: list[Figure] = []
    for p, subj in _figures_of(sent, phrases, carry):
        if any(s <= p.num_start < e for s, e in phones):
            continue
        mode, year = _mode_and_year(ctx, para_mode, default_year, sent, p, years, lead)
        if p.kind == "qualitative" and mode != TARGET:
            continue
        line = sent.line_at(p.num_start)
        for name in subj.shared or [subj.text]:
            verb = None if p.kind in ("rank", "streak") else subj.verb
            meas = measure(p.kind, p.base_unit, p.unit, verb, name)
            indicator = name
            if verb and p.kind in ("number", "qualitative"):  # 增长3%, 增加2.4万人, 提高0.8个百分点
                v = re.sub(r"^(?:同比|按年|比上年同期|比上年|较上年|比去年)", "", verb or "增长")
                v = v.removesuffix("为") or "增长"
                indicator = name if name.endswith(v) else name + v
            if p.kind == "qualitative":
                qual = Qualifier.QUALITATIVE
            elif p.kind == "streak":
                qual = Qualifier.EXACT
            elif p.high is not None:
                qual = Qualifier.RANGE  # 5%—6%: the value is the lower end, the raw text holds both
            else:
                qual = qualifier(p.pre, p.post, p.raw)
            # the phrase as printed (the compact text has years and full-width digits in ASCII, same length)
            raw = sent.original[p.start:p.end] if len(sent.original) == len(sent.text) else p.raw
            figs.append(Figure(indicator=indicator, raw=raw, value=p.value, unit=p.unit, qualifier=qual,
                               measure=meas, year=year, sentence=sent.original or sent.text, span=Span(line, line),
                               kind=mode, scope=p.scope, high=p.high))
    return figs


def _target_year(text: str) -> int | None:
    """The year a sentence looks ahead to (到2025年, 展望2035年), which later sentences of its paragraph keep."""
    ahead = _AHEAD.findall(text)
    return int(ahead[-1]) if ahead else None


def _topic(indicator: str) -> str:
    """The indicator without its growth verb: 规模以上工业增加值增长 → 规模以上工业增加值."""
    m = GROWTH_VERB.search(indicator)
    return indicator[:m.start()] if m and m.start() else indicator


def extract_figures(src: SourceText, meta: DocumentMeta) -> tuple[list[Figure], list[Figure]]:
    paras = [p for p in src.paragraphs() if p.text.strip()]
    # the date lines ingest removed (web page furniture) at the top of the document
    ctx = doc_context(meta, paras, published_year([r.text for r in src.removed if r.line <= 15]))
    modes = paragraph_modes(ctx, paras)
    targets: list[Figure] = []
    observations: list[Figure] = []
    boxes: list[bool] | None = None  # found when first needed: few documents describe projects
    for k, (para, (mode, year)) in enumerate(zip(paras, modes, strict=True)):
        if not is_running_text(para):
            continue
        topic: str | None = None
        lead: int | None = None  # the target year an opening sentence of this paragraph set (展望2035年，…。)
        for sent in split_sentences(para, may_hold_phrase):  # most paragraphs of a plan hold no quantity
            figs = sentence_figures(sent, ctx, mode, year, topic, lead)
            topic = figs[0].indicator if figs else None
            if not figs:  # a sentence of its own only (展望2035年，…。): 到2023年底前完成X dates X alone
                lead = _target_year(sent.text) or lead
            for f in figs:
                if f.kind == TARGET and f.indicator.endswith(_DESCRIPTION):
                    boxes = boxes or in_boxes(paras)
                    if boxes[k]:
                        continue  # 专栏: 某某产业园规划面积52平方公里，总投资18.6亿元 describes a project
                (targets if f.kind == TARGET else observations).append(f)
    return targets, observations
