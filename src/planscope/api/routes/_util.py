"""Small helpers shared by routes: optional modules (501 until they exist) and turning results into JSON."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from typing import Any

from fastapi import HTTPException

from planscope.model import dec_json


def optional(module: str, attr: str, what: str) -> Callable[..., Any]:
    """`module.attr`, or a 501 saying which part of PlanScope is not available yet."""
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        raise HTTPException(501, f"{what} is not available in this installation ({module}: {e})") from None
    fn = getattr(mod, attr, None)
    if not callable(fn):
        raise HTTPException(501, f"{what} is not available in this installation ({module}.{attr} is missing)")
    return fn


def check_year(db: Any, plan: int, year: int) -> None:
    """422 when `year` is outside the plan's period: there is no target to assess it against (the CLI says the
    same)."""
    period = db.plan(plan).summary().period
    if period and not period[0] <= year <= period[1]:
        raise HTTPException(422, f"year {year} is outside the plan's period {period[0]}–{period[1]}")


def call_with(fn: Callable[..., Any], *args: Any, **optional_kw: Any) -> Any:
    """Call fn(*args, **kw) passing only the keyword arguments its signature takes (interfaces still growing)."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return fn(*args)
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    kw = {k: v for k, v in optional_kw.items() if v is not None and (takes_any or k in params)}
    return fn(*args, **kw)


def jsonable(x: Any) -> Any:
    """Domain objects (to_json(), dataclasses, Decimals, enums) as plain JSON values."""
    if hasattr(x, "to_json") and callable(x.to_json):
        return jsonable(x.to_json())
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple | set):
        return [jsonable(v) for v in x]
    if isinstance(x, Decimal):
        return dec_json(x)
    if isinstance(x, Enum):
        return x.value
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return jsonable(dataclasses.asdict(x))
    if hasattr(x, "isoformat"):
        return x.isoformat()
    return x
