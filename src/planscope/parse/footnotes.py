"""Glossary footnotes: superscript marks in the body (¹⁴³) linked to their definitions.

Plans put the definitions in a 名词解释 / 注释 appendix, one per paragraph, each opening with its mark
(¹⁴³ 服务型制造：…), sometimes wrapped over several lines. A mark is a run of superscript digits; in the body it
is linked only when a definition with that number exists (so m² is not a footnote), and a run that is two
adjacent marks (¹²¹³) is split when the whole is not defined but both halves are.
"""

from __future__ import annotations

import re

from planscope.ingest import SourceText
from planscope.model import Footnote, Span
from planscope.parse.outline_lines import SUPERSCRIPTS, classify, continues, norm
from planscope.parse.outline_toc import toc_lines

_TO_ASCII = str.maketrans(SUPERSCRIPTS, "0123456789")
_RUN = re.compile(f"[{SUPERSCRIPTS}]+")
_DEFINITION = re.compile(f"^([{SUPERSCRIPTS}]+)\\s*(\\S.*)$")
_MARK_FIRST = frozenset(SUPERSCRIPTS)


def _definitions(lines: list[str]) -> dict[str, Footnote]:
    defs: dict[str, Footnote] = {}
    i = 0
    while i < len(lines):
        first = lines[i][:1]
        if first not in _MARK_FIRST and not first.isspace():  # cheap: a definition opens with its mark
            i += 1
            continue
        m = _DEFINITION.match(norm(lines[i]))
        if not m:
            i += 1
            continue
        mark, text = m.group(1).translate(_TO_ASCII), m.group(2)
        end, prev = i, lines[i]
        j = i + 1
        while j < len(lines):  # continuation lines of a wrapped definition
            s = norm(lines[j])
            if not s:
                j += 1
                continue
            if _DEFINITION.match(s) or classify(lines[j]) is not None or not continues(prev, lines[j]):
                break
            text += s
            end, prev = j, lines[j]
            j += 1
        if mark not in defs:
            defs[mark] = Footnote(mark=mark, text=text, span=Span(i + 1, end + 1))
        i = end + 1
    return defs


def _marks_in(run: str, defined: dict[str, Footnote]) -> list[str]:
    mark = run.translate(_TO_ASCII)
    if mark in defined:
        return [mark]
    for k in range(1, len(mark)):
        a, b = mark[:k], mark[k:]
        if a in defined and b in defined and not b.startswith("0"):
            return [a, b]
    return []


def parse_footnotes(src: SourceText) -> list[Footnote]:
    lines = src.lines
    defs = _definitions(lines)
    if not defs:
        return []
    definition_lines = {n for f in defs.values() for n in range(f.span.line_start, f.span.line_end + 1)}
    skip = toc_lines(lines) | definition_lines
    for n, s in enumerate(lines, 1):
        if n in skip:
            continue
        for m in _RUN.finditer(s):
            for mark in _marks_in(m.group(), defs):
                uses = defs[mark].uses
                if not uses or uses[-1] != n:
                    uses.append(n)
    return sorted(defs.values(), key=lambda f: (f.span.line_start, int(f.mark)))
