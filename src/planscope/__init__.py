"""PlanScope: manage, monitor and evaluate China's development plans.

The Python API comes first; the CLI mirrors it verb for verb.
"""

from planscope.model import Extraction
from planscope.parse import extract

__version__ = "0.1.0"
__all__ = ["Extraction", "__version__", "extract", "open"]


def open(target=None, *, migrate=True):  # type: ignore[no-untyped-def]
    """Open a PlanScope store (URL, SQLite path, or None → PLANSCOPE_DB → ./planscope.db): `planscope.open(db)`.

    Imported lazily so that `planscope extract` does not load SQLAlchemy."""
    from planscope.store import open as _open

    return _open(target, migrate=migrate)
