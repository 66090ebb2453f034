"""Bytes in, one clean `SourceText` out. Nothing here knows about plans.

`read_document(path)` reads .txt/.text, .html/.htm, .pdf and .docx; `build_source(name, fmt, lines)` runs the
same cleaning on lines you already have (handy in tests). Real tables are rendered one row per line with
TAB-separated cells, merged cells empty after their first row/column (see layout.py). Removal reasons:
'spam', 'web_junk', 'page_number', 'toc' (see clean.py).
"""

from planscope.ingest.clean import REASONS as REMOVAL_REASONS
from planscope.ingest.clean import build_source
from planscope.ingest.errors import IngestError
from planscope.ingest.readers import SUPPORTED_SUFFIXES, read_document
from planscope.ingest.source import Paragraph, Removal, SourceText

__all__ = ["REMOVAL_REASONS", "SUPPORTED_SUFFIXES", "IngestError", "Paragraph", "Removal", "SourceText",
           "build_source", "read_document"]
