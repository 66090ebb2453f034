"""Outline: 篇/章/节/一、/（一）, 专栏 boxes, 附件, 注 blocks, and glossary footnotes. (First version: stub.)"""

from __future__ import annotations

from planscope.ingest import SourceText
from planscope.model import Footnote, Heading


def parse_outline(src: SourceText) -> list[Heading]:
    return []


def parse_footnotes(src: SourceText) -> list[Footnote]:
    return []
