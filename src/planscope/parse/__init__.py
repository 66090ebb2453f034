"""Clean text in, domain facts out. Each fact carries its `Span`."""

import inspect
import sys

from planscope.parse.extract import extract, extract_source

__all__ = ["clear_caches", "content_caches", "extract", "extract_source"]

_PACKAGES = ("planscope.parse", "planscope.ingest")


def content_caches() -> list:
    """The memoised functions of ingest and parse keyed by content (a line, a cell, a label): every
    `functools` cache of a function that takes arguments. Caches of argument-less builders (OpenCC converters,
    compiled character classes) hold static things and are not listed."""
    found: dict[int, object] = {}
    for name, mod in list(sys.modules.items()):
        if mod is None or not name.startswith(_PACKAGES):
            continue
        for obj in vars(mod).values():
            if callable(obj) and hasattr(obj, "cache_clear") and id(obj) not in found and _takes_arguments(obj):
                found[id(obj)] = obj
    return list(found.values())


def _takes_arguments(fn: object) -> bool:
    try:
        return bool(inspect.signature(fn).parameters)  # follows __wrapped__ to the function itself
    except (TypeError, ValueError):
        return True  # cannot tell: clearing a static cache costs one rebuild, keeping a content one misleads


def clear_caches() -> None:
    """Forget every content-keyed cache, so that the next document is parsed as by a fresh process (what an
    honest benchmark measures: the first pass over documents the process has not seen)."""
    for fn in content_caches():
        fn.cache_clear()  # type: ignore[attr-defined]
