"""`SourceText`: what every reader produces and every parser consumes.

The design keeps line numbers honest: `lines[i]` is the cleaned, simplified text of line i+1 of the file as
given (for PDF, DOCX and HTML: of the text rendering the reader made, see `rendering`). Cleaning never
adds or removes lines; a removed line (web junk, a page number, the table of contents) becomes "" and is
recorded in `removed` with the reason, so nothing disappears silently and every offset maps back.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Removal:
    line: int  # 1-based
    reason: str  # web_junk | page_number | toc | ...
    text: str


@dataclass
class Paragraph:
    """Running text joined across wrapped lines; `starts[k]` is the text offset where `line_numbers[k]` begins."""

    text: str
    line_numbers: list[int]
    starts: list[int]

    def line_at(self, offset: int) -> int:
        """The 1-based source line holding character `offset` of this paragraph."""
        return self.line_numbers[max(0, bisect_right(self.starts, offset) - 1)]

    @property
    def line_start(self) -> int:
        return self.line_numbers[0]

    @property
    def line_end(self) -> int:
        return self.line_numbers[-1]


@dataclass
class SourceText:
    name: str  # file name as given
    format: str  # txt | html | pdf | docx
    encoding: str | None  # detected text encoding (None for binary formats)
    script: str  # simplified | traditional (of the original)
    original_lines: list[str]  # the text as read, one entry per line (after decoding)
    lines: list[str]  # cleaned + simplified, same length as original_lines
    removed: list[Removal] = field(default_factory=list)
    wrapped: bool = False  # body text is hard-wrapped (PDF text): paragraphs() joins continued lines
    rendering: str | None = None  # for pdf/docx/html: the text rendering `original_lines` numbers
    col_maps: dict[int, list[int]] = field(default_factory=dict)  # line -> clean col -> original col, when not 1:1
    # paragraphs() computed once: several parsers ask for it. Keyed by a copy of `lines` and `wrapped`, so a caller
    # that edits the lines after cleaning still gets fresh paragraphs.
    _para_cache: tuple[bool, list[str], list[Paragraph]] | None = field(default=None, init=False, repr=False,
                                                                         compare=False)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, n: int) -> str:
        """Clean text of 1-based line n."""
        return self.lines[n - 1]

    def original(self, n: int) -> str:
        return self.original_lines[n - 1]

    def original_col(self, line: int, col: int) -> int:
        """Column in the original line for column `col` of the clean line (t2s can change lengths)."""
        m = self.col_maps.get(line)
        return m[col] if m and col < len(m) else col

    def numbered(self) -> list[tuple[int, str]]:
        """(line number, clean text) for every non-empty line."""
        return [(i + 1, s) for i, s in enumerate(self.lines) if s.strip()]

    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs of running text. Unwrapped sources: one per non-empty line. Wrapped sources (PDF text):
        a line continues the previous one when the previous did not end a sentence and this one does not start
        a heading; blank lines between wrapped lines do not break a paragraph."""
        from planscope.ingest.wrap import join_paragraphs  # local: wrap rules live in their own module

        c = self._para_cache
        if c is None or c[0] != self.wrapped or c[1] != self.lines:
            c = self._para_cache = (self.wrapped, list(self.lines), join_paragraphs(self))
        return list(c[2])
