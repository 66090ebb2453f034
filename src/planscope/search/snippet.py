"""Highlighted snippets: the stored text around the first match, HTML-escaped, matches wrapped in <mark>.

Matching is done in the search form (normalize.fold) and mapped back to the stored text character by
character, so a match across PDF spaces (研发 经费) or in full-width characters (５Ｇ) is highlighted as printed.
The text is escaped before marks are added: a snippet is safe to put into a page as it is.
"""

from __future__ import annotations

import html

from planscope.search.normalize import fold_with_map

WIDTH = 120  # characters of stored text in a snippet
ELLIPSIS = "…"


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Character ranges [start, end) of `text` where any of the (search-form) terms occurs, merged, in order."""
    folded, where = fold_with_map(text)
    spans: list[tuple[int, int]] = []
    for t in terms:
        if not t:
            continue
        i = folded.find(t)
        while i >= 0:
            spans.append((where[i], where[i + len(t) - 1] + 1))
            i = folded.find(t, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _window(n: int, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The `width`-character window holding the most matches, starting a little before the first of them."""
    if n <= width:
        return 0, n
    if not spans:
        return 0, width
    best, best_count = spans[0][0], -1
    for a, _ in spans:
        start = max(0, min(a - width // 5, n - width))
        count = sum(1 for x, y in spans if x >= start and y <= start + width)
        if count > best_count:
            best, best_count = start, count
    return best, best + width


def highlight(text: str, terms: list[str], width: int = WIDTH, mark: tuple[str, str] = ("<mark>", "</mark>")) -> str:
    """The snippet of `text` for `terms`: escaped HTML with each match in <mark>…</mark>, … where cut."""
    spans = match_spans(text, terms)
    start, end = _window(len(text), spans, width)
    out = [ELLIPSIS] if start > 0 else []
    pos = start
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        out += [html.escape(text[pos:a]), mark[0], html.escape(text[a:b]), mark[1]]
        pos = b
    out.append(html.escape(text[pos:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out)
