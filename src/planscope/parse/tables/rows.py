"""Row assembly: cells assigned to columns become `IndicatorRow`s, with merged cells filled from above.

Layout parsers produce one `Draft` per source row; `RowBuilder` carries what a merged (rowspan) cell leaves
empty: the category, the seq and attribute of a continuation row, the parent of sub-rows (城镇/农村 under
居民人均可支配收入), and, where empty cells are visible (tab layouts), a value shared by a continuation row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planscope.model import CellValue, IndicatorRow, Role, Span
from planscope.parse.tables.align import Piece, join_raw
from planscope.parse.tables.content import attribute_of, is_empty_mark, is_unit, seq_number, squash
from planscope.parse.tables.header import VALUE_ROLES, Column
from planscope.parse.values import parse_value

_UNIT_IN_NAME = re.compile(r"[(（]([^()（）]+)[)）]$")
# footnote marks on a name (地区生产总值①): circled and parenthesised digits, which NFKC would make plain digits
_NOTE_MARKS = re.compile("[\u2460-\u2487\u24eb-\u24ff\u2776-\u2793]")
_OF_WHICH = re.compile(r"^其中\s*[:：]?")  # 其中：农村居民人均可支配收入, a part of the row above
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])")  # 一、经济发展


@dataclass
class Draft:
    """One source row, its cells by column role (value columns keep their Column for role and year)."""

    category: list[Piece] = field(default_factory=list)
    seq: list[Piece] = field(default_factory=list)
    name: list[Piece] = field(default_factory=list)
    sub: list[Piece] = field(default_factory=list)
    unit: list[Piece] = field(default_factory=list)
    attribute: list[Piece] = field(default_factory=list)
    values: list[tuple[Column, list[Piece]]] = field(default_factory=list)
    lines: tuple[int, int] | None = None

    @classmethod
    def from_alignment(cls, cols: list[Column], cells: list[list[Piece]]) -> Draft:
        d = cls()
        for col, pieces in zip(cols, cells, strict=True):
            if not any(squash(p.text) for p in pieces):
                if col.role in VALUE_ROLES:
                    d.values.append((col, []))
                continue
            if col.role in VALUE_ROLES:
                d.values.append((col, pieces))
            elif col.role in ("category", "seq", "name", "sub", "unit", "attribute"):
                getattr(d, col.role).extend(pieces)
        return d

    def all_lines(self) -> list[int]:
        ps = self.seq + self.name + self.sub + self.unit + self.attribute + [p for _, v in self.values for p in v]
        return [p.line for p in ps]


def text_of(pieces: list[Piece]) -> str:
    return squash("".join(p.text for p in pieces))


def name_of(pieces: list[Piece]) -> str:
    return squash(_NOTE_MARKS.sub("", "".join(p.text for p in pieces)))


class RowBuilder:
    def __init__(self, fill_values: bool) -> None:
        self.rows: list[IndicatorRow] = []
        self.fill_values = fill_values  # empty cells are visible, so an empty value in a continuation row is merged
        self.category: str | None = None
        self.group: list[IndicatorRow] = []  # rows sharing the current parent
        self.numbered = False  # some row carried its own seq
        self.whole: IndicatorRow | None = None  # the last row not marked 其中: the parent of 其中 rows below it

    def add(self, d: Draft) -> IndicatorRow | None:
        prev = self.rows[-1] if self.rows else None
        inherited: list[str] = []
        name, sub = name_of(d.name), name_of(d.sub)
        if not name and not sub:
            return None
        part_of = None
        if (m := _OF_WHICH.match(name)) and name[m.end():] and self.whole is not None:
            name, part_of = name[m.end():], self.whole.name
        if d.category:
            self.category = _ORDINAL.sub("", text_of(d.category)) or None
        elif self.category:
            inherited.append("category")
        own_seq = seq_number(text_of(d.seq)) if d.seq else None
        self.numbered = self.numbered or own_seq is not None
        seq = str(own_seq) if own_seq is not None else None
        if seq is None and prev is not None and prev.seq:
            seq = prev.seq
            inherited.append("seq")
        parent = None
        # a row without its own number continues the one above, but only in a table whose rows are numbered
        continuing = own_seq is None and prev is not None and self.numbered
        if name and sub:
            if continuing and prev.parent_name:  # the parent cell itself wraps over two rows
                parent = prev.parent_name + name
                for r in self.group:
                    r.parent_name = parent
            else:
                parent, self.group = name, []
            name = sub
        else:  # one name: a sibling of the sub-rows above when it has no seq of its own
            sub_only = bool(sub) and not name and prev is not None
            name = name or sub
            parent = prev.parent_name if continuing or sub_only else None
        if part_of is not None and parent is None:
            parent = part_of
        if parent is None:
            self.group = []
        unit = text_of(d.unit) or None
        if unit is not None and is_empty_mark(unit):  # a unit cell printed as —: the indicator has none
            unit = None
        if unit is None and (m := _UNIT_IN_NAME.search(name)) and is_unit(m.group(1)):
            unit = m.group(1)
        attribute = attribute_of(text_of(d.attribute)) if d.attribute else None
        # an empty attribute cell is a merged one (DOCX/HTML tables merge 预期性 down a run of rows) when cells
        # are visible; in stream layouts only a continuation row inherits it
        if attribute is None and prev is not None and prev.attribute and (continuing or self.fill_values):
            attribute = prev.attribute
            inherited.append("attribute")
        values: list[CellValue] = []
        for col, pieces in d.values:
            if pieces:
                raw = join_raw(pieces)
                values.append(CellValue(role=Role(col.role), raw=raw, year=col.year, parsed=parse_value(raw),
                                        span=Span(pieces[0].line, pieces[-1].line)))
            elif self.fill_values and continuing and (above := prev.value(Role(col.role))) is not None:
                values.append(CellValue(role=above.role, raw=above.raw, year=above.year, parsed=above.parsed,
                                        span=above.span))
                inherited.append(col.role)
        lines = d.lines or (min(d.all_lines()), max(d.all_lines()))
        row = IndicatorRow(name=name, span=Span(*lines), category=self.category, seq=seq, parent_name=parent,
                           unit=unit, attribute=attribute, values=values, inherited=inherited)
        self.rows.append(row)
        if parent:
            self.group.append(row)
        if part_of is None:
            self.whole = row
        return row
