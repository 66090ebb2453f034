"""Traditional → simplified conversion (OpenCC), with a column map when a line changes length."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

import opencc

_NOT_HAN = re.compile("[^\u4e00-\u9fff]")


def _mismatches(a: str, b: str, chunk: int = 256) -> int:
    """Positions where a and b differ, up to the shorter one; equal chunks (most of them) compared at C speed."""
    n = min(len(a), len(b))
    return sum(sum(map(str.__ne__, a[k:min(k + chunk, n)], b[k:min(k + chunk, n)]))
               for k in range(0, n, chunk) if a[k:min(k + chunk, n)] != b[k:min(k + chunk, n)])


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


def detect_script(text: str, sample: int = 20000) -> str:
    """'traditional' when converting to simplified changes a noticeable share of the characters."""
    head = text[:sample]
    han = len(head) - len(_NOT_HAN.findall(head))  # counting the fewer non-Han characters is faster
    if not han:
        return "simplified"
    simp = to_simplified(head)
    changed = _mismatches(head, simp)
    return "traditional" if changed / han > 0.03 else "simplified"


def column_map(original: str, converted: str) -> list[int] | None:
    """converted col -> original col, or None when the conversion kept every character in place."""
    if len(original) == len(converted):
        return None
    out = [0] * (len(converted) + 1)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, original, converted, autojunk=False).get_opcodes():
        for k in range(j1, j2):
            out[k] = i1 + min(k - j1, max(i2 - i1 - 1, 0)) if tag != "equal" else i1 + (k - j1)
    out[len(converted)] = len(original)
    return out
