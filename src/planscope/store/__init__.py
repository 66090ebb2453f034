"""The store: SQLAlchemy over SQLite (default) or PostgreSQL, Alembic migrations, and the Python API over it."""

from planscope.store.api import Database, FileResult, IngestReport, PlanView, open
from planscope.store.queries import NotFound, PlanSummary

__all__ = ["Database", "FileResult", "IngestReport", "NotFound", "PlanSummary", "PlanView", "open"]
