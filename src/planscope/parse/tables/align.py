"""Assign cells to columns by content: a small dynamic programme shared by every layout.

Cells keep their order, but any column may be missing (an empty cell dropped by a scraper, a row shifted
left) and, in stream layouts, one cell may be spread over several pieces (a PDF wrap). Each choice is scored
with the content tests of `content.py`; the best-scoring assignment wins, so position is only a tie-breaker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from planscope.parse.tables.content import (
    balanced,
    is_attribute,
    is_empty_mark,
    is_text,
    is_unit,
    seq_number,
    squash,
    value_score,
)
from planscope.parse.tables.header import Column

NEG = float("-inf")
MAX_PIECES = 16  # one cell never wraps over more lines than this


@dataclass
class Piece:
    """A cell or a fragment of one: clean text, the text as printed, and its 1-based source line."""

    text: str
    raw: str
    line: int


@lru_cache(maxsize=8192)  # the alignment DP scores the same (text, role) pair many times; pure in both
def cell_score(text: str, role: str) -> float:
    """Gain for putting `text` in a column of `role`; -inf when it cannot belong there."""
    s = squash(text)
    if not s:
        return 0.0
    if role == "seq":
        return 3.0 if seq_number(s) is not None else NEG
    if role == "attribute":
        return 4.0 if is_attribute(s) else NEG
    if role == "unit":
        return 3.0 if is_unit(s) else 0.5 if is_empty_mark(s) else NEG  # — for an indicator without a unit
    if role in ("name", "sub"):
        return 3.0 if is_text(s) and balanced(s) else NEG
    if role == "category":
        return 3.5 if is_text(s) and balanced(s) else NEG
    if role in ("base", "target", "actual", "growth"):
        v = value_score(s)
        return v if v > 0 else NEG
    if role in ("status", "remark"):
        return 1.0 if not is_attribute(s) else NEG
    return 0.0  # extra


def align(pieces: list[Piece], cols: list[Column], skip_cost: Callable[[int], float], merge: bool,
          merge_penalty: float = 0.2, need_name: bool = True) -> list[list[Piece]] | None:
    """Best assignment of `pieces` (in order) to `cols` (in order): one list of pieces per column (maybe
    empty). Empty pieces may be dropped at a cost of 1. `merge`: several consecutive pieces may form one cell.
    Returns None when no assignment is valid (e.g. a piece fits no column)."""
    n, m = len(pieces), len(cols)
    name_cols = {j for j, c in enumerate(cols) if c.role == "name"}
    # best[i][j][h]: best score having placed i pieces into the first j columns; h = a name was placed
    best = [[[NEG, NEG] for _ in range(m + 1)] for _ in range(n + 1)]
    back: dict[tuple[int, int, int], tuple[int, int, int, str]] = {}
    best[0][0][0] = 0.0
    span = MAX_PIECES if merge else 1
    # joined[i][k - i - 1]: the text of pieces i..k-1, joined once here rather than for every column and state
    joined = [[_join(pieces[i:k]) for k in range(i + 1, min(n, i + span) + 1)] for i in range(n)]
    empty = [not squash(p.text) for p in pieces]
    skips = [skip_cost(j) for j in range(m)]
    takes: dict[tuple[int, str], list[tuple[int, float, bool]]] = {}  # (i, role) -> (k, gain, text not empty)
    for i in range(n + 1):
        for j in range(m + 1):
            for h in (0, 1):
                cur = best[i][j][h]
                if cur == NEG:
                    continue
                if j < m:  # column j gets nothing
                    _relax(best, back, (i, j + 1, h), cur - skips[j], (i, j, h, "skip"))
                if i < n and empty[i]:  # drop an empty cell
                    _relax(best, back, (i + 1, j, h), cur - 1.0, (i, j, h, "drop"))
                if i < n and j < m:
                    role = cols[j].role
                    options = takes.get((i, role))
                    if options is None:  # the same for every column of this role and every state: scored once
                        options = takes[(i, role)] = _options(joined[i], i, role)
                    named = j in name_cols
                    for k, gain, filled in options:
                        hh = 1 if (h or (named and filled)) else 0
                        score = cur + gain - merge_penalty * (k - i - 1)
                        _relax(best, back, (k, j + 1, hh), score, (i, j, h, "take"))
    h_end = 1 if need_name or best[n][m][1] >= best[n][m][0] else 0
    if best[n][m][h_end] == NEG:
        return None
    out: list[list[Piece]] = [[] for _ in range(m)]
    state = (n, m, h_end)
    while state != (0, 0, 0):
        i0, j0, h0, how = back[state]
        if how == "take":
            out[j0] = pieces[i0:state[0]]
        state = (i0, j0, h0)
    return out


def _options(texts: list[str], i: int, role: str) -> list[tuple[int, float, bool]]:
    """(end piece k, gain, text not empty) of every cell starting at piece i that may go in a column of `role`."""
    out = []
    for k, text in enumerate(texts, i + 1):
        gain = cell_score(text, role)
        if gain != NEG:
            out.append((k, gain, bool(squash(text))))
    return out


def _relax(best, back, key, score, frm) -> None:
    i, j, h = key
    if score > best[i][j][h] + 1e-9:
        best[i][j][h] = score
        back[key] = frm


def _join(pieces: list[Piece]) -> str:
    return "".join(p.text for p in pieces)


def join_raw(pieces: list[Piece]) -> str:
    """A cell as printed: pieces on one line joined by a space, line breaks joined with nothing."""
    out = ""
    for k, p in enumerate(pieces):
        if k and p.line == pieces[k - 1].line:
            out += " "
        out += p.raw.strip()
    return out
