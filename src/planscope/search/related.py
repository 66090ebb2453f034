"""Related passages: the paragraphs of OTHER documents most similar to a given paragraph (or a text).

Similarity is search/similar.py's KeywordIndex: BM25 over jieba tokens with the interpretable score (share of
the query's IDF weight the passage contains), optionally blended with an `Embedder` (a model shipped in a wheel;
tests use HashEmbedder). The index over the candidate paragraphs is built once per store state and filter set,
and kept in memory (a few seconds for thousands of paragraphs; rebuilt when paragraphs are added or removed).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from planscope.search.embed import resolve_embedder
from planscope.search.fulltext import _plan_id, _region_ids, _session
from planscope.search.similar import Embedder, KeywordIndex
from planscope.store.queries import NotFound

MIN_CHARS = 12  # shorter paragraphs (headings, table cells) say too little to be a related passage
_CACHE_SIZE = 4
_cache: OrderedDict[tuple[Any, ...], tuple[list[tuple[Any, ...]], KeywordIndex]] = OrderedDict()
_lock = threading.Lock()


@dataclass
class RelatedHit:
    paragraph_id: int
    plan_id: int
    title: str | None
    region: str | None
    line_start: int
    line_end: int
    text: str
    score: float  # [0, 1]: share of the source's keyword weight found here (blended with cosine if an embedder)
    shared: list[str]  # the keywords both passages contain, most specific first

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _candidates(s: Session, f: dict[str, Any]) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    where = ['d."current" = :cur', f"length(p.text) >= {MIN_CHARS}"]
    params: dict[str, Any] = {"cur": True}
    if f["plan"] is not None:
        where.append("p.document_id = :plan")
        params["plan"] = f["plan"]
    if f["kind"]:
        where.append("d.kind = :kind")
        params["kind"] = f["kind"]
    if f["regions"] is not None:
        where.append("d.region_id IN (" + ", ".join(f":r{i}" for i in range(len(f["regions"]))) + ")")
        params.update({f"r{i}": r for i, r in enumerate(f["regions"])})
    cond = " AND ".join(where)
    frm = "paragraphs p JOIN documents d ON d.id = p.document_id"
    state = tuple(s.execute(text(f"SELECT count(*), max(p.id) FROM {frm} WHERE {cond}"), params).one())
    rows_sql = (f"SELECT p.id, p.document_id, d.title, r.name, p.line_start, p.line_end, p.text FROM {frm} "
                f"LEFT JOIN regions r ON r.id = d.region_id WHERE {cond} ORDER BY p.id")
    return state, [tuple(r) for r in s.execute(text(rows_sql), params)] if state[0] else []


def _index(s: Session, f: dict[str, Any], embedder: Embedder | None) -> tuple[list[tuple[Any, ...]], KeywordIndex]:
    url = s.get_bind().engine.url.render_as_string(hide_password=True)
    state, rows = _candidates(s, f)
    key = (url, tuple(sorted((k, str(v)) for k, v in f.items())), state, id(embedder) if embedder else None)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    built = (rows, KeywordIndex([r[6] for r in rows], embedder=embedder))
    with _lock:
        _cache[key] = built
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return built


def related(db_or_session: Any, paragraph_id: int | None = None, *, text_: str | None = None, k: int = 5,
            region: str | None = None, plan: str | int | None = None, kind: str | None = None,
            embedder: Embedder | str | None = None) -> list[RelatedHit]:
    """The `k` paragraphs most similar to paragraph `paragraph_id` (from other documents than its own), or to
    the text `text_`; optionally only in `region` (and below), `plan` or documents of `kind`. `embedder`: an
    Embedder, a name for search/embed.get_embedder, or None for $PLANSCOPE_EMBEDDER (default: BM25 alone)."""
    if (paragraph_id is None) == (text_ is None):
        raise ValueError("give a paragraph id or a text, not both")
    embedder = resolve_embedder(embedder)
    with _session(db_or_session) as s:
        exclude: int | None = None
        if paragraph_id is not None:
            row = s.execute(text("SELECT document_id, text FROM paragraphs WHERE id = :i"),
                            {"i": int(paragraph_id)}).first()
            if row is None:
                raise NotFound(f"no paragraph with id {paragraph_id}")
            exclude, query = row[0], row[1]
        else:
            query = text_ or ""
        f = {"plan": _plan_id(s, plan), "kind": kind or None,
             "regions": _region_ids(s, region) if region else None}
        if f["regions"] == []:
            return []
        rows, idx = _index(s, f, embedder)
    hits = []
    # Ask for more than k: passages of the source's own document are dropped after ranking.
    for h in idx.search(query, k=k + 50, candidates=max(200, k + 50)):
        pid, doc, title, region_name, a, b, body = rows[h.index]
        if doc == exclude:
            continue
        hits.append(RelatedHit(pid, doc, title, region_name, a, b, body, h.score, list(h.shared)))
        if len(hits) >= k:
            break
    return hits
