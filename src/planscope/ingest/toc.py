"""The table of contents: it repeats every chapter title, so left in place it would be read as the body.

A TOC is (a) the block after a '目录' line, or (b) a run of heading lines ending in a page reference (dot
leaders or a tab, then a number). The block runs over blank lines, headings, page references and leader
continuations, and ends at the first line of running text or when a chapter number it already listed
comes round again (the body restarting with 第一章).
"""

from __future__ import annotations

import re

_TOC_HEAD = re.compile(r"^目\s*[录錄次]$")
_NUM = r"[一二三四五六七八九十百零〇两\d]+"
_ENTRY = re.compile(
    rf"^(第{_NUM}[篇章节部分]|{_NUM}[、.．]|[（(]{_NUM}[)）]|附件\s*{_NUM}|附表\s*{_NUM}|附\s*\d+|附\s*录|专栏|"
    r"前\s*言|序\s*言|引\s*言|结\s*束?语|后\s*记|名词解释|总\s*则|附\s*则)"
)
_CHAPTER = re.compile(rf"^第({_NUM})[篇章部]")
_OPENING = re.compile(r"^(?:前言|序言|引言)$")
_STRONG_ENTRY = re.compile(rf"^(第{_NUM}[篇章节部分]|附件|附表)")
_OPENERS = frozenset("目第附")
_DOTS = r"(?:\.{2,}|(?:\.\s){3,}|…+|·{3,}|-{4,})"
_LEADER = rf"(?:{_DOTS}|\s*\t)"
_PAGE_REF = re.compile(rf"{_LEADER}\s*\d{{1,4}}\s*$")
_LEADER_ONLY = re.compile(rf"^{_LEADER}?\s*\d{{0,4}}$|^{_DOTS}\s*$")
_TRAILING_LEADER = re.compile(rf"(?:{_DOTS}|\t)\s*$")
_SENTENCE_END = re.compile(r"[。！？；]$")


def _is_entry(s: str) -> bool:
    """A line that can belong to a TOC: a heading (short, not a sentence), a page reference, or a leader."""
    if _PAGE_REF.search(s) or _LEADER_ONLY.match(s.strip()):
        return True
    t = s.strip()
    if _TRAILING_LEADER.search(s) and _ENTRY.match(t):
        return True
    return bool(_ENTRY.match(t)) and len(t) <= 60 and not _SENTENCE_END.search(t)


def _consume(lines: list[str], start: int) -> list[int]:
    """Indices of the TOC block whose first entry is at `start`."""
    taken: list[int] = []
    chapters: set[str] = set()
    listed: set[str] = set()  # entries printed with a page reference
    i = start
    while i < len(lines):
        s = lines[i]
        t = s.strip()
        if not t:
            i += 1
            continue
        if not _is_entry(s):
            break
        key = re.sub(r"\s+", "", _PAGE_REF.sub("", t))
        if _PAGE_REF.search(s):
            listed.add(key)
        elif key in listed or (taken and _OPENING.match(key)):
            # the body restarts with a line the TOC listed without its page number; a preface opens a TOC, so
            # one after entries is the body's (序    言 in the TOC, then again at the body's head)
            break
        m = _CHAPTER.match(t)
        if m:
            if m.group(1) in chapters:
                break  # the body restarts with a chapter the TOC already listed
            chapters.add(m.group(1))
        taken.append(i)
        i += 1
    return taken


def find_toc(lines: list[str]) -> list[int]:
    """0-based indices of TOC lines (the '目录' header included)."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        t = lines[i].strip()
        if t[:1] not in _OPENERS:  # cheap: most lines start neither a TOC header (目) nor a strong entry (第, 附)
            i += 1
            continue
        if _TOC_HEAD.match(t):
            block = _consume(lines, i + 1)
            if len(block) >= 2:
                out.add(i)
                out.update(block)
                i = block[-1] + 1
                continue
        elif _STRONG_ENTRY.match(t) and _PAGE_REF.search(lines[i]):
            # No header: at least three 第X章/节 lines with page references make it a TOC.
            block = _consume(lines, i)
            if sum(1 for k in block if _STRONG_ENTRY.match(lines[k].strip()) and _PAGE_REF.search(lines[k])) >= 3:
                out.update(block)
                i = block[-1] + 1
                continue
        i += 1
    return sorted(out)
