"""Finding a table of contents, so none of its lines becomes an outline entry.

Ingest may already have blanked TOC lines; this is the parser's own guard. Two signals, either suffices:
- a 目录 line followed by a run of heading-like lines, page numbers, dot leaders and wrapped entries;
- a run of heading lines with no body text between them that holds two chapters (in the body, a chapter is
  always followed by text before the next chapter) or several entries ending in page numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from planscope.parse.outline_lines import HEAD_FIRST, LineHead, classify, has_page_tail, norm, strip_page_tail

_TOC_MARK = re.compile(r"^目\s*录$")
_LEADERS_ONLY = re.compile(r"^[\s.…·—-]*\d{0,3}$")


def _head(t: str) -> LineHead | None:
    """The heading a normed line is, its page number dropped. Stripping the tail keeps the first character, so
    a line that cannot start a heading is answered without it (most lines)."""
    return classify(strip_page_tail(t)) if t[:1] in HEAD_FIRST else None


def _entry(line: str) -> bool:
    """A line that can stand in a TOC: a heading (possibly with its page number), or a page-numbered line."""
    s = norm(line)
    return has_page_tail(s) or _head(s) is not None


def _marked(lines: list[str]) -> set[int]:
    out: set[int] = set()
    n = len(lines)
    for i, s in enumerate(lines):
        if "目" not in s or not _TOC_MARK.match(norm(s)):  # 'in' first: most lines hold no 目
            continue
        out.add(i + 1)
        last: dict[str, int] = {}
        paged, last_entry = 0, i
        j = i + 1
        while j < n:
            t = norm(lines[j])
            if not t or _LEADERS_ONLY.match(t):
                out.add(j + 1)
                j += 1
                continue
            head = _head(t)
            if head and head.kind in ("chapter", "part") and head.value is not None:
                # Numbering starting again means the body has begun.
                if head.kind in last and head.value <= last[head.kind]:
                    break
                last[head.kind] = head.value
                if head.kind == "part":
                    last.pop("chapter", None)  # some plans number chapters afresh in each 篇
            if _entry(t):
                out.add(j + 1)
                paged += has_page_tail(t)
                last_entry = j
                j += 1
                continue
            # A TOC entry wrapped onto a second line: short, no sentence, and the TOC goes on after it.
            k = j + 1
            while k < n and not norm(lines[k]):
                k += 1
            if len(t) <= 40 and not re.search(r"[。；：:]", t) and k < n and _entry(lines[k]):
                out.add(j + 1)
                j += 1
                continue
            # Body text: in a TOC whose entries carry page numbers, a heading without one right before it is the
            # body's first heading (前言 after the TOC), not an entry.
            t = norm(lines[last_entry])
            if paged >= 3 and not has_page_tail(t) and _head(t) is not None:
                out.difference_update(range(last_entry + 1, j + 1))
            break
    return out


def _runs(lines: list[str]) -> set[int]:
    out: set[int] = set()
    run: list[int] = []
    last: dict[str, int] = {}

    def close() -> None:
        if len(run) < 3:  # cheap exit: too short to be a TOC, whatever it holds
            return
        heads = [_head(norm(lines[k - 1])) for k in run]
        kinds = Counter(h.kind for h in heads if h)
        chapters = max(kinds["chapter"], kinds["part"])  # 第二篇 then its 第三章 may well be adjacent
        paged = sum(1 for k in run if has_page_tail(norm(lines[k - 1])))
        if len(run) >= 3 and (chapters >= 2 or paged >= 3):
            out.update(run)

    for i, s in enumerate(lines, 1):
        first = s[:1]
        if first and first not in HEAD_FIRST and not first.isspace():  # cheap: most lines, not a heading
            close()
            run, last = [], {}
            continue
        t = norm(s)
        if not t:
            continue
        head = _head(t)
        if head and head.kind in ("part", "chapter", "section", "appendix", "box"):
            if head.kind in ("part", "chapter") and head.value is not None:
                if head.value <= last.get(head.kind, 0):  # numbering restarts: the TOC ended, the body began
                    close()
                    run, last = [], {}
                last[head.kind] = head.value
                if head.kind == "part":
                    last.pop("chapter", None)  # chapters numbered afresh in each 篇
            run.append(i)
            continue
        close()
        run, last = [], {}
    close()
    return out


def toc_lines(lines: list[str]) -> set[int]:
    """1-based numbers of the lines that belong to a table of contents."""
    return set(_toc_lines(tuple(lines)))


@lru_cache(maxsize=2)  # the outline and the footnotes both ask, for the same lines
def _toc_lines(lines: tuple[str, ...]) -> frozenset[int]:
    return frozenset(_marked(list(lines)) | _runs(list(lines)))
