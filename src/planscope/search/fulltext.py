"""Full-text search over stored paragraphs: `search(db, q, ...)` → ranked `SearchHit`s with highlighted snippets.

    from planscope.search.fulltext import search
    hits = search(db, "研發經費", region="广州市", limit=10)      # db: a Database or a SQLAlchemy Session
    hits[0].plan_id, hits[0].line_start, hits[0].snippet          # snippet: escaped HTML with <mark>

How a query runs (see query.py for the grammar; user text is always bound or quoted, never spliced):
- SQLite: terms of 3+ characters go to FTS5 MATCH on the trigram table, ranked by bm25(). A 2-character term
  (绿道, 5G) is the OR of the indexed trigrams that start with it (read from the index's vocabulary; every
  indexed paragraph ends with a mark, so each occurrence starts one) and joins the same MATCH. A 1-character
  term, or a 2-character one that starts too many trigrams, is an instr() filter on the index's search-form
  text, scored by a BM25-like term-frequency saturation. All parts combine in one query.
- PostgreSQL: every clause is LIKE '%term%' on the search-form copy (the pg_trgm GIN index serves 3+ characters),
  scored by the same term-frequency saturation.
Only current versions of documents are searched. Filters narrow before ranking, so pages are exact.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from planscope.search.normalize import fold, query_form
from planscope.search.query import TRIGRAM, Query, fts5_expression, fts5_phrase, like_pattern, parse_query
from planscope.search.snippet import highlight
from planscope.store import fts as index

MAX_LIMIT = 200
MAX_CHAPTER_RANGES = 300  # a chapter filter matching more sections than this keeps the first ones
_AVG_LEN = 80.0  # typical paragraph length (characters) for length normalisation of term frequency


class SearchIndexMissing(LookupError):
    """The store has no full-text index (made before it existed): `planscope search --reindex` builds it."""


@dataclass
class SearchHit:
    """One matching paragraph. `line` is its first line; lines are 1-based lines of the file as given."""

    paragraph_id: int
    plan_id: int  # the document's id, as `planscope plans` prints it (any stored document, plan or not)
    title: str | None
    file_name: str
    region: str | None
    kind: str
    line_start: int
    line_end: int
    snippet: str  # HTML-escaped text around the matches, each match in <mark>…</mark>
    score: float  # higher is better; comparable within one result list only
    section_path: list[str] = field(default_factory=list)  # enclosing headings, outermost first ("第三章 …")
    text: str = ""  # the whole paragraph (stored, simplified text)

    @property
    def line(self) -> int:
        return self.line_start

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "line": self.line}


@contextmanager
def _session(db_or_session: Any) -> Iterator[Session]:
    if isinstance(db_or_session, Session):
        yield db_or_session
    else:  # a planscope Database
        with db_or_session.session() as s:
            yield s


def _tf_score(col: str, term: str, key: str, dialect: str) -> str:
    """SQL for a saturating term-frequency score of `term` (bound as :key) in column `col` (BM25's tf part)."""
    n = len(term)
    tf = f"((length({col}) - length(replace({col}, :{key}, ''))) / {float(n)})"
    return f"({tf} / ({tf} + 1.2 * (0.25 + 0.75 * length({col}) / {_AVG_LEN})))"


@dataclass
class _Filters:
    region_ids: list[int] | None = None
    plan_id: int | None = None
    kind: str | None = None
    ranges: list[tuple[int, int, int]] | None = None  # (document id, first line, last line)


MAX_EXPANSION = 600  # trigrams a short term may stand for in MATCH; beyond it (a 1-character term) instr() scans


def _expansions(s: Session, q: Query) -> dict[str, list[str]]:
    """SQLite: for each 2-character term, the indexed trigrams that start with it. Every paragraph ends with
    store.fts.END, so each occurrence of the term starts one of them: MATCH on their OR finds exactly the
    paragraphs that hold the term, through the index instead of an instr() scan of every paragraph."""
    short = sorted({t for t in q.terms if len(t) == TRIGRAM - 1})
    if not short:
        return {}
    vocab = index.FTS_TABLE + "_vocab"
    s.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{vocab} USING fts5vocab(main, {index.FTS_TABLE}, row)"))
    out = {}
    for t in short:
        # the trigram tokenizer folds ASCII case as fold() does; a range on `term` is a seek in the index
        terms = s.execute(text(f"SELECT term FROM temp.{vocab} WHERE term >= :a AND term < :b LIMIT :n"),
                          {"a": t, "b": t + "\U0010ffff", "n": MAX_EXPANSION + 1}).scalars().all()
        if len(terms) <= MAX_EXPANSION:
            out[t] = list(terms)
    return out


def _build(dialect: str, q: Query, f: _Filters, expanded: dict[str, list[str]] | None = None
           ) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"cur": True}
    where: list[str] = ['d."current" = :cur']
    scores: list[str] = []
    if dialect == "postgresql":
        frm = f"{index.PG_TABLE} x JOIN paragraphs p ON p.id = x.paragraph_id"
        col = "x.text"
        for i, clause in enumerate(q.clauses):
            alts = []
            for j, t in enumerate(clause):
                params[f"l{i}_{j}"], params[f"t{i}_{j}"] = like_pattern(t), t
                alts.append(f"x.text LIKE :l{i}_{j} ESCAPE '\\'")
                scores.append(_tf_score(col, t, f"t{i}_{j}", dialect))
            where.append("(" + " OR ".join(alts) + ")")
    else:
        frm = f"{index.FTS_TABLE} JOIN paragraphs p ON p.id = {index.FTS_TABLE}.rowid"
        col = f"{index.FTS_TABLE}.text"
        expanded = expanded or {}
        long = [c for c in q.clauses if all(len(t) >= TRIGRAM for t in c)]
        # clauses whose short terms the index can serve (see _expansions) go into MATCH with the long ones
        served = [c for c in q.clauses if c not in long and all(len(t) >= TRIGRAM or t in expanded for t in c)]
        match = [fts5_expression(long)] if long else []
        for c in served:
            alts = [fts5_phrase(x) for t in c for x in expanded.get(t, [t])]
            if alts:
                match.append("(" + " OR ".join(alts) + ")")
            else:  # no paragraph holds any of the clause's terms
                where.append("0 = 1")
        if match:
            params["match"] = " AND ".join(match)
            where.append(f"{index.FTS_TABLE} MATCH :match")
            # bm25 in C over the matched trigrams: a short term's occurrences count through the trigrams they start
            scores.append(f"(-bm25({index.FTS_TABLE}))")
        for i, clause in enumerate(c for c in q.clauses if c not in long and c not in served):
            alts = []
            for j, t in enumerate(clause):
                params[f"t{i}_{j}"] = t
                alts.append(f"instr({col}, :t{i}_{j}) > 0")
                scores.append(_tf_score(col, t, f"t{i}_{j}", dialect))
            where.append("(" + " OR ".join(alts) + ")")
    frm += " JOIN documents d ON d.id = p.document_id"
    if f.plan_id is not None:
        params["plan"] = f.plan_id
        where.append("p.document_id = :plan")
    if f.kind:
        params["kind"] = f.kind
        where.append("d.kind = :kind")
    if f.region_ids is not None:
        keys = []
        for i, rid in enumerate(f.region_ids):
            params[f"r{i}"] = rid
            keys.append(f":r{i}")
        where.append(f"d.region_id IN ({', '.join(keys)})")
    if f.ranges is not None:
        docs = sorted({doc for doc, _, _ in f.ranges})
        params.update({f"cdoc{i}": doc for i, doc in enumerate(docs)})
        # The IN list first lets the planner use the paragraphs' document index; the ranges then pick lines.
        where.append(f"p.document_id IN ({', '.join(f':cdoc{i}' for i in range(len(docs)))})")
        ors = []
        for i, (doc, a, b) in enumerate(f.ranges):
            params.update({f"cd{i}": doc, f"ca{i}": a, f"cb{i}": b})
            ors.append(f"(p.document_id = :cd{i} AND p.line_start BETWEEN :ca{i} AND :cb{i})")
        where.append("(" + " OR ".join(ors) + ")")
    score = " + ".join(scores) or "0"
    sql = (f"SELECT p.id, {score} AS score FROM {frm} WHERE {' AND '.join(where)} "
           "ORDER BY score DESC, p.id LIMIT :limit OFFSET :offset")
    return sql, params


def _region_ids(s: Session, region: str) -> list[int]:
    """The region named `region` (simplified or traditional) and every region below it."""
    name = query_form(region)
    rows = s.execute(text("SELECT id, name, parent_id FROM regions")).all()
    roots = {rid for rid, n, _ in rows if fold(n) == name}
    children: dict[int, list[int]] = {}
    for rid, _, parent in rows:
        if parent is not None:
            children.setdefault(parent, []).append(rid)
    out, todo = set(), list(roots)
    while todo:
        r = todo.pop()
        if r not in out:
            out.add(r)
            todo.extend(children.get(r, []))
    return sorted(out)


def _chapter_ranges(s: Session, chapter: str | int, plan_id: int | None) -> list[tuple[int, int, int]]:
    """(document id, first line, last line) of the headings `chapter` names: a section id, or text in a heading's
    number and title. A heading runs to the line before the next heading at its level or above (found in SQL for
    the matching headings only: a store holds hundreds of thousands of headings)."""
    want = str(chapter).strip()
    folded = query_form(want)
    # spaces removed as fold() removes them (PDF text: 第 三 章); fold() then confirms each candidate
    heading = "replace(replace(coalesce(h.number, '') || h.title, ' ', ''), '\u3000', '')"
    cond = f"lower({heading}) LIKE :pat ESCAPE '\\'"
    params: dict[str, Any] = {"pat": like_pattern(folded)}
    if want.isdigit():
        cond = f"({cond} OR h.id = :sid)"
        params["sid"] = int(want)
    if plan_id is not None:
        cond += " AND h.document_id = :plan"
        params["plan"] = plan_id
    sql = ("SELECT h.document_id, h.id, h.number, h.title, h.line_start, "
           "(SELECT min(n.line_start) FROM sections n WHERE n.document_id = h.document_id "
           " AND n.position > h.position AND n.level <= h.level) "
           f"FROM sections h WHERE {cond} ORDER BY h.document_id, h.position")
    found = []
    for doc, sid, number, title, start, next_start in s.execute(text(sql), params):
        if (want.isdigit() and sid == int(want)) or (folded and folded in fold((number or "") + title)):
            end = next_start - 1 if next_start is not None else 10**9
            found.append((doc, start, max(end, start)))
            if len(found) == MAX_CHAPTER_RANGES:
                break
    return found


def _section_paths(s: Session, wanted: set[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
    """For each (document id, line), the headings enclosing that line, outermost first ("第三章 …", "第一节 …").
    Only headings up to each document's last wanted line are read: the path at a line is the stack of headings
    still open there (a heading closes at the next one of its level or above)."""
    last: dict[int, int] = {}
    for doc, line in wanted:
        last[doc] = max(line, last.get(doc, 0))
    if not last:
        return {}
    params: dict[str, Any] = {}
    ors = []
    for i, (doc, line) in enumerate(sorted(last.items())):
        params[f"d{i}"], params[f"l{i}"] = doc, line
        ors.append(f"(document_id = :d{i} AND line_start <= :l{i})")
    rows = s.execute(text("SELECT document_id, level, number, title, line_start FROM sections WHERE "
                          + " OR ".join(ors) + " ORDER BY document_id, position"), params).all()
    by_doc: dict[int, list[tuple[int, str | None, str, int]]] = {}
    for doc, level, number, title, start in rows:
        by_doc.setdefault(doc, []).append((level, number, title, start))
    out: dict[tuple[int, int], list[str]] = {}
    for doc, line in sorted(wanted):
        stack: list[tuple[int, str]] = []
        for level, number, title, start in by_doc.get(doc, []):
            if start > line:
                break
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, f"{number} {title}".strip() if number and not title.startswith(number) else title))
        out[(doc, line)] = [p for _, p in stack]
    return out


def _plan_id(s: Session, plan: str | int | None) -> int | None:
    if plan is None or str(plan).strip() == "":
        return None
    from planscope.store.queries import resolve_plan  # a plan id, or a region name → its latest plan

    return resolve_plan(s, plan)


def search(db_or_session: Any, q: str, region: str | None = None, plan: str | int | None = None,
           kind: str | None = None, chapter: str | int | None = None, limit: int = 20, offset: int = 0
           ) -> list[SearchHit]:
    """Paragraphs matching `q`, best first: a list of `SearchHit` (empty when nothing matches or `q` has no
    searchable term; malformed input never raises).

    `db_or_session`: a planscope Database (planscope.open(...)) or a SQLAlchemy Session on a store.
    `region`: a region name (with the regions below it: 广州市 includes its districts); `plan`: a document id
    (or a region name: its latest five-year plan); `kind`: a document kind (five_year_plan, …); `chapter`: a
    section id, or text found in a heading's number and title (第三章, 绿色): paragraphs under that heading.
    Raises NotFound (a LookupError) for an unknown plan, SearchIndexMissing when the store has no index.
    """
    query = parse_query(q)
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    if not query or limit == 0:
        return []
    with _session(db_or_session) as s:
        dialect = s.get_bind().dialect.name
        if not index.exists(s):
            raise SearchIndexMissing("this store has no full-text index: run `planscope search --reindex`")
        f = _Filters(plan_id=_plan_id(s, plan), kind=kind or None)
        if region:
            f.region_ids = _region_ids(s, region)
            if not f.region_ids:
                return []
        if chapter is not None and str(chapter).strip():
            f.ranges = _chapter_ranges(s, chapter, f.plan_id)
            if not f.ranges:
                return []
        sql, params = _build(dialect, query, f, _expansions(s, query) if dialect == "sqlite" else None)
        params.update(limit=limit, offset=offset)
        ranked = s.execute(text(sql), params).all()
        return _hydrate(s, ranked, query)


def _hydrate(s: Session, ranked: list[tuple[int, float]], query: Query) -> list[SearchHit]:
    if not ranked:
        return []
    keys = {f"p{i}": pid for i, (pid, _) in enumerate(ranked)}
    rows = s.execute(text(
        "SELECT p.id, p.document_id, p.text, p.line_start, p.line_end, d.title, d.file_name, d.kind, r.name "
        "FROM paragraphs p JOIN documents d ON d.id = p.document_id LEFT JOIN regions r ON r.id = d.region_id "
        f"WHERE p.id IN ({', '.join(':' + k for k in keys)})"), keys).all()
    by_id = {r[0]: r for r in rows}
    paths = _section_paths(s, {(r[1], r[3]) for r in rows})
    terms = query.terms
    hits = []
    for pid, score in ranked:
        _, doc, body, a, b, title, file_name, kind, region = by_id[pid]
        hits.append(SearchHit(paragraph_id=pid, plan_id=doc, title=title, file_name=file_name, region=region,
                              kind=kind, line_start=a, line_end=b, snippet=highlight(body, terms),
                              score=round(float(score or 0.0), 4), section_path=paths[(doc, a)],
                              text=body))
    return hits
