"""The HTTP API (FastAPI): `create_app(db_url)`; run it with `planscope serve`."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kw: Any) -> Any:
    """See planscope.api.app.create_app (imported lazily: FastAPI is only loaded when an app is made)."""
    from planscope.api.app import create_app as _create

    return _create(*args, **kw)
