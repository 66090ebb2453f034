"""The search form of text: what the full-text index stores and what queries are compared with.

Folding is per character: NFKC (full-width ５Ｇ → 5g, full-width punctuation → ASCII), lower case, whitespace
dropped (PDF text puts spaces inside words: 指 标, 十四个 五年规划). Because it is per character, every folded
character maps back to one character of the original, so matches found in the folded form can be highlighted in
the text as stored. Queries are also converted to simplified characters (stored text already is).
"""

from __future__ import annotations

import unicodedata

from planscope.store.fts import fold

__all__ = ["fold", "fold_with_map", "query_form"]


def _fold_char(c: str) -> str:
    if c.isspace():
        return ""
    return unicodedata.normalize("NFKC", c).lower().replace(" ", "")


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """fold(text), and for each of its characters the index of the original character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        f = _fold_char(c)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


def query_form(text: str) -> str:
    """The search form of a user's query term: traditional → simplified (OpenCC t2s), then fold()."""
    from planscope.ingest.script import to_simplified

    return fold(to_simplified(text)) if text else ""
