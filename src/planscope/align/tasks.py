"""Task alignment: what a parent plan assigns to a child region by name, where the child plan takes it up, and
which parent chapters and sections the child plan echoes at all.

Method (see docs/alignment.md): passages come from the text (align/passages.py); the child plan is cut into
chunks of a few sentences and indexed with BM25 over jieba tokens (search/similar.py). Scores are the share
of a parent passage's IDF weight found in the child chunk, in [0, 1].
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from planscope.align.figures import differing_figures
from planscope.align.passages import Passage, Piece, Section, build_passages, sections, sentences, split_top
from planscope.ingest import SourceText
from planscope.model import Heading
from planscope.search.embed import resolve_embedder
from planscope.search.similar import Embedder, KeywordIndex
from planscope.search.tokenize import normalize
from planscope.search.tokenize import tokens as _tokens

MATCH_MIN = 0.25  # below this a parent passage has no counterpart in the child plan
COVERED, WEAK = 0.4, 0.2  # share of a section's sentences echoed by the child
ECHO, ECHO_TERMS = 0.4, 3  # a sentence is echoed by a chunk holding this share of its weight, in 3+ shared words
MIN_QUERY_TERMS = 5  # shorter sentences ("加强医疗废物处理处置。") match anything by chance: not counted
CHUNK_CHARS = 160

@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """jieba tokens of a text, cached: coverage queries every parent sentence once per child, and jieba is the
    slowest step of alignment."""
    return tuple(_tokens(text))


_ADMIN = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|特别行政区|新区|省|市|区|县|旗)")
_TITLE = re.compile(r"((?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|自治州|市|区|县|旗))+)国民经济和社会发展")


def region_name(src: SourceText, region: str | None = None) -> str | None:
    """The issuing region: the metadata's when known, else the innermost unit named before 国民经济和社会发展."""
    if region:
        return region
    for line in src.lines[:400]:
        m = _TITLE.search(normalize(line).lstrip("《("))
        if m:
            units = _ADMIN.findall(m.group(1))
            if units:
                return units[-1]
    return None


def name_forms(name: str) -> list[str]:
    """Full and short forms of a region name: 花都区 -> [花都区, 花都]; 广州市花都区 -> [花都区, 花都]."""
    units = _ADMIN.findall(name) or [name]
    full = units[-1]
    forms = [full]
    for suffix in ("自治区", "自治州", "新区", "区", "县", "市", "旗"):
        if full.endswith(suffix) and len(full) - len(suffix) >= 2:
            forms.append(full[: -len(suffix)])
            break
    return forms


@dataclass
class Chunk:
    """A few consecutive sentences of the child plan: what a parent passage is matched against."""

    text: str
    line_start: int
    line_end: int
    heading: str | None = None  # the item heading the chunk's passage starts with, for context


@dataclass
class TaskMatch:
    parent_text: str
    parent_lines: tuple[int, int]
    child: str
    child_text: str | None
    child_lines: tuple[int, int] | None
    score: float
    kind: str = "assignment"  # assignment (names the child) | coverage (a sentence of a parent section)
    parent_context: str | None = None  # the column label or the sentence a named item comes from
    shared_terms: list[str] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)  # same thing, different numbers
    alternatives: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind, "parent_text": self.parent_text, "parent_lines": list(self.parent_lines),
            "child": self.child, "child_text": self.child_text,
            "child_lines": list(self.child_lines) if self.child_lines else None, "score": self.score,
            "shared_terms": self.shared_terms}
        if self.parent_context:
            out["parent_context"] = self.parent_context
        if self.figures:
            out["figures"] = self.figures
        if self.alternatives:
            out["alternatives"] = self.alternatives
        return out


@dataclass
class SectionCoverage:
    section: Section
    child: str
    verdict: str  # covered | weak | not_covered
    score: float  # share of the section's sentences the child echoes
    mean_best: float  # mean over the section's sentences of their best match score
    matches: list[TaskMatch] = field(default_factory=list)  # the best echoes, best first

    def to_json(self) -> dict[str, Any]:
        s = self.section
        return {"level": s.level, "number": s.number, "title": s.title, "lines": [s.line_start, s.line_end],
                "child": self.child, "verdict": self.verdict, "score": self.score, "mean_best": self.mean_best,
                "matches": [m.to_json() for m in self.matches]}


class ChildText:
    """A child plan prepared for matching: chunks and their keyword index."""

    def __init__(self, name: str, src: SourceText, embedder: Embedder | str | None = None) -> None:
        embedder = resolve_embedder(embedder)  # None: $PLANSCOPE_EMBEDDER, default none (BM25 alone)
        self.name = name
        self.forms = name_forms(name)
        self.chunks = chunk_passages(build_passages(src))
        self.index = KeywordIndex([c.text for c in self.chunks], tokenizer=lambda t: list(tokens(t)),
                                  embedder=embedder)

    @classmethod
    def cached(cls, name: str, src: SourceText, embedder: Embedder | str | None = None) -> ChildText:
        """The same child prepared once per process (the API and web align the same plans again and again)."""
        embedder = resolve_embedder(embedder)
        if embedder is not None:  # not kept here; the embedder's own cache keeps re-embedding cheap
            return cls(name, src, embedder)
        digest = hashlib.sha1("\n".join(src.lines).encode("utf-8", "replace")).hexdigest()
        return _cached_child(name, digest, src)

    def query_tokens(self, text: str, drop: list[str]) -> list[str]:
        """Tokens of a parent passage minus the region names (the child plan names itself everywhere)."""
        return [t for t in tokens(text) if not any(t in f or f in t for f in drop)]

    def match(self, text: str, drop: list[str], k: int = 3) -> list[tuple[Chunk, float, list[str]]]:
        hits = self.index.search_tokens(self.query_tokens(text, drop), k=k, query_text=text)
        return [(self.chunks[h.index], h.score, list(h.shared[:8])) for h in hits]


_CHILDREN: dict[tuple[str, str], ChildText] = {}
_CHILDREN_MAX = 8


def _cached_child(name: str, digest: str, src: SourceText) -> ChildText:
    key = (name, digest)  # the text's digest, not the object: a plan re-read from the store is the same plan
    if key not in _CHILDREN:
        if len(_CHILDREN) >= _CHILDREN_MAX:
            _CHILDREN.pop(next(iter(_CHILDREN)))
        _CHILDREN[key] = ChildText(name, src)
    return _CHILDREN[key]


def chunk_passages(passages: list[Passage], max_chars: int = CHUNK_CHARS) -> list[Chunk]:
    out: list[Chunk] = []
    for i, p in enumerate(passages):
        if p.kind == "heading":
            continue
        heading = p.text.split("\n", 1)[0] if "\n" in p.text else None
        sents = sentences(p, i, min_chars=2)
        if not sents:
            continue
        cur: list[Piece] = []
        for s in sents:
            if cur and sum(len(x.text) for x in cur) + len(s.text) > max_chars:
                out.append(_chunk(cur, heading))
                cur = []
            cur.append(s)
        out.append(_chunk(cur, heading))
    return out


def _chunk(pieces: list[Piece], heading: str | None) -> Chunk:
    text = "".join(p.text for p in pieces)
    # Chunks after the first of an item still talk about the item: score them with its heading.
    if heading and not text.startswith(heading):
        text = heading + "\n" + text
    return Chunk(text, pieces[0].line_start, pieces[-1].line_end, heading)


# ---- assignments: passages of the parent that name the child ------------------------------------------------

@dataclass(frozen=True)
class Assignment:
    text: str
    line_start: int
    line_end: int
    context: str | None  # the column label (table rows) or the sentence (named items)


def find_assignments(passages: list[Passage], forms: list[str]) -> list[Assignment]:
    """Every passage of the parent that names the child. A table row whose first cell is the child (a 专栏 of
    district positioning) gives each of its sentences, labelled with its column; elsewhere the enumeration item
    or clause that holds the name (one platform in a list of many) is the assignment."""
    out: list[Assignment] = []
    header: list[str] = []
    for i, p in enumerate(passages):
        if p.kind == "table_row":
            if all(len(c) <= 8 for c in p.cells):
                header = p.cells
                continue
            if normalize(p.cells[0]) in forms:
                out.extend(_row_assignments(p, i, header))
                continue
        if not any(f in normalize(p.text) for f in forms):
            continue
        for s in sentences(p, i, min_chars=2):
            if any(f in normalize(s.text) for f in forms):
                out.extend(_named_items(s, forms))
    return out


def _row_assignments(p: Passage, index: int, header: list[str]) -> list[Assignment]:
    out = []
    for col, cell in enumerate(p.cells[1:], start=1):
        label = header[col] if col < len(header) else None
        cell = re.sub(r"</?\w+>", "", cell)  # scraped <p> tags
        for a, b in split_top(cell, "。；"):
            text = cell[a:b].strip()
            if len(text) >= 6:
                out.append(Assignment(text, p.line_start, p.line_end, label))
    return out


def _named_items(s: Piece, forms: list[str]) -> list[Assignment]:
    text = s.text
    if len(text) <= 80:
        return [Assignment(text, s.line_start, s.line_end, None)]
    out = []
    for a, b in split_top(text, "、，；："):
        item = text[a:b].strip("、，；：。 ")
        if not any(f in normalize(item) for f in forms):
            continue
        rest = normalize(item)
        for f in forms:
            rest = rest.replace(f, "")
        if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 4:  # "花都" alone says nothing: take the clause
            for c0, c1 in split_top(text, "，；："):
                if c0 <= a < c1:
                    item = text[c0:c1].strip("，；：。 ")
        out.append(Assignment(item, s.line_start, s.line_end, text if item != text else None))
    return out


def match_assignments(parent_src: SourceText, child: ChildText, parent_passages: list[Passage] | None = None,
                      min_score: float = MATCH_MIN) -> list[TaskMatch]:
    passages = parent_passages if parent_passages is not None else build_passages(parent_src)
    out = []
    for a in find_assignments(passages, child.forms):
        hits = child.match(a.text, child.forms)
        best = hits[0] if hits and hits[0][1] >= min_score else None
        m = TaskMatch(a.text, (a.line_start, a.line_end), child.name,
                      best[0].text if best else None,
                      (best[0].line_start, best[0].line_end) if best else None,
                      best[1] if best else (hits[0][1] if hits else 0.0),
                      parent_context=a.context, shared_terms=best[2] if best else [])
        if best:
            m.figures = differing_figures(a.text, best[0].text)
            m.alternatives = [{"child_text": c.text, "child_lines": [c.line_start, c.line_end], "score": sc}
                              for c, sc, _ in hits[1:] if sc >= min_score]
        out.append(m)
    return out


# ---- coverage: which parent sections the child echoes ---------------------------------------------------------

def coverage(parent_src: SourceText, child: ChildText, outline: list[Heading] | None = None,
             parent_passages: list[Passage] | None = None, parent_forms: list[str] | None = None,
             top: int = 3) -> list[SectionCoverage]:
    passages = parent_passages if parent_passages is not None else build_passages(parent_src)
    drop = child.forms + (parent_forms or [])
    pieces = [s for i, p in enumerate(passages) if p.kind != "heading" for s in sentences(p, i, min_chars=12)
              if len(set(child.query_tokens(s.text, drop))) >= MIN_QUERY_TERMS]
    best: dict[int, TaskMatch] = {}
    for k, s in enumerate(pieces):
        hits = child.match(s.text, drop, k=1)
        if hits:
            c, sc, shared = hits[0]  # shared: up to 8 terms, enough for the ECHO_TERMS test
            best[k] = TaskMatch(s.text, (s.line_start, s.line_end), child.name, c.text,
                                (c.line_start, c.line_end), sc, kind="coverage", shared_terms=shared)
    out = []
    for sec in sections(parent_src, outline):
        inside = [k for k, s in enumerate(pieces) if sec.line_start <= s.line_start <= sec.line_end]
        if not inside:
            continue
        scores = [best[k].score if k in best else 0.0 for k in inside]
        echoed = sum(1 for k in inside if k in best and best[k].score >= ECHO
                     and len(best[k].shared_terms) >= ECHO_TERMS) / len(inside)
        verdict = "covered" if echoed >= COVERED else "weak" if echoed >= WEAK else "not_covered"
        ranked = sorted((best[k] for k in inside if k in best), key=lambda m: -m.score)[:top]
        out.append(SectionCoverage(sec, child.name, verdict, round(echoed, 3),
                                   round(sum(scores) / len(scores), 3), ranked))
    return out
