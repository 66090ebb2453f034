"""Bytes in, one clean `SourceText` out. Nothing here knows about plans."""

from planscope.ingest.errors import IngestError
from planscope.ingest.readers import SUPPORTED_SUFFIXES, read_document
from planscope.ingest.source import Paragraph, Removal, SourceText

__all__ = ["SUPPORTED_SUFFIXES", "IngestError", "Paragraph", "Removal", "SourceText", "read_document"]
