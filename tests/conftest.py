"""Shared fixtures: the real corpus beside the checkout (../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def corpus_file(prefix: str) -> Path:
    """The corpus file whose name starts with `prefix` ("000" ... "004")."""
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def corpus() -> dict[str, Path]:
    return {p.name[:3]: p for p in sorted(CORPUS.glob("0*.txt"))}
