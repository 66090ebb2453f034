"""Joining hard-wrapped lines (PDF text) back into paragraphs, with a map back to each line."""

from __future__ import annotations

import re

from planscope.ingest.source import Paragraph, SourceText

# A line that starts one of these never continues the line before it.
_HEADING_START = re.compile(
    r"^\s*(第[一二三四五六七八九十百零〇\d]+[篇章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|"
    r"专栏|附件|附表|注[:：]|\d+[.、．]\s*\S)"
)
_SENTENCE_END = tuple("。！？；：”」』）)")


def _width(src: SourceText) -> int:
    lens = sorted(len(s.strip()) for s in src.lines if len(s.strip()) > 8)
    return lens[int(len(lens) * 0.8)] if lens else 0


def join_paragraphs(src: SourceText) -> list[Paragraph]:
    out: list[Paragraph] = []
    if not src.wrapped:
        for n, s in src.numbered():
            text = s.strip()
            out.append(Paragraph(text, [n], [0]))
        return out
    width = _width(src)
    cur: Paragraph | None = None
    for n, s in src.numbered():
        text = s.strip()
        if cur is not None:
            prev = cur.text
            prev_line_len = len(src.lines[cur.line_numbers[-1] - 1].strip())
            continues = (
                not prev.endswith(_SENTENCE_END)
                and not _HEADING_START.match(text)
                and prev_line_len >= width * 0.8
            )
            if continues:
                cur.line_numbers.append(n)
                cur.starts.append(len(prev))
                cur.text = prev + text
                continue
            out.append(cur)
        cur = Paragraph(text, [n], [0])
    if cur is not None:
        out.append(cur)
    return out
