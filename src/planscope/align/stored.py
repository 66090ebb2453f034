"""Plans for alignment from the store or from files: `align_plans(db, "广州市", ["花都区", "番禺区"])`.

A stored plan is rebuilt from what was stored at ingest: its original lines go through the same cleaning
(`planscope.ingest.build_source`), so line numbers and text are exactly what the parser saw, and its extraction
(metadata, outline, indicator tables, prose targets) is read back instead of parsing again. A reference that is
an existing file is read and parsed from the file, so files and stored plans can be mixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planscope.ingest import SUPPORTED_SUFFIXES, SourceText, build_source, read_document
from planscope.model import Extraction

if TYPE_CHECKING:
    from planscope.align import Alignment
    from planscope.store.api import Database, PlanView


def stored_source(view: PlanView) -> SourceText:
    """The SourceText of a stored plan, rebuilt from its original lines."""
    from planscope.store import NotFound
    from planscope.store import schema as s

    with view.db.session() as session:
        doc = session.get(s.Document, view.id)
        text = session.get(s.DocumentText, view.id)
        if doc is None or text is None:
            raise NotFound(f"no text stored for plan {view.id}")
        return build_source(doc.file_name, doc.format, text.original.split("\n"), encoding=doc.encoding,
                            rendering=text.rendering)


def stored_extraction(view: PlanView) -> Extraction:
    """What the parser found at ingest, read back: metadata, outline, indicator tables and prose targets."""
    return Extraction(source=view.summary().file_name, document=view.meta(), outline=view.outline(),
                      indicator_tables=view.indicator_tables(), targets=view.targets())


def is_path(ref: str | int | Path) -> bool:
    """A reference meant as a file: a Path, an existing file, or text with a folder separator or a file suffix
    (a missing file must be reported as missing, not looked up as a region name)."""
    if isinstance(ref, Path):
        return True
    if not isinstance(ref, str):
        return False
    return Path(ref).is_file() or "/" in ref or "\\" in ref or ref.lower().endswith(SUPPORTED_SUFFIXES)


def plan_input(ref: str | int | Path, db: Database | None) -> tuple[SourceText, Extraction | None]:
    """A file path (read and parsed later) or a stored plan (id or region name)."""
    if is_path(ref):
        return read_document(ref), None
    if db is None:
        raise FileNotFoundError(f"{ref}: no such file, and no store to look it up in")
    view = db.plan(ref)
    return stored_source(view), stored_extraction(view)


def align_plans(db: Database | str | None, parent: str | int | Path, children: Sequence[str | int | Path],
                **kw: Any) -> Alignment:
    """Align stored plans (ids or region names: 广州市, 花都区) and/or files. `db` is an open store, a URL or
    SQLite path, or None (PLANSCOPE_DB, else ./planscope.db); it is opened only when a reference is not a file."""
    from planscope.align import align_sources

    refs = [parent, *children]
    if len({str(r) for r in refs}) != len(refs):
        raise ValueError("a plan cannot be aligned with itself")
    owned = None
    if db is None or isinstance(db, str):
        if all(is_path(r) for r in refs):
            store = None
        else:
            from planscope.store import open as open_store

            store = owned = open_store(db)
    else:
        store = db
    try:
        inputs = [plan_input(r, store) for r in refs]
    finally:
        if owned is not None:
            owned.close()
    (psrc, pex), kids = inputs[0], inputs[1:]
    return align_sources(psrc, [s for s, _ in kids], parent_extraction=pex,
                         child_extractions=[e for _, e in kids], **kw)
