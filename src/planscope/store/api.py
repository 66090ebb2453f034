"""The Python API over the store; the CLI mirrors it verb for verb.

    db = planscope.open("sqlite:///plans.db")       # or a file path; None → PLANSCOPE_DB → ./planscope.db
    report = db.ingest(["../shared/corpus"])        # files or folders; one transaction per file
    db.plans()                                      # [PlanSummary]
    plan = db.plan("花都区")                         # a region's latest five-year plan, or a plan id
    plan.outline(); plan.indicators(); plan.figures(); plan.text()
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planscope import model as m
from planscope.ingest import SUPPORTED_SUFFIXES, IngestError, SourceText, read_document
from planscope.store import db as dbmod
from planscope.store import load, queries
from planscope.store.queries import NotFound, PlanSummary, RegionNode, StoredTable

LOADED, UNCHANGED, NEW_VERSION, ERROR = "loaded", "unchanged", "new_version", "error"


@dataclass
class FileResult:
    path: str
    status: str  # loaded | unchanged | new_version | error
    message: str = ""
    document_id: int | None = None
    version_of: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "message": self.message, "document_id": self.document_id,
                "version_of": self.version_of}


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.status == ERROR]

    @property
    def ok(self) -> bool:
        """True when at least one file could be read (loaded, a new version, or already stored)."""
        return any(f.status != ERROR for f in self.files)

    def summary(self) -> dict[str, int]:
        return {st: self.count(st) for st in (LOADED, NEW_VERSION, UNCHANGED, ERROR)}

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary(), "files": [f.to_json() for f in self.files]}


Progress = Callable[[FileResult, int, int], None]  # (result of the file just done, files done, files in all)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest: each file given, and every supported file under each folder (recursive, sorted; hidden
    files and folders skipped). A path that does not exist becomes an error result."""
    files: list[Path] = []
    missing: list[FileResult] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = [f for f in sorted(p.rglob("*")) if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            if not found:
                missing.append(FileResult(str(p), ERROR, f"no supported files ({', '.join(SUPPORTED_SUFFIXES)}) "
                                                         "in this folder"))
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            missing.append(FileResult(str(p), ERROR, "no such file or folder"))
    return files, missing


class Database:
    """A PlanScope store. Open with `planscope.open(...)`; the schema is migrated to the latest on open."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine: Engine = dbmod.make_engine(url)
        if migrate:
            dbmod.migrate(self.engine)
            from planscope.store.fts import ensure_index

            ensure_index(self.engine)  # PostgreSQL: a crashed bulk load's dropped search index is rebuilt
        self._sessions = dbmod.session_factory(self.engine)

    def __repr__(self) -> str:
        return f"Database({self.engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (for code that needs the ORM rows; most callers use the methods below)."""
        with self._sessions() as s:
            yield s

    # --- writing ---------------------------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
               progress: Progress | None = None) -> IngestReport:
        """Load files and folders. Each file is one transaction; a file that fails is reported and the rest load."""
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        files, report_missing = collect_files(paths)
        report = IngestReport(list(report_missing))
        for i, f in enumerate(files, 1):
            result = self.ingest_file(f)
            report.files.append(result)
            if progress:
                progress(result, i, len(files))
        from planscope.store.fts import catch_up

        catch_up(self.engine)  # paragraphs a crashed bulk load left out of the search index (planscope.scale)
        return report

    def ingest_file(self, path: str | os.PathLike[str]) -> FileResult:
        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as e:
            return FileResult(str(p), ERROR, f"cannot read: {e.strerror or e}")
        sha = load.sha256_bytes(data)
        with self._sessions() as s:
            same = load.find_by_hash(s, sha)
            if same is not None:
                return FileResult(str(p), UNCHANGED, f"already stored as document {same.id} ({same.file_name})",
                                  same.id)
        if p.suffix.lower() not in SUPPORTED_SUFFIXES:
            return FileResult(str(p), ERROR, f"unsupported file type {p.suffix or '(none)'!r} "
                                             f"(supported: {', '.join(SUPPORTED_SUFFIXES)})")
        try:
            src = read_document(p)
        except IngestError as e:
            return FileResult(str(p), ERROR, e.problem)
        except Exception as e:  # a reader bug must not stop the batch
            return FileResult(str(p), ERROR, f"could not read: {type(e).__name__}: {e}")
        return self.load(src, path=str(p.resolve()), sha256=sha, size=len(data), label=str(p))

    def load(self, src: SourceText, extraction: m.Extraction | None = None, *, path: str | None = None,
             sha256: str | None = None, size: int | None = None, label: str | None = None) -> FileResult:
        """Store one read document (parsing it unless `extraction` is given): one transaction, all or nothing."""
        from planscope.parse import extract_source

        label = label or path or src.name
        sha = sha256 or load.sha256_source(src)
        try:
            ex = extraction if extraction is not None else extract_source(src)
        except Exception as e:
            return FileResult(label, ERROR, f"could not parse: {type(e).__name__}: {e}")
        try:
            with self._sessions.begin() as s:
                if (same := load.find_by_hash(s, sha)) is not None:
                    return FileResult(label, UNCHANGED, f"already stored as document {same.id}", same.id)
                done = load.load_extraction(s, src, ex, path=path or src.name, sha256=sha,
                                            size=size if size is not None else len("\n".join(src.original_lines)))
        except IntegrityError:  # another writer stored the same content meanwhile
            return FileResult(label, UNCHANGED, "already stored (by another writer)")
        except Exception as e:
            return FileResult(label, ERROR, f"could not store: {type(e).__name__}: {e}")
        if done.version_of is not None:
            return FileResult(label, NEW_VERSION, f"new version of document {done.version_of}", done.document_id,
                              done.version_of)
        return FileResult(label, LOADED, "", done.document_id)

    # --- reading ---------------------------------------------------------------------------------------------
    def plans(self, *, include_old_versions: bool = False) -> list[PlanSummary]:
        """Stored plans (five-year plans and annual plans), current versions unless asked otherwise."""
        with self._sessions() as s:
            return queries.list_documents(s, plans_only=True, include_old_versions=include_old_versions)

    def documents(self, *, include_old_versions: bool = False, region: str | None = None) -> list[PlanSummary]:
        """Every stored document, plan or not (`region`: only those issued by the region of that name)."""
        with self._sessions() as s:
            return queries.list_documents(s, plans_only=False, include_old_versions=include_old_versions,
                                          region=region)

    def plan(self, ref: str | int) -> PlanView:
        """A plan by id (as `plans()` gives it) or by region name (that region's latest five-year plan)."""
        with self._sessions() as s:
            return PlanView(self, queries.resolve_plan(s, ref))

    def regions(self) -> list[RegionNode]:
        """The region hierarchy as a forest (roots first, children nested)."""
        with self._sessions() as s:
            return queries.region_tree(s)

    def table_counts(self) -> dict[str, int]:
        with self._sessions() as s:
            return queries.table_counts(s)

    # --- search (planscope.search; imported when used) -----------------------------------------------------
    def search(self, q: str, **filters: Any) -> list[Any]:
        """Full-text search: [SearchHit] best first. Filters: region, plan, kind, chapter, limit, offset (see
        planscope.search.fulltext.search)."""
        from planscope.search.fulltext import search

        return search(self, q, **filters)

    def related(self, paragraph_id: int | None = None, **options: Any) -> list[Any]:
        """Paragraphs of other documents most similar to a paragraph (or `text_=`): [RelatedHit] best first."""
        from planscope.search.related import related

        return related(self, paragraph_id, **options)

    def reindex(self) -> int:
        """Rebuild the full-text index from the stored paragraphs; returns how many were indexed."""
        from planscope.store.fts import rebuild

        with self.engine.begin() as conn:
            return rebuild(conn)


@dataclass
class Explanation:
    """One indicator row next to the source lines it was read from."""

    table_title: str | None
    row: m.IndicatorRow
    source: list[tuple[int, str]]  # (line number, original text)

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table_title, "row": self.row.to_json(),
                "source": [{"line": n, "text": t} for n, t in self.source]}


class PlanView:
    """One stored plan (or any stored document): everything extracted from it, with line numbers."""

    def __init__(self, db: Database, doc_id: int) -> None:
        self.db, self.id = db, doc_id

    def __repr__(self) -> str:
        return f"PlanView(id={self.id})"

    def _q(self, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        with self.db._sessions() as s:
            return fn(s, self.id, *args, **kw)

    def summary(self) -> PlanSummary:
        return self._q(queries.document_summary)

    def meta(self) -> m.DocumentMeta:
        return self._q(queries.meta)

    def parent(self) -> PlanView | None:
        pid = self.summary().parent_plan_id
        return PlanView(self.db, pid) if pid is not None else None

    def outline(self) -> list[m.Heading]:
        return self._q(queries.outline)

    def outline_parents(self) -> list[int | None]:
        """For each heading of outline(), the index of its parent heading (None at the top)."""
        return self._q(queries.section_parents)

    def indicator_tables(self) -> list[m.IndicatorTable]:
        return [t.table for t in self._q(queries.indicator_tables)]

    def stored_tables(self) -> list[StoredTable]:
        return self._q(queries.indicator_tables)

    def indicators(self, table: int | None = None) -> m.IndicatorTable | None:
        """The main indicator table (the first of kind "main", else the first), or the table at index `table`."""
        tables = self.indicator_tables()
        if table is not None:
            if not 0 <= table < len(tables):
                raise NotFound(f"plan {self.id} has {len(tables)} indicator table(s); no table {table + 1}")
            return tables[table]
        return next((t for t in tables if t.kind == "main"), tables[0] if tables else None)

    def figures(self, kind: str | None = None) -> list[m.Figure]:
        """Prose targets then observations (`kind`="target" or "observation" for one of them)."""
        return self._q(queries.figures, kind)

    def targets(self) -> list[m.Figure]:
        return self.figures("target")

    def observations(self) -> list[m.Figure]:
        return self.figures("observation")

    def footnotes(self) -> list[m.Footnote]:
        return self._q(queries.footnotes)

    def projects(self) -> list[m.Project]:
        return self._q(queries.projects)

    def warnings(self) -> list[str]:
        return self._q(queries.problems)

    def text(self, *, original: bool = False) -> str:
        return "\n".join(self.lines(original=original))

    def lines(self, start: int = 1, end: int | None = None, *, original: bool = False) -> list[str]:
        """Lines start..end (1-based, inclusive) of the cleaned text, or of the file as read when `original`."""
        all_lines = self._q(queries.text_lines, original=original)
        return all_lines[max(start, 1) - 1:end]

    def explain(self, seq: str, table: int | None = None) -> list[Explanation]:
        """The rows numbered `seq` in the main table (or table index `table`), each with its original lines."""
        t = self.indicators(table)
        if t is None:
            raise NotFound(f"plan {self.id} has no indicator table")
        rows = [r for r in t.rows if r.seq == str(seq).strip()]
        if not rows:
            raise NotFound(f"no row with seq {seq!r} in {t.title or 'the indicator table'} of plan {self.id}")
        original = self._q(queries.text_lines, original=True)
        return [Explanation(t.title, r, [(n, original[n - 1]) for n in range(r.span.line_start, r.span.line_end + 1)
                                         if 0 < n <= len(original)]) for r in rows]

    def to_json(self) -> dict[str, Any]:
        """The extraction contract's shape, plus the plan's id and store fields under "plan"."""
        summary = self.summary()
        figures = self.figures()
        return {"plan": summary.to_json(), "source": summary.file_name, "document": self.meta().to_json(),
                "outline": [h.to_json() for h in self.outline()],
                "indicator_tables": [t.to_json() for t in self.indicator_tables()],
                "targets": [f.to_json() for f in figures if f.kind == "target"],
                "observations": [f.to_json() for f in figures if f.kind == "observation"],
                "footnotes": [f.to_json() for f in self.footnotes()],
                "projects": [p.to_json() for p in self.projects()], "warnings": self.warnings()}


def open(target: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (creating or migrating) a store: a SQLAlchemy URL, a SQLite file path, or None for PLANSCOPE_DB or
    ./planscope.db."""
    return Database(dbmod.resolve_url(target), migrate=migrate)
