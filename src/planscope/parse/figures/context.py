"""Which part of a document a paragraph is in, and so whether its figures are targets or observations, and
for which year.

Reports say it in their own headings: 一、2024年…计划执行情况 (what happened) / 二、2025年…计划草案 (what is
planned); 一、2024年工作回顾 / 二、2025年工作安排; a five-year plan's 发展成就 section looks back, the rest
looks forward to the period end. When metadata detection cannot tell the kind, the title decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planscope.ingest import Paragraph
from planscope.model import DocumentKind, DocumentMeta
from planscope.parse.figures.sentences import arabic_years
from planscope.parse.metadata import plan_years
from planscope.parse.numbers import chinese

OBS, TARGET = "observation", "target"

HEADING_RE = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[篇章节部]|[一二三四五六七八九十]+[、.．]|"
                        r"[（(][一二三四五六七八九十]+[)）])")
_TOP_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+(?:[篇章节]|部分)|[一二三四五六七八九十]+[、.．])")
OBS_KEYS = re.compile(r"执行情况|完成情况|实施情况|进展情况|回顾|成就|成效|成绩|发展基础|规划基础|现实基础|工作基础|"
                      r"过去一年|过去五年|过去的一年|发展现状|基本情况")
TARGET_KEYS = re.compile(r"安排|草案|计划|目标|任务|建议|展望|预期|总体要求|思路|重点工作|主要工作|工作部署|"
                         r"施政重点|施政方向")
TARGET_CUES = re.compile(r"力争|争取|确保|目标|预期|计划|力求|到(?:19|20)\d{2}年|将(?:达到|超过|实现|突破)|预计")
# The characters a HEADING_RE match can start with: other paragraphs skip the whitespace removal and the match.
_HEADING_FIRST = frozenset("第一二三四五六七八九十（(")
_BOX_FIRST = frozenset("第一二三四五六七八九十附")
_WS = re.compile(r"\s+")
# 十四五 names the period before 规划 (“十四五”生态环境保护规划) or 时期/期间
_FYP_NUM = re.compile(r"第([一二三四五六七八九十]+)个五年|"
                      r"“?十([一二三四五六七八九])五”?(?:[\u4e00-\u9fff]{0,16}?规划|时期|期间)")
# A special plan's title names its five-year period: 某某市“十四五”生态环境保护规划, 某省十五五综合交通运输发展规划
_SPECIAL_PLAN = re.compile(r"“?十[一二三四五六七八九]五”?[\u4e00-\u9fff]{0,16}?规划$")
# A report on how a plan is being carried out: 中期评估报告, 2025年度实施情况报告
_EVALUATION = re.compile(r"评估报告|实施情况(?:的)?报告|年度实施情况|中期评估|终期评估|总结评估")
_EVAL_YEAR = re.compile(r"((?:19|20)\d{2})年度?[^。]{0,12}?(?:实施情况|评估)")
# A speech's date line: ——2026年1月16日在某某市第十届人民代表大会第六次会议上. The report is given early in the year
# and looks back on the year before.
_DELIVERED = re.compile(r"((?:19|20)\d{2})年\d{1,2}月(?:\d{1,2}日)?在[^。]{0,40}?(?:会议|大会)上")
# A numeric date as web pages print it (发布时间：2025-11-18): the year of a news item without a 年
_NUMERIC_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?!\d)")
_FYP_RANGE = re.compile(r"[(（]((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})年?[)）]")


@dataclass
class DocContext:
    kind: DocumentKind
    obs_year: int | None  # the year reported on (全年 = this year)
    target_year: int | None  # the year planned for (a five-year plan: the period end)
    now: int | None  # first year not yet reported: explicit years before it are observations


def _head(paras: list[Paragraph]) -> str:
    return arabic_years("".join(p.text for p in paras[:12]))


def _title(paras: list[Paragraph]) -> str:
    return _WS.sub("", "".join(p.text for p in paras[:2]))


def infer_kind(meta: DocumentMeta, paras: list[Paragraph]) -> DocumentKind:
    if meta.kind in (DocumentKind.OTHER, DocumentKind.FIVE_YEAR_PLAN) and _EVALUATION.search(_title(paras)):
        return DocumentKind.EVALUATION  # a plan's 实施情况报告 or 中期评估 reports on the plan, it does not plan
    if meta.kind != DocumentKind.OTHER:
        return meta.kind
    if paras and _SPECIAL_PLAN.search(_WS.sub("", paras[0].text)):
        return DocumentKind.FIVE_YEAR_PLAN
    head = re.sub(r"\s+", "", _head(paras))
    if "统计公报" in head:
        return DocumentKind.STATISTICAL_BULLETIN
    if "政府工作报告" in head:
        return DocumentKind.WORK_REPORT
    if re.search(r"计划执行情况|计划草案|执行情况与", head):
        return DocumentKind.ANNUAL_PLAN_REPORT
    if re.search(r"五年规划|规划纲要|远景目标纲要|五年(?:（|\()", head):
        return DocumentKind.FIVE_YEAR_PLAN
    return DocumentKind.OTHER


def _plan_period(meta: DocumentMeta, head: str) -> tuple[int, int] | None:
    period = meta.period
    if period is None and (m := _FYP_RANGE.search(head)):
        period = (int(m.group(1)), int(m.group(2)))
    if period is None and (m := _FYP_NUM.search(head)):
        period = plan_years(int(chinese(m.group(1))) if m.group(1) else 10 + int(chinese(m.group(2))))
    return period


def _evaluation_context(meta: DocumentMeta, head: str) -> DocContext:
    """A plan's evaluation reports on the years it names (2025年度实施情况, or the latest year of the period the
    opening mentions: a 中期评估 of 2021–2025 written in 2024 reports on 2023) and looks to the period end."""
    period = _plan_period(meta, head)
    obs = int(m.group(1)) if (m := _EVAL_YEAR.search(head)) else None
    # years the opening reports on: not a target (到2025年) nor a base (比2020年)
    years = [int(y) for y in re.findall(r"(?<![到至比较由从与])((?:19|20)\d{2})年", head)]
    if obs is None and years:
        inside = [y for y in years if period and period[0] <= y <= period[1]]
        obs = max(inside) if inside else None
    if obs is None:
        return DocContext(DocumentKind.EVALUATION, None, period[1] if period else None, None)
    target = period[1] if period and period[1] > obs else obs + 1
    return DocContext(DocumentKind.EVALUATION, obs, target, obs + 1)


# 专栏1　农业现代化重点工程: a box opens; it runs to the next chapter, section or box (outline_boxes has the full
# rules, which need the lines; these headings are what ends a box in a plan's prose)
_BOX_OPEN = re.compile(r"^专栏\s*[\d一二三四五六七八九十]*")
_BOX_CLOSE = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+(?:[篇章节]|部分)|[一二三四五六七八九十]+[、.．]|附件)")


def in_boxes(paras: list[Paragraph]) -> list[bool]:
    """For each paragraph: inside a 专栏 box."""
    first = next((i for i, p in enumerate(paras) if "专栏" in p.text[:12]), len(paras))
    out, boxed = [False] * first, False
    for p in paras[first:]:
        t = p.text.lstrip()
        if t.startswith("专栏") and len(t) <= 40 and _BOX_OPEN.match(t):
            boxed = True
        elif boxed and t[:1] in _BOX_FIRST and _BOX_CLOSE.match(_WS.sub("", t)):
            boxed = False
        out.append(boxed)
    return out


def published_year(lines: list[str]) -> int | None:
    """The year of a page's date line (发布时间：2025-11-18), which ingest drops as page furniture."""
    for line in lines:
        if m := _NUMERIC_DATE.search(line):
            return int(m.group(1))
    return None


def doc_context(meta: DocumentMeta, paras: list[Paragraph], published: int | None = None) -> DocContext:
    kind = infer_kind(meta, paras)
    head = re.sub(r"\s+", "", _head(paras))
    if kind == DocumentKind.EVALUATION:
        return _evaluation_context(meta, head)
    if kind == DocumentKind.FIVE_YEAR_PLAN:
        period = _plan_period(meta, head)
        if period:
            return DocContext(kind, period[0] - 1, period[1], period[0])
        return DocContext(kind, None, None, None)
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", head)]
    obs = next((int(m.group(1)) for m in re.finditer(r"((?:19|20)\d{2})年[^。]{0,24}?(?:执行情况|工作回顾|统计公报)",
                                                          head)), None)
    if obs is None and kind == DocumentKind.STATISTICAL_BULLETIN and years:
        obs = years[0]
    if obs is None and meta.period:
        obs = meta.period[0]
    if obs is None and kind in (DocumentKind.WORK_REPORT, DocumentKind.ANNUAL_PLAN_REPORT) and (
            m := _DELIVERED.search(head)):
        obs = int(m.group(1)) - 1  # 过去一年 / 今年 headings name no year: the date line says which
    if not years and (m := _NUMERIC_DATE.search(head)):
        years = [int(m.group(1))]
    if not years and published:
        years = [published]  # 1—10月 news names no year: the page's date does
    if obs is None and years and kind != DocumentKind.STATISTICAL_BULLETIN:
        obs = min(years) if kind != DocumentKind.OTHER else years[0]  # news: the year it reports on
    tgt = obs + 1 if obs else None
    if kind == DocumentKind.STATISTICAL_BULLETIN:
        tgt = None
    return DocContext(kind, obs, tgt, tgt)


def paragraph_modes(ctx: DocContext, paras: list[Paragraph]) -> list[tuple[str | None, int | None]]:
    """(mode, default year) for each paragraph, following the document's own section headings."""
    kind = ctx.kind
    if kind == DocumentKind.STATISTICAL_BULLETIN:
        return [(OBS, ctx.obs_year)] * len(paras)
    plan = kind == DocumentKind.FIVE_YEAR_PLAN
    mode: str | None = TARGET if plan else None
    out: list[tuple[str | None, int | None]] = []
    for p in paras:
        # lstrip drops exactly what \s matches (both are str.isspace), so this is the first character of t
        if p.text.lstrip()[:1] in _HEADING_FIRST and len(t := _WS.sub("", p.text)) <= 60 and HEADING_RE.match(t):
            top = bool(_TOP_HEADING.match(t))
            if OBS_KEYS.search(t):
                mode = OBS
            elif plan and top:
                mode = TARGET  # a plan's new chapter or section looks forward again
            elif top and TARGET_KEYS.search(t):
                mode = TARGET
            year = re.search(r"((?:19|20)\d{2})年", t)
            if year and top and not plan and mode:
                y = int(year.group(1))
                if mode == OBS:
                    ctx.obs_year = ctx.obs_year or y
                else:
                    ctx.target_year = y
        year_for = {OBS: ctx.obs_year, TARGET: ctx.target_year}.get(mode) if mode else None
        out.append((mode, year_for))
    return out
