"""Document metadata: title, issuing region, level, kind, period, script. (First version: stub.)"""

from __future__ import annotations

from planscope.ingest import SourceText
from planscope.model import DocumentKind, DocumentMeta


def detect_metadata(src: SourceText) -> DocumentMeta:
    return DocumentMeta(title=None, region=None, kind=DocumentKind.OTHER, period=None, script=src.script)
