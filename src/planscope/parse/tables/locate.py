"""Finding indicator tables: their header, title, kind, layout and where their body ends.

A table is anchored on its header (类别/序号/指标/单位/…年目标值/属性), found as one tab-separated line or as
header fragments over consecutive lines; the title is the short labelled line just above (专栏2 …, 附件1 …).
Tables whose header is not an indicator header (重大项目: 项目名称, 总投资 …) are never anchored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planscope.ingest import SourceText
from planscope.parse.tables.content import squash
from planscope.parse.tables.header import (
    Column,
    classify,
    header_continuation,
    header_labels,
    header_strength,
    is_indicator_header,
    may_be_labels,
    merge_header_rows,
    sub_header,
)

_LABEL = re.compile(r"^(?:专栏|附件|附表|附录|表)\s*[\d一二三四五六七八九十]*")
_HEADING = re.compile(r"^(?:第[一二三四五六七八九十百零\d]+[篇章节]|专栏\s*\d|附件\s*\d|附表\s*\d"
                      r"|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_NOTES = re.compile(r"^注\s*[:：]")
_UNITS_LINE = re.compile(r"^[(（]?\s*(?:计量)?单位\s*[:：]")  # （单位：亿元、%） between a title and its header
# A row of a tab table holding only a numbered group name (一、经济发展), the other cells empty: a category
# printed across the table rather than in a column of its own
_GROUP_ROW = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])"
                        r"\s*(\S[^\t]{0,20}?)\s*(?:\t\s*)*$")
_SENTENCE_END = ("。", "；", "，", "：", "！", "？")


@dataclass
class Block:
    """One indicator table as located: the parsers fill in rows from `body`."""

    title: str | None
    title_line: int | None
    header_lines: list[int]
    columns: list[Column]
    layout: str  # tsv | wrapped | cells
    body: list[int] = field(default_factory=list)  # 1-based lines between header and notes
    kind: str = "main"

    @property
    def completion(self) -> bool:
        return self.kind == "completion"


def is_heading(text: str) -> bool:
    return bool(_HEADING.match(text.strip()))


def is_notes_start(text: str) -> bool:
    return bool(_NOTES.match(text.strip()))


def _group_line(src: SourceText, n: int) -> bool:
    """Line n (0-based) of a stream table names a group of rows (一、经济发展) when it is short and the next
    non-blank line starts a numbered row."""
    if not _GROUP_ROW.match(src.lines[n]) or len(squash(src.lines[n])) > 16:
        return False
    nxt = next((t for t in src.lines[n + 1:n + 4] if t.strip()), "")
    return _is_seq_line(nxt)


# The same group name on a line without TABs (a merged row copied out of a word processor keeps none), numbered
# or bare (经济发展), recognised by the numbered tab row that follows it
_BARE_GROUP = re.compile(r"^\s*([\u4e00-\u9fff]{2,10})\s*$")
_SEQ_TAB_ROW = re.compile(r"^\s*(?:\t\s*)?\d{1,3}\s*\t")


def group_row(line: str, nxt: str = "") -> str | None:
    """The category named by a tab-table row that spans the table (一、经济发展 and empty cells), or by a line of
    its own followed (`nxt`) by a numbered row; else None."""
    if "\t" in line:
        m = _GROUP_ROW.match(line)
    elif _SEQ_TAB_ROW.match(nxt):
        m = _GROUP_ROW.match(line) or _BARE_GROUP.match(line)
    else:
        m = None
    return squash(m.group(1)) if m else None


def _next_text(src: SourceText, n: int) -> str:
    """The next non-blank line after line n (0-based), or ""."""
    return next((t for t in src.lines[n + 1:n + 4] if t.strip()), "")


def find_blocks(src: SourceText) -> list[Block]:
    lines = src.lines
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        found = _header_at(src, i)
        if found is None:
            i += 1
            continue
        header_lines, labels, tsv = found
        title, title_line = _title_before(lines, i)
        if title and "项目" in title:  # a project table (重大项目) is not an indicator table
            i = header_lines[-1]
            continue
        completion = bool(title and re.search(r"完成情况|实现情况|实施情况|完成表", title))
        cols = classify(labels, completion, merge=not tsv)
        if not is_indicator_header(cols):
            i = header_lines[-1]
            continue
        kind = "completion" if completion or _reports_result_only(cols) else (
            "appendix" if title and re.match(r"附件|附表|附录", title) and "主要指标" not in title else "main")
        block = Block(title, title_line, header_lines, cols, "tsv" if tsv else "cells", kind=kind)
        block.body = _body(src, header_lines[-1], tsv)
        if not tsv:
            block.layout = _stream_layout(src, block.body)
        blocks.append(block)
        i = max([header_lines[-1], *block.body])
    return blocks


def _reports_result_only(cols: list[Column]) -> bool:
    """A table with an actual column reports a finished plan, unless it also sets targets for a later plan
    period (a 十四五 table giving 2020年目标/2020年完成 beside 2025年目标): that is the new plan's main table.
    An annual report's next-year target (2023年完成, 2024年目标) is one year on, not a later period."""
    actual = [c.year for c in cols if c.role == "actual" and c.year]
    if len(actual) < sum(c.role == "actual" for c in cols) or not actual:
        return any(c.role == "actual" for c in cols)
    return not any(c.role == "target" and c.year and c.year - max(actual) >= 3 for c in cols)


def _header_at(src: SourceText, i: int) -> tuple[list[int], list[str], bool] | None:
    """(header lines, labels, is_tsv) when a header starts at 0-based line i."""
    line = src.lines[i]
    # a line without tabs is a header only if header_labels takes it (below): most prose lines fail the cheap
    # may_be_labels test and are never normalised
    if not line.strip() or ("\t" not in line and not may_be_labels(line)) or header_strength(line) < 1:
        return None
    if "\t" in line:
        cells = line.split("\t")
        if header_strength(line) >= 3 and all(header_labels(c) is not None or not squash(c) for c in cells):
            top = [squash(c) for c in cells]
            j = next((k for k in range(i + 1, min(i + 3, len(src.lines))) if src.lines[k].strip()), None)
            if j is not None and (bottom := sub_header(top, src.lines[j])) is not None:
                return [i + 1, j + 1], merge_header_rows(top, bottom), True
            if j is not None and (whole := header_continuation(top, src.lines[j])) is not None:
                return [i + 1, j + 1], whole, True
            return [i + 1], top, True
        return None
    if header_labels(line) is None:
        return None
    taken, labels, j, blanks = [], [], i, 0
    while j < len(src.lines) and blanks <= 2:
        text = src.lines[j]
        if not text.strip():
            blanks += 1
        elif (labs := header_labels(text)) is not None and not re.fullmatch(r"\d+", squash(text)):
            taken.append(j + 1)
            labels.extend(labs)
            blanks = 0
        else:
            break
        j += 1
    if header_strength("".join(src.lines[n - 1] for n in taken)) < 3 or len(labels) < 3:
        return None
    return taken, labels, False


def _title_before(lines: list[str], i: int) -> tuple[str | None, int | None]:
    """The table title: up to three short lines above the header, ending at a labelled one (专栏1, 附件2)."""
    parts: list[tuple[int, str]] = []
    j = i - 1
    while j >= 0 and len(parts) < 3 and i - j <= 8:
        text = lines[j].strip()
        j -= 1
        if not text:
            continue
        if len(squash(text)) > 45 or text.endswith(_SENTENCE_END) or (is_heading(text) and not _LABEL.match(text)):
            break
        if _UNITS_LINE.match(text):  # not part of the title
            continue
        parts.insert(0, (j + 2, text))
        if _LABEL.match(text):
            break
    if not parts:
        return None, None
    if not _LABEL.match(parts[0][1]):
        parts = [p for p in parts if "指标" in squash(p[1])][-1:]
        if not parts:
            return None, None
    title = parts[0][1] if len(parts) == 1 else re.sub(r"\s+", "", parts[0][1]) + " " + "".join(
        squash(t) for _, t in parts[1:])
    return title.strip(), parts[0][0]


def _body(src: SourceText, last_header: int, tsv: bool) -> list[int]:
    """Body lines after the header, up to notes, a heading or running text."""
    body: list[int] = []
    n = last_header  # 0-based index of the line after the header
    while n < len(src.lines):
        text = src.lines[n]
        if text.strip():
            grouped = group_row(text, _next_text(src, n)) if tsv else _group_line(src, n)
            if is_notes_start(text) or (is_heading(text) and not _is_seq_line(text) and not grouped):
                break
            if tsv and "\t" not in text and not grouped:
                break
            if not tsv and len(squash(text)) > 45:
                break
            body.append(n + 1)
        n += 1
    return body


def _is_seq_line(text: str) -> bool:
    return bool(re.match(r"^\s*\d{1,3}(?:\s|$)", text))


# a row's number and then its name, apart or glued with a dot (1 地区生产总值, 1.地区生产总值)
_ROW_START = re.compile(r"^\s*\d{1,3}(?:\s+\S|[.．、][\u4e00-\u9fff])")


def _stream_layout(src: SourceText, body: list[int]) -> str:
    """PDF text puts several cells on a line ("1 地区生产总值年均增速 % 3 6左右 预期性"); a flattened HTML table
    puts one cell on each line."""
    multi = sum(1 for n in body if _ROW_START.match(src.lines[n - 1]))
    return "wrapped" if multi >= 2 else "cells"


def table_end(src: SourceText, block: Block, notes_end: int | None) -> int:
    ends = [*block.header_lines, *block.body]
    if notes_end:
        ends.append(notes_end)
    return max(ends)
