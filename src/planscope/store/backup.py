"""Export the whole store to one portable archive, and import it into an empty store (SQLite or PostgreSQL).

The archive is JSON lines (gzip-compressed when the file name ends in .gz):
    {"format": "planscope-backup", "version": 1, "revision": "0006", "tables": [...]}      header
    {"table": "documents", "columns": ["id", ...], "rows": 12}                              one per table, then
    [1, "000_x.txt", ...]                                                                  its rows, by primary key
Tables come in foreign-key dependency order with their ids, so an import recreates every reference exactly:
documents, texts, extracted facts, entered values, the audit history, users and token *hashes* (never a plain
token: none is stored). Values are written by column type — exact decimals as strings, times as UTC ISO 8601 —
so SQLite → PostgreSQL → SQLite gives the same archive byte for byte. The full-text index is not exported: it is
rebuilt from the paragraphs on import. PostgreSQL sequences are moved past the imported ids.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    DateTime,
    Integer,
    Table,
    Text,
    bindparam,
    cast,
    func,
    inspect,
    select,
    text,
)

from planscope.store import db as dbmod
from planscope.store.schema import Base, ExactDecimal

FORMAT, VERSION = "planscope-backup", 1
BATCH = 1000
_SKIP = {"alembic_version"}  # the schema version travels in the header instead


class BackupError(ValueError):
    """An archive that cannot be written or read back (str(e) says why)."""


@dataclass
class BackupReport:
    path: str
    revision: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "revision": self.revision, "total_rows": self.total, "rows": self.rows}


def tables() -> list[Table]:
    """Every table of the store, parents before children."""
    return list(Base.metadata.sorted_tables)


def _check_known(conn: Connection) -> None:
    """Refuse to export a store holding tables this version does not know: they would be silently lost."""
    from planscope.store.fts import is_index_table

    known = {t.name for t in tables()} | _SKIP
    unknown = sorted(n for n in inspect(conn).get_table_names() if n not in known and not is_index_table(n))
    if unknown:
        raise BackupError(f"the store has tables this version of PlanScope does not know: {', '.join(unknown)} "
                          "(upgrade PlanScope before exporting)")


# --- values by column type ------------------------------------------------------------------------------------
def _dump(col_type: Any, v: Any) -> Any:
    if v is None:
        return None
    if isinstance(col_type, DateTime):
        if v.tzinfo is None:  # SQLite gives stored UTC times back naive
            v = v.replace(tzinfo=UTC)
        return v.astimezone(UTC).isoformat()
    if isinstance(col_type, ExactDecimal):
        return str(v)
    return v


def _load(col_type: Any, v: Any) -> Any:
    if v is None:
        return None
    if isinstance(col_type, DateTime):
        return datetime.fromisoformat(v)
    if isinstance(col_type, ExactDecimal):
        return Decimal(v)
    if isinstance(col_type, Boolean):
        return bool(v)
    return v


def _line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"


def _open_write(path: Path, gz: bool) -> IO[str]:
    if gz:
        return io.TextIOWrapper(gzip.GzipFile(path, "wb", mtime=0), encoding="utf-8")  # mtime 0: same bytes
    return path.open("w", encoding="utf-8")


def _open_read(path: Path) -> IO[str]:
    with path.open("rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.GzipFile(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


# --- export ---------------------------------------------------------------------------------------------------
def _rows(conn: Connection, table: Table) -> Iterator[list[Any]]:
    cols = list(table.columns)
    # JSON columns travel as their stored text: SQL NULL and JSON null stay apart, and nothing is re-serialised
    stmt = select(*(cast(c, Text) if isinstance(c.type, JSON) else c for c in cols)).order_by(
        *table.primary_key.columns)
    for row in conn.execution_options(yield_per=BATCH).execute(stmt):
        yield [_dump(c.type, v) for c, v in zip(cols, row, strict=True)]


def export_store(db: Any, path: str | Path) -> BackupReport:
    """Write every table of `db` (a planscope Database) to `path`. One read transaction: a consistent snapshot."""
    path = Path(path)
    revision = dbmod.current_revision(db.engine) or ""
    report = BackupReport(str(path), revision)
    tmp = path.with_name(path.name + ".part")
    with db.engine.connect() as conn, conn.begin():
        _check_known(conn)
        with _open_write(tmp, path.suffix == ".gz") as out:
            out.write(_line({"format": FORMAT, "version": VERSION, "revision": revision,
                             "tables": [t.name for t in tables()]}))
            for table in tables():
                n = conn.execute(select(func.count()).select_from(table)).scalar_one()
                out.write(_line({"table": table.name, "columns": [c.name for c in table.columns], "rows": n}))
                written = 0
                for row in _rows(conn, table):
                    out.write(_line(row))
                    written += 1
                if written != n:
                    raise BackupError(f"table {table.name} changed while it was exported")
                report.rows[table.name] = n
        tmp.replace(path)  # the archive appears whole or not at all
    return report


# --- import ---------------------------------------------------------------------------------------------------
def _self_refs(table: Table) -> list[str]:
    """Columns referencing the same table (sections.parent_id …): written in a second pass, after every row
    exists, so row order never breaks a foreign key."""
    return [c.name for c in table.columns for fk in c.foreign_keys if fk.column.table is table]


def _is_empty(conn: Connection) -> bool:
    return all(conn.execute(select(func.count()).select_from(t)).scalar_one() == 0 for t in tables())


def _insert_stmt(conn: Connection, table: Table, names: list[str]) -> Any:
    """INSERT binding JSON columns as their text (cast to json on PostgreSQL; SQLite stores the text as is)."""
    values: dict[str, Any] = {}
    for n in names:
        col = table.c[n]
        if isinstance(col.type, JSON):
            p = bindparam(n, type_=Text)
            values[n] = cast(p, JSON) if conn.dialect.name == "postgresql" else p
        else:
            values[n] = bindparam(n, type_=col.type)
    return table.insert().values(values)


def _insert(conn: Connection, stmt: Any, batch: list[dict[str, Any]], later: list[str],
            deferred: list[dict[str, Any]]) -> None:
    if later:
        for r in batch:
            refs = {k: r[k] for k in later if r[k] is not None}
            if refs:
                deferred.append({"_pk": r["id"], **{f"_{k}": v for k, v in refs.items()}, "_cols": tuple(refs)})
                for k in refs:
                    r[k] = None
    conn.execute(stmt, batch)


def _apply_deferred(conn: Connection, table: Table, deferred: list[dict[str, Any]]) -> None:
    by_cols: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for d in deferred:
        by_cols.setdefault(d.pop("_cols"), []).append(d)
    for cols, rows in by_cols.items():
        stmt = table.update().where(table.c.id == bindparam("_pk")).values({c: bindparam(f"_{c}") for c in cols})
        for i in range(0, len(rows), BATCH):
            conn.execute(stmt, rows[i:i + BATCH])


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: the next id of each table follows the largest imported one (else the next insert collides)."""
    if conn.dialect.name != "postgresql":
        return  # SQLite's INTEGER PRIMARY KEY continues from max(id) by itself
    for table in tables():
        for col in table.primary_key.columns:
            if not isinstance(col.type, Integer) or col.foreign_keys:
                continue
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": col.name})
            name = seq.scalar()
            if name:
                conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{col.name}") FROM "{table.name}"), 1), '
                                  f'(SELECT MAX("{col.name}") FROM "{table.name}") IS NOT NULL)'), {"s": name})


def import_store(db: Any, path: str | Path) -> BackupReport:
    """Load an archive into `db`, which must be empty (freshly created). One transaction: all or nothing."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no such archive: {path}")
    by_name = {t.name: t for t in tables()}
    with _open_read(path) as f, db.engine.begin() as conn:
        try:
            header = json.loads(f.readline() or "null")
        except (json.JSONDecodeError, UnicodeDecodeError, OSError) as e:
            raise BackupError(f"{path}: not a PlanScope backup ({e})") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise BackupError(f"{path}: not a PlanScope backup (no {FORMAT} header)")
        if header.get("version") != VERSION:
            raise BackupError(f"{path}: backup format version {header.get('version')} is not supported")
        revision = dbmod.current_revision(db.engine) or ""
        if header.get("revision") != revision:
            raise BackupError(f"{path}: archive is of schema {header.get('revision')!r}, this store is "
                              f"{revision!r}: import into a PlanScope of the same version")
        if not _is_empty(conn):
            raise BackupError("the target store is not empty: import into a new database")
        report = BackupReport(str(path), revision)
        line_no = 1
        for _ in header["tables"]:
            line_no += 1
            meta = json.loads(f.readline() or "null")
            if not isinstance(meta, dict) or meta.get("table") not in by_name:
                raise BackupError(f"{path}: line {line_no}: expected a table header, found {str(meta)[:80]}")
            table = by_name[meta["table"]]
            names = meta["columns"]
            missing = [n for n in names if n not in table.c]
            if missing:
                raise BackupError(f"{path}: table {table.name} has no column(s) {', '.join(missing)}")
            types = [table.c[n].type for n in names]
            later, deferred = _self_refs(table), []
            stmt = _insert_stmt(conn, table, names)
            batch: list[dict[str, Any]] = []
            for _k in range(int(meta["rows"])):
                line_no += 1
                raw = f.readline()
                if not raw:
                    raise BackupError(f"{path}: truncated in table {table.name} (line {line_no})")
                values = json.loads(raw)
                batch.append({n: _load(t, v) for n, t, v in zip(names, types, values, strict=True)})
                if len(batch) >= BATCH:
                    _insert(conn, stmt, batch, later, deferred)
                    batch = []
            if batch:
                _insert(conn, stmt, batch, later, deferred)
            _apply_deferred(conn, table, deferred)
            report.rows[table.name] = int(meta["rows"])
        if f.readline().strip():
            raise BackupError(f"{path}: unexpected data after the last table (line {line_no + 1})")
        _reset_sequences(conn)
        from planscope.store.fts import rebuild

        rebuild(conn)
    return report


__all__ = ["BackupError", "BackupReport", "export_store", "import_store", "tables"]
