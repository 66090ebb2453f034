"""Linking execution-report paragraphs to a plan's commitments, and what each report says of each commitment.

For every paragraph of a report (an annual plan execution report, 计划执行情况报告) the linker scores every
commitment of the matching five-year plan on two kinds of evidence:

- **shared names** — a concrete thing the commitment names (a road, hospital, zone, town; see places/) written
  in the report paragraph under any of its variants (name keys: 广州花都经济技术开发区 = 花都经济开发区).
  A name's weight is its specificity among the plan's commitments: log(1+N/df) / log(1+N), where df is how
  many commitments mention it (a road named once weighs 1, a town named in 20 items much less);
- **keyword overlap** — BM25 over jieba tokens (search/similar.py), per report sentence, as the share of
  the sentence's IDF weight found in the commitment (0–1).

score = max(name weight) * NAME_WEIGHT + best sentence share * (1 - NAME_WEIGHT), and a pair is a link when
score >= THRESHOLD. Thresholds were set against hand-labelled pairs (docs/commitments.md).

The state of a linked commitment in a report comes from cue words in the clause around the shared name
(`state_of`): not_approved (未获批/尚未/待批/报批) before completed (建成/完工/通车/投入使用/开诊) before
approved (获批/批复/升级为/入选) before started (开工/启动/动工) before under_construction
(在建/加快建设/推进/封顶). A report's section gives the year: "一、2024年…执行情况" reports on 2024
(kind execution); "二、2025年…计划安排" plans 2025 (kind plan).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from planscope.ingest import SourceText
from planscope.parse.commitments import Commitment
from planscope.parse.outline_lines import classify
from planscope.places import PlaceRegister, find_names, fold, name_key
from planscope.places.grammar import kind_of
from planscope.places.register import ADMIN_KINDS
from planscope.search.tokenize import tokens

KEYWORD_WEIGHT = 0.8  # keyword evidence alone never reaches certainty
THRESHOLD = 0.4
MIN_NAME_WEIGHT = 0.2  # names commoner than this (df > 6, or towns in more than one item) are not evidence
ADMIN_WEIGHT = 0.5
TITLE_WEIGHT = 0.8  # share of the commitment title's IDF weight found in the paragraph, scaled
MIN_TOKENS = 8  # sentences with fewer distinct content tokens get a proportionally smaller keyword score

STATES = ("not_approved", "completed", "approved", "started", "under_construction")
_CUES: dict[str, tuple[str, ...]] = {
    "not_approved": ("未获批", "尚未", "待批", "报批", "未批复", "暂未", "未通过"),
    "completed": ("建成", "完工", "通车", "投入使用", "投入运行", "投入运营", "投用", "竣工", "开诊", "开业", "开园",
                  "启用", "开办", "贯通", "已完成", "全面完成", "落成", "运营"),
    "approved": ("获批", "批复", "通过", "升级为", "升格", "认定为", "入选", "纳入"),
    "started": ("开工", "启动", "动工", "开建", "奠基"),
    "under_construction": ("在建", "加快建设", "推进", "封顶", "施工", "续建", "加快", "建设"),
}
_SEGMENT = re.compile(r"\([^()]{2,30}[-—–~至][^()]{2,30}\)")
_CLAUSE = re.compile(r"[。；;！？!?]")
_SENT = re.compile(r"(?<=[。；;！？!?])")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、)?\s*(20\d{2})\s*年(.*)$")


@dataclass
class ReportParagraph:
    text: str
    line_start: int
    line_end: int
    year: int | None
    kind: str  # execution | plan | other
    starts: list[int] = field(default_factory=list)  # offset of each source line in text
    lines: list[int] = field(default_factory=list)

    def line_at(self, offset: int) -> int:
        k = 0
        for i, s in enumerate(self.starts):
            if s <= offset:
                k = i
        return self.lines[k] if self.lines else self.line_start


@dataclass
class Link:
    commitment_id: str
    report_line_start: int
    report_line_end: int
    score: float
    name_score: float
    keyword_score: float
    shared: list[str]  # the commitment's names found in the paragraph
    sentence: str  # the report sentence that speaks to the commitment
    line: int  # its line
    state: str | None
    year: int | None
    kind: str  # execution | plan
    source: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"commitment": self.commitment_id, "source": self.source, "year": self.year, "kind": self.kind,
                "line": self.line, "report_lines": [self.report_line_start, self.report_line_end],
                "text": self.sentence, "score": self.score, "name_score": self.name_score,
                "keyword_score": self.keyword_score, "shared": self.shared, "state": self.state}


def _run_in(kind: str, text: str) -> bool:
    """An item heading followed on the same line by its body (more than a few characters after the first full
    stop): many reports write "（二）创新动能持续增强。研究与试验发展经费投入强度达到2.12%…" as one paragraph."""
    if kind not in ("item", "subitem"):
        return False
    head, stop, body = re.sub(r"\s+", "", text).partition("。")
    return bool(stop) and len(body) >= 15 and not _SECTION.match(head)


def report_paragraphs(src: SourceText) -> list[ReportParagraph]:
    """Body paragraphs of a report with the year and kind of the top-level part they are in. Headings and
    the text before the first dated part (salutation, preamble) are left out."""
    out: list[ReportParagraph] = []
    year: int | None = None
    kind = "other"
    for p in src.paragraphs():
        text = p.text.strip()
        if not text:
            continue
        head = classify(text)
        if head is not None and _run_in(head.kind, text):
            head = None  # "（一）经济实现平稳增长。全市实现地区生产总值…": a heading run into its paragraph
        if head is not None:
            m = _SECTION.match(re.sub(r"\s+", "", text))
            if head.kind == "item" and m:
                year = int(m.group(1))
                rest = m.group(2)
                kind = "execution" if re.search(r"执行|完成|回顾|工作情况", rest) else \
                    "plan" if re.search(r"计划|安排|建议|草案|目标", rest) else "other"
            continue
        if year is None or len(text) < 15:
            continue
        out.append(ReportParagraph(text, p.line_start, p.line_end, year, kind, list(p.starts), list(p.line_numbers)))
    return out


def state_of(sentence: str, name: str | None = None) -> str | None:
    """The state a sentence gives the thing `name` (or the sentence's main clause when no name): cue words in
    the clause holding the name, after it first, then before it; None when no cue is there."""
    s = fold(sentence)
    key = fold(name) if name else ""
    pos = s.find(key) if key else 0
    if pos < 0:
        return None
    a = max([m.end() for m in _CLAUSE.finditer(s, 0, pos)], default=0)
    nxt = _CLAUSE.search(s, pos + len(key))
    b = nxt.start() if nxt else len(s)
    after, before = s[pos + len(key):b], s[a:pos]
    for window in (after, before):
        for state in STATES:
            if any(c in window for c in _CUES[state]):
                return state
    return None


class Linker:
    """Links report paragraphs to the commitments of one plan."""

    def __init__(self, commitments: Sequence[Commitment], *, region: str | None = None,
                 register: PlaceRegister | None = None, threshold: float = THRESHOLD) -> None:
        from planscope.search.similar import KeywordIndex

        self.commitments = list(commitments)
        self.register = register or PlaceRegister.seeded()
        self.region = region
        self.threshold = threshold
        prefixes = self.register.prefixes(region)
        self.keys: list[dict[str, str]] = []  # per commitment: key -> name as written
        for c in self.commitments:
            keys: dict[str, str] = {}
            for n in [*c.places, *c.names]:
                k = name_key(n, prefixes)
                if len(k) >= 3 or (self.register.get(n) is not None and len(k) >= 2):
                    keys.setdefault(k, n)
            self.keys.append(keys)
        folded = [fold(c.text) for c in self.commitments]
        self.weight: dict[str, float] = {}
        self.admin: set[str] = set()
        for keys in self.keys:
            for k, name in keys.items():
                if k not in self.weight:
                    df = sum(1 for t in folded if k in t) or 1
                    # a town or street locates a task but does not identify it: half weight
                    admin = kind_of(name) in ("town", "street", "village") or (
                        (p := self.register.get(name)) is not None and p.kind in ADMIN_KINDS)
                    self.weight[k] = 1.0 / df
                    if admin:
                        self.admin.add(k)
        self.index = KeywordIndex([c.text for c in self.commitments])
        self.title_tokens = [set(tokens(c.title)) for c in self.commitments]

    def link_paragraph(self, p: ReportParagraph, source: str = "") -> list[Link]:
        # bracketed road segments name end points, not the things reported on: 机场北进场路(花都大道-山前旅游大道)
        text = _SEGMENT.sub("", fold(p.text))
        ptoks = set(tokens(p.text))
        sentences = [s for s in _SENT.split(p.text) if len(s.strip()) >= 6]
        kw: dict[int, tuple[float, int]] = {}  # commitment -> (best share, sentence index)
        for si, s in enumerate(sentences):
            toks = tokens(s)
            # a short topic sentence (数字经济能级加速提升。) is wholly contained in many commitments: damp it
            damp = min(1.0, len(set(toks)) / MIN_TOKENS)
            for h in self.index.search_tokens(toks, k=8, candidates=40):
                if h.score * damp > kw.get(h.index, (0.0, 0))[0]:
                    kw[h.index] = (h.score * damp, si)
        out: list[Link] = []
        for ci, c in enumerate(self.commitments):
            shared = [k for k in self.keys[ci] if k in text and self.weight[k] >= MIN_NAME_WEIGHT]
            kw_score, si = kw.get(ci, (0.0, 0))
            title = self.title_tokens[ci]
            if len(title) >= 2:  # the commitment's own title words found in the paragraph
                tw = {t: self.index.idf(t) for t in title}
                kw_score = max(kw_score, TITLE_WEIGHT * sum(w for t, w in tw.items() if t in ptoks) / sum(tw.values()))
            specific = 1 - math.prod(1 - self.weight[k] for k in shared if k not in self.admin)  # noisy-or
            admin = max((self.weight[k] for k in shared if k in self.admin), default=0.0)
            # a town locates a task but does not identify it: it counts only beside other evidence
            name_score = specific + (1 - specific) * ADMIN_WEIGHT * admin if specific or kw_score >= 0.25 else 0.0
            score = round(1 - (1 - name_score) * (1 - KEYWORD_WEIGHT * kw_score), 4)
            if score < self.threshold:
                continue
            shared.sort(key=lambda k: -self.weight[k])
            sentence, name = self._sentence(p.text, sentences, si, shared)
            offset = p.text.find(sentence)
            line = p.line_at(offset if offset >= 0 else 0)
            state = state_of(sentence, name) if name else state_of(sentence)
            out.append(Link(c.id, p.line_start, p.line_end, score, round(name_score, 4), round(kw_score, 4),
                            [self.keys[ci][k] for k in shared], sentence.strip(), line, state, p.year, p.kind,
                            source))
        out.sort(key=lambda x: -x.score)
        return out

    @staticmethod
    def _sentence(text: str, sentences: list[str], si: int, shared: list[str]) -> tuple[str, str | None]:
        """The sentence holding the most specific shared name (and that name as written there), else the
        sentence with the best keyword overlap."""
        for k in shared:
            for s in sentences:
                fs = fold(s)
                if k in fs:
                    # the name as the report writes it, for the state window (市妇女儿童医疗中心花都院区)
                    found = next((n.text for n in find_names(fs) if k in fold(n.text)), k)
                    return s, found
        return (sentences[si] if sentences else text), None

    def link(self, paragraphs: Sequence[ReportParagraph], source: str = "") -> list[Link]:
        return [lk for p in paragraphs for lk in self.link_paragraph(p, source)]


def link_report(commitments: Sequence[Commitment], report: SourceText, *, region: str | None = None,
                register: PlaceRegister | None = None, threshold: float = THRESHOLD) -> list[Link]:
    """Every (report paragraph, commitment) link of one report against one plan's commitments."""
    linker = Linker(commitments, region=region, register=register, threshold=threshold)
    return linker.link(report_paragraphs(report), source=report.name)


@dataclass
class CommitmentStatus:
    commitment: Commitment
    mentions: list[Link]

    @property
    def silent(self) -> bool:
        return not self.mentions

    def years(self) -> dict[int, str | None]:
        """Latest state per report year (a completed mention wins over an under-construction one)."""
        out: dict[int, str | None] = {}
        for m in self.mentions:
            if m.year is None:
                continue
            have = out.get(m.year)
            if have is None or (m.state is not None and STATES.index(m.state) < STATES.index(have)):
                out[m.year] = m.state
        return out


def statuses(commitments: Sequence[Commitment], links: Sequence[Link], *, best_per_paragraph: int | None = None
             ) -> list[CommitmentStatus]:
    """Per commitment: its mentions (best first). `silent` ones are those no report mentions."""
    by: dict[str, list[Link]] = {}
    for lk in links:
        by.setdefault(lk.commitment_id, []).append(lk)
    return [CommitmentStatus(c, sorted(by.get(c.id, []), key=lambda x: (x.year or 0, -x.score)))
            for c in commitments]


def silent(commitments: Sequence[Commitment], links: Sequence[Link]) -> list[Commitment]:
    linked = {lk.commitment_id for lk in links}
    return [c for c in commitments if c.id not in linked]
