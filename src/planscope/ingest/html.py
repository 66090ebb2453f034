"""HTML pages (.html/.htm): decode (meta charset, else detection), drop page chrome, render the body as text
lines: one line per block element, one line per table row (see layout.py). `rendering` is that text."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from planscope.ingest.clean import build_source
from planscope.ingest.encoding import decode_bytes
from planscope.ingest.errors import IngestError
from planscope.ingest.layout import SpanGrid, cell_text, render_row
from planscope.ingest.source import SourceText

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Page chrome and non-content elements: never part of the document.
_DROP = {"script", "style", "nav", "header", "footer", "noscript", "template", "iframe", "object", "embed",
         "svg", "canvas", "button", "select", "input", "textarea", "head", "map", "audio", "video"}
_BLOCK = {"p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
          "dl", "dt", "dd", "blockquote", "pre", "form", "fieldset", "figure", "figcaption", "address", "center",
          "hr", "body", "html", "caption", "details", "summary", "tbody", "thead", "tfoot"}
_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML whitespace only: NBSP is content (the cleaner normalises it)


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if text:
            self.lines.append(text)

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype, Declaration, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buf.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _DROP or _hidden(child):
                continue
            if name == "br":
                self.flush()
            elif name == "table" and _is_layout_table(child):
                # old government sites lay whole pages out in tables: read those as blocks, not as rows
                self.flush()
                self.walk(child)
                self.flush()
            elif name == "table":
                self.flush()
                self.table(child)
            elif name == "pre":
                self.flush()
                self.lines.extend(s.rstrip() for s in child.get_text().splitlines() if s.strip())
            elif name in _BLOCK or name in ("tr", "td", "th"):
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def table(self, table: Tag) -> None:
        caption = table.find("caption")
        if isinstance(caption, Tag):
            self.lines.append(cell_text(_cell_plain(caption)))
        grid = SpanGrid()
        for tr in _rows(table):
            cells = [(cell_text(_cell_plain(td)), _int_attr(td, "rowspan"), _int_attr(td, "colspan"))
                     for td in tr.find_all(["td", "th"], recursive=False)]
            line = render_row(grid.add_row(cells))
            if line:
                self.lines.append(line)


def _is_layout_table(table: Tag) -> bool:
    """A table used for page layout: its cells hold a nested table, long running text or many paragraphs."""
    for tr in _rows(table):
        for td in tr.find_all(["td", "th"], recursive=False):
            if td.find("table") is not None:
                return True
            if len(td.get_text(strip=True)) > 300 or len(td.find_all(["p", "div", "h1", "h2", "h3"])) >= 3:
                return True
    return False


def _rows(table: Tag) -> list[Tag]:
    """The table's own rows (inside thead/tbody/tfoot or direct), not those of nested tables."""
    out = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is table:
            out.append(tr)
    return out


def _cell_plain(cell: Tag) -> str:
    """Cell text with <br>/<p> breaks as newlines (joined later), dropped elements left out."""
    parts: list[str] = []
    for node in cell.descendants:
        if isinstance(node, Tag):
            if node.name in ("br", "p", "div", "li", "tr"):
                parts.append("\n")
            continue
        if isinstance(node, (Comment, Doctype, Declaration, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString) and not any(
            isinstance(p, Tag) and (p.name in _DROP or _hidden(p)) for p in node.parents if p is not cell
        ):
            parts.append(_SPACES.sub(" ", str(node)))
    return "".join(parts)


def _int_attr(tag: Tag, name: str) -> int:
    try:
        return max(1, min(int(str(tag.get(name, "1")).strip() or 1), 1000))
    except ValueError:
        return 1


def _hidden(tag: Tag) -> bool:
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return "display:none" in style or tag.has_attr("hidden")


def render_html(text: str) -> list[str]:
    soup = BeautifulSoup(text, "lxml")
    r = _Renderer()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    root = soup.body or soup
    r.walk(root)
    r.flush()
    # The <title> often is the only place the document's title is written; keep it unless the page repeats it.
    if title and not any(title in line or line in title for line in r.lines[:10] if len(line) >= 6):
        r.lines.insert(0, _SPACES.sub(" ", title))
    return r.lines


def read_html(path: Path) -> SourceText:
    data = path.read_bytes()
    text, enc = decode_bytes(data, str(path), declared=declared_charset(data))
    lines = render_html(text)
    if not any(s.strip() for s in lines):
        raise IngestError(str(path), "HTML page has no text")
    return build_source(path.name, "html", lines, encoding=enc, rendering="\n".join(lines))
