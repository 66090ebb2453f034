"""Page-number lines left by PDF extraction.

Decorated forms ('— 12 —', '- 12 -', '第 12 页', 'Page 12') are always page numbers. A bare integer line is
one only in hard-wrapped PDF text and only when it fits a page sequence: numbers rising through the document
at a plausible, steady number of lines per page. (In tables a lone number is usually a real cell, e.g. a
row's 序号, and those rise too, but a few lines apart, not a page apart.)
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

_DECORATED = re.compile(
    r"^(?:[-—–－~〜]{1,2}\s*(\d{1,4})\s*[-—–－~〜]{1,2}"
    r"|第\s*(\d{1,4})\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|[Pp]age\s*(\d{1,4})(?:\s*of\s*\d{1,4})?)$"
)
_BARE = re.compile(r"^(\d{1,4})$")
_MIN_LINES_PER_PAGE = 20
_MAX_LINES_PER_PAGE = 400


def is_page_number_text(s: str) -> bool:
    """A decorated page number: '— 12 —', '- 12 -', '第 12 页', 'Page 12'."""
    return bool(_DECORATED.match(s.strip()))


def _candidates(lines: list[str], wrapped: bool) -> list[tuple[int, int, bool]]:
    out = []
    for i, s in enumerate(lines):
        t = s.strip()
        if len(t) > 20:
            continue
        m = _DECORATED.match(t)
        if m:
            out.append((i, int(next(g for g in m.groups() if g)), True))
        elif wrapped:
            m = _BARE.match(t)
            if m:
                out.append((i, int(m.group(1)), False))
    return out


def _chain(cands: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Best chain of candidates with rising page numbers a plausible number of lines apart; decorated
    ones weigh far more, so the chain is built around them."""
    n = len(cands)
    best = [0] * n
    prev = [-1] * n
    for j in range(n):
        lj, pj, cj = cands[j]
        best[j] = 1000 if cj else 1
        for i in range(j):
            li, pi, _ = cands[i]
            dp = pj - pi
            if dp > 0 and _MIN_LINES_PER_PAGE * dp <= lj - li <= _MAX_LINES_PER_PAGE * dp:
                w = best[i] + (1000 if cj else 1)
                if w > best[j]:
                    best[j], prev[j] = w, i
    if not n:
        return []
    k = max(range(n), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append(cands[k])
        k = prev[k]
    return chain[::-1]


def find_page_numbers(lines: list[str], wrapped: bool) -> list[int]:
    """0-based indices of page-number lines."""
    cands = _candidates(lines, wrapped)
    out = {i for i, _, certain in cands if certain}
    if not wrapped:
        return sorted(out)
    chain = _chain(cands)
    if len(chain) < 3:
        return sorted(out)
    rates = [(b[0] - a[0]) / (b[1] - a[1]) for a, b in pairwise(chain)]
    per_page = median(rates)
    for k, (i, _, certain) in enumerate(chain):
        if certain:
            continue
        # Both links of a bare number must look like ordinary pages, not a jump across half the document.
        links = [rates[k - 1]] if k > 0 else []
        links += [rates[k]] if k < len(rates) else []
        if all(0.5 * per_page <= r <= 1.6 * per_page for r in links):
            out.add(i)
    return sorted(out)
