"""Commitments: the tasks a plan promises, one record per outline item (一、/（一）) or 专栏 entry, at the
granularity a supervisor tracks (not per sentence, not per chapter).

A commitment is the heading and the paragraphs under it up to the next heading. A section (节) or chapter with
no numbered items is one commitment itself. Chapter and section lead-in paragraphs (text before the first
item) only summarise what follows and are not records. The opening review and guideline parts of a plan
(成就, 机遇与挑战, 指导思想, 基本原则, 总体要求, 远景目标) promise nothing and are skipped, as are indicator
boxes (the indicator table is tracked by monitor/). Each 专栏 paragraph is an entry; its short unpunctuated
labels (城市道路, 综合及专科医院建设) become part of the entry's path.

Each record carries the things it names (places register + noun-suffix grammar), the quantities and years it
sets, its source lines, a stable id (the outline numbers: c05-s02-i01, box entries c05-s02-b04-e03) and a
readable path (第五章 > 第二节 > 一、…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from planscope.ingest import SourceText
from planscope.model import Heading, Span
from planscope.parse.numbers import chinese
from planscope.places import PlaceRegister, find_names, name_key

# Titles of the parts of a plan that review or frame rather than promise.
_NOT_TASKS = re.compile(r"成就|回顾|成效|机遇|挑战|形势|指导思想|基本原则|总体要求|远景目标|主要目标|发展环境|战略定位")
_INDICATOR_BOX = re.compile(r"指标")
_SENT_END = re.compile(r"[。！？；]$")
_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
_QUANTITY = re.compile(
    r"(?:[约近超达]|不少于|不低于|超过)?\s*\d+(?:\.\d+)?\s*(?:[-—～~至]\s*\d+(?:\.\d+)?\s*)?"
    r"(?:万亿元|亿元|万元|万平方米|平方米|平方公里|公里|千米|万亩|亩|万吨|吨|万人次|万人|人|个|家|所|张|条|座|项|套|"
    r"栋|间|辆|个百分点|%|％|兆瓦|MW|GW|万千瓦|千瓦|米)"
)


@dataclass
class Commitment:
    id: str
    path: list[str]  # readable headings, outermost first; the last is the record's own title
    kind: str  # item | subitem | section | chapter | box_entry
    title: str
    text: str  # heading and body, paragraphs joined by "\n"
    span: Span
    names: list[str] = field(default_factory=list)  # concrete things named (as written, first mention)
    places: list[str] = field(default_factory=list)  # known places of the register that the text mentions
    quantities: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def things(self) -> list[str]:
        """Places and named things together, without repeats: what a supervisor would look for in a report."""
        return list(dict.fromkeys([*self.places, *self.names]))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "path": " > ".join(self.path), "kind": self.kind, "title": self.title,
                "text": self.text, "lines": self.span.lines(), "places": self.things,
                "quantities": self.quantities, "years": self.years}


def _num(h: Heading) -> int:
    n = h.number or ""
    digits = re.sub(r"[^\d一二三四五六七八九十百零〇两]", "", n.replace("专栏", ""))
    if not digits:
        return 0
    if digits.isdigit():
        return int(digits)
    try:
        return int(chinese(digits))
    except (ValueError, KeyError):
        return 0


def _label(h: Heading) -> str:
    return f"{h.number or ''}{'' if (h.number or '').endswith(('、', '）')) else ' '}{h.title}".strip()


def _things(text: str, register: PlaceRegister, region: str | None) -> tuple[list[str], list[str]]:
    """(names, places) of a text: names by grammar, one per key (the first spelling); places from the register."""
    prefixes = register.prefixes(region)
    names: dict[str, str] = {}
    for n in find_names(text):
        names.setdefault(name_key(n.text, prefixes), n.text)
    places = [p for p in register.find(text) if p != region and p not in {region, *register.ancestors(region or "")}]
    return list(names.values()), places


def _facts(c: Commitment, register: PlaceRegister, region: str | None) -> Commitment:
    flat = re.sub(r"\s+", "", c.text)
    c.names, c.places = _things(flat, register, region)
    c.quantities = list(dict.fromkeys(m.group().strip() for m in _QUANTITY.finditer(flat)))
    c.years = sorted({int(y) for y in _YEAR.findall(flat)})
    return c


class _Builder:
    def __init__(self, src: SourceText, outline: list[Heading]) -> None:
        self.src = src
        self.paras = [p for p in src.paragraphs() if p.text.strip()]
        self.heads = sorted([h for h in outline if h.kind not in ("notes",)], key=lambda h: h.span.line_start)
        self.out: list[Commitment] = []
        self.ids: set[str] = set()

    def paragraphs(self, first: int, last: int) -> list[tuple[str, int, int]]:
        return [(p.text.strip(), p.line_start, p.line_end) for p in self.paras
                if first <= p.line_start and p.line_end <= last]

    def add(self, cid: str, path: list[str], kind: str, title: str, head_line: int,
            body: list[tuple[str, int, int]], prefix: str | None) -> None:
        if not body and kind not in ("item", "subitem"):
            return
        text = "\n".join(([prefix] if prefix else []) + [t for t, _, _ in body])
        if len(re.sub(r"\s+", "", text)) < 8:
            return
        while cid in self.ids:  # numbering lost or repeated in the source: keep ids unique and stable
            cid += "+"
        self.ids.add(cid)
        end = max([head_line, *(b for _, _, b in body)])
        self.out.append(Commitment(cid, path, kind, title, text, Span(head_line, end)))

    def build(self) -> list[Commitment]:
        heads = self.heads
        last_line = len(self.src.lines)
        stack: list[Heading] = []  # open 篇/章/节/item headings
        ids: dict[int, str] = {}
        for k, h in enumerate(heads):
            if h.kind in ("appendix",):
                break  # appendices are tables and lists, not the plan's text
            while stack and stack[-1].level >= h.level and not (h.kind == "box" and stack[-1].kind == "box"):
                stack.pop()
            if h.kind == "box":
                while stack and stack[-1].kind == "box":
                    stack.pop()
            parent_id = ids.get(id(stack[-1])) if stack else ""
            code = {"part": "p", "chapter": "c", "section": "s", "item": "i", "subitem": "u", "box": "b",
                    "preface": "f"}.get(h.kind, "h")
            hid = f"{parent_id}-{code}{_num(h):02d}".lstrip("-")
            ids[id(h)] = hid
            path = [*(_label(x) for x in stack), _label(h)]
            skipped = any(_NOT_TASKS.search(x.title) for x in [*stack, h]) or h.kind == "preface"
            nxt = heads[k + 1].span.line_start - 1 if k + 1 < len(heads) else last_line
            if h.kind == "box":
                if not skipped and not _INDICATOR_BOX.search(h.title):
                    self.box(h, hid, path, min(h.span.line_end, last_line))
            elif not skipped:
                has_children = k + 1 < len(heads) and heads[k + 1].level > h.level and heads[k + 1].kind != "box"
                leaf_item = h.kind in ("item", "subitem") and not has_children
                if leaf_item or (h.kind in ("section", "chapter") and not self.has_items(k)):
                    body = self.paragraphs(h.span.line_end + 1, nxt)
                    self.add(hid, path, h.kind, h.title, h.span.line_start, body, _label(h))
            if h.kind != "box":
                stack.append(h)
        return self.out

    def has_items(self, k: int) -> bool:
        """A chapter or section whose own body is split into items (or sections) further down."""
        h = self.heads[k]
        for x in self.heads[k + 1:]:
            if x.level <= h.level and x.kind != "box":
                return False
            if x.kind != "box" and x.level > h.level:
                return True
        return False

    def box(self, h: Heading, hid: str, path: list[str], end: int) -> None:
        group: str | None = None
        n = 0
        for text, a, b in self.paragraphs(h.span.line_start + 1, end):
            flat = re.sub(r"\s+", "", text)
            if flat == re.sub(r"\s+", "", h.title) or not flat:
                continue
            if len(flat) <= 20 and not _SENT_END.search(flat) and "：" not in flat and ":" not in flat:
                group = flat  # a label over the entries that follow (城市道路)
                continue
            n += 1
            m = re.match(r"^(.{2,30}?)[：:。]", flat)
            title = m.group(1) if m else flat[:20]
            self.add(f"{hid}-e{n:02d}", [*path, *([group] if group else []), title], "box_entry", title, a,
                     [(text, a, b)], None)


def parse_commitments(src: SourceText, outline: list[Heading] | None = None, *, region: str | None = None,
                      register: PlaceRegister | None = None) -> list[Commitment]:
    """The commitments of a plan, in document order. `region` (the plan's own region) is left out of each
    record's places and stripped from name keys; `register` defaults to the shipped seed."""
    if outline is None:
        from planscope.parse.outline import parse_outline

        outline = parse_outline(src)
    register = register or PlaceRegister.seeded()
    out = _Builder(src, outline).build()
    return [_facts(c, register, region) for c in out]
