"""Engine and sessions from a URL: `--db` / PLANSCOPE_DB, default a SQLite file ./planscope.db.

All SQLite-specific settings live here (WAL, foreign keys, busy timeout), so the rest of the store is portable
to PostgreSQL. The schema is created and upgraded by Alembic migrations (`upgrade head`) when a store is opened.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "PLANSCOPE_DB"
DEFAULT_FILE = "planscope.db"
_HERE = Path(__file__).resolve().parent


def resolve_url(target: str | os.PathLike[str] | None = None) -> str:
    """A database URL from a URL, a file path, or nothing (then PLANSCOPE_DB, then ./planscope.db)."""
    if target is None or str(target) == "":
        target = os.environ.get(ENV_VAR) or DEFAULT_FILE
    s = str(target)
    if "://" in s:
        return s
    return f"sqlite:///{Path(s).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers (API, web) work while an ingest writes; foreign keys are off by default in SQLite.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        db = u.database
        if db and db != ":memory:" and not db.startswith("file:"):
            parent = Path(db).expanduser().resolve().parent
            if not parent.is_dir():
                raise OSError(f"cannot open database {db}: folder {parent} does not exist")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config(str(_HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(_HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (creates it on an empty database). Idempotent."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return MigrationContext.configure(conn).get_current_revision()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def head_revision() -> str:
    """The newest migration shipped with this version of PlanScope."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(_HERE / "migrations")).get_current_head() or ""
