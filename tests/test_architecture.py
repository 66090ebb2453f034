"""The layering of ARCHITECTURE.md, enforced: dependencies point down the pipeline, never back up it.

files ─▶ ingest ─▶ parse ─▶ store ─▶ monitor / align ─▶ report / api / web / search
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "planscope"

# layer -> layers it must never import (directly or lazily inside a function)
FORBIDDEN = {
    "model": {"ingest", "parse", "store", "catalog", "monitor", "align", "search", "report", "api", "web", "cli",
              "scale", "places"},
    "ingest": {"parse", "store", "catalog", "monitor", "align", "search", "report", "api", "web", "cli", "scale"},
    "parse": {"store", "monitor", "align", "search", "report", "api", "web", "cli", "scale"},
    "catalog": {"parse", "store", "monitor", "align", "search", "report", "api", "web", "cli", "scale"},
    "report": {"store", "api", "web", "cli", "scale", "ingest", "parse"},
    "monitor": {"api", "web", "cli", "scale"},
    "align": {"api", "web", "cli", "scale", "monitor"},
    "search": {"api", "web", "cli", "scale", "monitor", "align"},
    "store": {"api", "web", "cli", "monitor", "align", "report", "scale"},
    "api": {"cli"},
    "web": {"cli"},
}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "planscope" and len(parts) > 1 else None


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer: str) -> None:
    files = [PKG / f"{layer}.py"] if (PKG / f"{layer}.py").exists() else sorted((PKG / layer).rglob("*.py"))
    assert files, f"no files for layer {layer}"
    bad = sorted(
        f"{f.relative_to(PKG)} imports {m}"
        for f in files
        for m in _imports(f)
        if _layer_of(m) in FORBIDDEN[layer]
    )
    assert bad == []


def test_pages_never_touch_sql() -> None:
    """The web layer calls the Python layers; SQL stays in store/ (and search/, which queries the index)."""
    offenders = [str(f.relative_to(PKG)) for f in (PKG / "web").rglob("*.py") if any(
        m.startswith("sqlalchemy") or m == "sqlite3" for m in _imports(f))]
    assert offenders == []
