"""Quantities stated in prose: targets a document sets and observations it reports. (First version: stub.)"""

from __future__ import annotations

from planscope.ingest import SourceText
from planscope.model import DocumentMeta, Figure


def extract_figures(src: SourceText, meta: DocumentMeta) -> tuple[list[Figure], list[Figure]]:
    return [], []
