"""Projects named in 专栏 boxes: a lower-confidence source than a project table.

Boxes of project plans list entries as 'Name。description' or 'Name：description'. An entry becomes a project
only when both hold, to stay conservative:
- the name is a facility or a project: short, one clause, ending in a word such as 医院, 小镇, 馆, 工程, 项目;
- the description states a figure of the project itself: investment (总投资30亿元), beds (床位500张), area
  (总建筑面积6万平方米), capacity (规模15万吨/日) or construction period (建设周期：2021—2025年).
Lists of names without figures (新建：A、B、C) are not taken. A short line without punctuation inside a box
(综合及专科医院建设) is a sub-heading and becomes the entries' group.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal

from planscope.ingest import SourceText
from planscope.model import Heading, Project, Span
from planscope.parse.numbers import to_decimal

_SUFFIX = (r"(医院|院区|分院|新院|卫生院|中心|小镇|特色镇|馆|宫|园|园区|产业园|基地|站|变电站|"
           r"厂|水厂|线|路|大道|桥|大桥|隧道|库|粮库|学校|中学|小学|幼儿园|大学|校区|港|码头|"
           r"枢纽|机场|航站楼|场|剧院|楼|大楼|项目|工程|城)")
_NAME = re.compile(rf"^(?P<name>[^，,；;。：:、\s][^，,；;。：:、]{{2,38}}?{_SUFFIX}(?:[（(][^()（）]{{1,12}}[)）])?)"
                   r"\s*[。：:]\s*(?P<rest>.+)$")
_NUM = r"\d[\d,]*(?:\.\d+)?"
_INVEST = re.compile(r"(?P<label>计划总投资|预计总投资|项目总投资|总投资|计划投资|预计投资|投资)"
                     rf"(?:额)?\s*(?:为|约为|达|超过|超)?\s*(?P<about>约)?\s*(?P<num>{_NUM})\s*(?P<scale>个亿|亿元|万元|亿|万)(?P<more>以上)?")
_BEDS = re.compile(rf"(?:床位|病床)数?\s*(?:约|达)?\s*(?P<num>{_NUM})\s*张")
_AREA = re.compile(r"(?P<label>总用地面积|用地面积|总建筑面积|建筑总面积|建筑面积|总面积|占地面积)"
                   rf"\s*(?:为|约为|约|达)?\s*约?\s*(?P<val>{_NUM}\s*万?\s*(?:平方米|平方千米|平方公里|亩|公顷))")
_CAPACITY = re.compile(rf"(?P<label>规模|仓容|库容|装机容量|处理能力)\s*(?:为|约|达)?\s*(?P<val>{_NUM}\s*万?\s*"
                       rf"(?:吨/日|吨/天|立方米/日|吨|千瓦|兆瓦|立方米))")
_PERIOD = re.compile(r"(?:建设周期|建设期限|建设年限|起止年限|建设时间)\s*[:：为]?\s*"
                     r"(?P<val>20\d{2}\s*年?\s*[-—–~～至到]+\s*20\d{2})\s*年?")
_SUBHEAD = re.compile(r"^[^，,；;。：:、\d]{2,20}$")


def _investment(text: str) -> tuple[Decimal, str, str] | None:
    m = _INVEST.search(text)
    if not m:
        return None
    unit = "万元" if m.group("scale").startswith("万") else "亿元"
    return to_decimal(m.group("num")), unit, m.group(0)


def project_from_entry(text: str) -> Project | None:
    """One box entry → a Project with the figures it states, or None when it names no project with a figure.
    The span is a placeholder; the caller sets it."""
    m = _NAME.match(text.strip())
    if not m:
        return None
    name, rest = m.group("name").strip(), m.group("rest")
    p = Project(name=name, span=Span(0, 0), confidence="prose", content=rest.strip())
    inv = _investment(rest)
    if inv:
        p.total_investment, p.unit, p.extra["investment"] = inv
    beds = _BEDS.search(rest)
    if beds:
        p.extra["beds"] = beds.group("num")
    for am in _AREA.finditer(rest):
        p.extra.setdefault(am.group("label"), re.sub(r"\s+", "", am.group("val")))
    cap = _CAPACITY.search(rest)
    if cap:
        p.extra[cap.group("label")] = re.sub(r"\s+", "", cap.group("val"))
    per = _PERIOD.search(rest)
    if per:
        p.period = re.sub(r"\s+", "", per.group("val"))
    if not (inv or p.extra or p.period):
        return None
    return p


def find_box_projects(src: SourceText, outline: list[Heading]) -> list[Project]:
    boxes = [h for h in outline if h.kind == "box"]
    if not boxes:
        return []
    paragraphs = src.paragraphs()
    starts = [p.line_numbers[0] for p in paragraphs]  # line_start, ascending: paragraphs come in line order
    out: list[Project] = []
    for b_no, box in enumerate(boxes, 1):
        title = f"{box.number} {box.title}".strip() if box.number else box.title
        sub: str | None = None
        k = 0
        # the paragraphs starting inside the box (after its title line), found by bisection
        for para in paragraphs[bisect_right(starts, box.span.line_start):bisect_right(starts, box.span.line_end)]:
            text = para.text.strip()
            if _SUBHEAD.match(text) and not _NAME.match(text):
                sub = text
                continue
            p = project_from_entry(text)
            if p is None:
                continue
            k += 1
            p.span = Span(para.line_start, min(para.line_end, box.span.line_end))
            p.group = [title, *([sub] if sub else [])]
            p.source_title = title
            p.id = f"b{b_no}.{k}"
            out.append(p)
    return out
