"""Clean text in, domain facts out. Each fact carries its `Span`."""

from planscope.parse.extract import extract, extract_source

__all__ = ["extract", "extract_source"]
