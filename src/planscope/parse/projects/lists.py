"""Projects listed by name in 重点项目 boxes: "继续推进红棉大道工程、莲山路（永安路-商业大道）工程等项目".

boxes.py takes only entries that state a figure of the project (investment, beds, area); boxes of transport or
municipal projects mostly list names without figures. This module reads those lists, for the register only
(confidence "listed", lower than "prose"): `find_listed_projects` is not part of `find_projects`, so the
extraction contract's `projects` is unchanged.

Grammar: inside a box whose title says 项目 or 工程, a paragraph is an optional label ("机场改扩建："), an
optional lead verb (继续推进, 新建, 改扩建, 前期研究 …), then names separated by 、，；, ending in 等项目 / 等工程.
A piece is a project when it ends in a facility or works suffix (路, 大道, 桥, 隧道, 线, 城际, 高铁, 站, 枢纽,
工程, 项目, 医院 …), optionally followed by a bracketed extent ("（花都大道—山前旅游大道）") and 工程.
Full-width round brackets do not nest in Chinese text, so an unclosed "（" ends at the next "（".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from planscope.ingest import SourceText
from planscope.model import Heading, Project, Span
from planscope.parse.projects.boxes import project_from_entry

_PROJECT_BOX = re.compile(r"项目|工程")
_OPEN, _CLOSE = "（(〔[【", "）)〕]】"
_SEPARATORS = "、，,；;。"
_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])")
_LABEL = re.compile(r"^[^，,；;。：:、（(]{2,12}[：:]")
_COUNT_TAIL = re.compile(r"(?<=工程)\d+项[^、，,；;。]*$")  # "…拓宽改造工程2项城市道路改造工程"
_LEAD = re.compile(r"^(?:继续|加快|全力|积极|重点|有序|启动|开展|实施|谋划|推动|推进|新建|续建|改扩建|扩建|改建|重建|"
                   r"建设|完成|前期研究|研究|规划建设|力争|争取)+")
_TAIL = re.compile(r"(?:等(?:\d+|[一二三四五六七八九十]+)?(?:个|项|条)?(?:重点|重大)?(?:项目|工程)?|等)$")
_SUFFIX = re.compile(r"(?:路|大道|街|桥|大桥|隧道|立交|线|延线|支线|城际|高铁|铁路|高速|国道|省道|轨道|地铁|站|站房|"
                     r"枢纽|码头|港|机场|航站楼|跑道|指廊|工程|项目|医院|院区|学校|中学|小学|校区|中心|馆|园|厂|水厂|"
                     r"泵站|管网|渠箱|方渠|河涌|碧道|公园|小镇)"
                     r"(?:[（(〔\[【][^（）()〔〕\[\]【】]{1,40}[）)〕\]】])?(?:[^、，,；;。（(]{0,12}(?:工程|项目))?$")
# Descriptions, not names: a name never carries these words.
_PROSE = re.compile(r"的|办好|打造|提升|促进|推动|形成|加强|完善|优化|实现|构建|支持|鼓励|以|为主|"
                    r"发展方向|发展目标|定位")
_SPAN_BRACKET = re.compile(r"[（(〔\[【][^（）()〔〕\[\]【】]*[-—–~～至][^（）()〔〕\[\]【】]*[）)〕\]】]")
_SUBHEAD = re.compile(r"^[^，,；;。：:、\d]{2,20}$")


def split_list(text: str) -> list[str]:
    """Top-level pieces of a list sentence (separators inside brackets do not split)."""
    pieces: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPEN:
            if ch in "（(" and depth:  # an unclosed round bracket before this one: it ends here
                depth = 0
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in _SEPARATORS and not depth:
            pieces.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    pieces.append("".join(buf))
    return [p.strip() for p in pieces if p.strip()]


def listed_name(piece: str) -> str | None:
    """The project name a list piece holds, or None when it is not one."""
    s = re.sub(r"\s+", "", piece)
    s = _LABEL.sub("", _NUMBERING.sub("", s))
    s = _LEAD.sub("", _TAIL.sub("", _COUNT_TAIL.sub("", s)))
    if not 3 <= len(s) <= 45 or _PROSE.search(s) or "等" in s or not _SUFFIX.search(s):
        return None
    if any(s.count(a) != s.count(b) for a, b in ("（）", "()", "“”", "〔〕")):
        return None  # a piece cut inside a bracket or a quotation is not a clean name
    return s


def core_name(name: str) -> str:
    """The name without bracketed extents and a trailing generic 工程/项目: what a report writes of it
    (机场北进场路（花都大道—山前旅游大道） → 机场北进场路; 平石路（莲山路—G106国道）工程 → 平石路)."""
    s = _SPAN_BRACKET.sub("", name)
    bare = re.sub(r"(?:升级改造|拓宽改造|改造|改扩建|扩建|建设|重建)?(?:工程|项目)$", "", s)
    return bare if len(bare) >= 3 else s


def find_listed_projects(src: SourceText, outline: list[Heading], start: int = 1) -> list[Project]:
    """Projects named in lists inside project boxes, numbered "l{box}.{k}" (box numbers as in boxes.py).
    Entries boxes.py already takes (with figures) are skipped."""
    boxes = [h for h in outline if h.kind == "box"]
    paragraphs = src.paragraphs()
    starts = [p.line_start for p in paragraphs]  # ascending: paragraphs come in line order
    out: list[Project] = []
    for b_no, box in enumerate(boxes, 1):
        if not _PROJECT_BOX.search(box.title):
            continue
        title = f"{box.number} {box.title}".strip() if box.number else box.title
        sub: str | None = None
        k = 0
        seen: set[str] = set()
        # the paragraphs starting inside the box (after its title line), found by bisection
        for para in paragraphs[bisect_right(starts, box.span.line_start):bisect_right(starts, box.span.line_end)]:
            text = para.text.strip()
            flat = _NUMBERING.sub("", re.sub(r"\s+", "", text))
            if _SUBHEAD.match(flat) or (flat.endswith("项目") and _SUBHEAD.match(flat[:-2] or "-")):
                sub = flat  # a label over the lists that follow (城市道路, 1.铁路枢纽项目)
                continue
            if project_from_entry(text) is not None:
                continue
            for piece in split_list(text):
                name = listed_name(piece)
                if name is None or name in seen:
                    continue
                seen.add(name)
                k += 1
                out.append(Project(name=name, span=Span(para.line_start, min(para.line_end, box.span.line_end)),
                                   group=[title, *([sub] if sub else [])], id=f"l{b_no}.{k}", confidence="listed",
                                   source_title=title, content=text))
    return out
