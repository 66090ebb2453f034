"""An indicator table as flat rows, and as CSV or XLSX files (one row per indicator, one column per value)."""

from __future__ import annotations

import csv
from pathlib import Path

from planscope.model import IndicatorTable

FIXED = ("category", "seq", "name", "parent_name", "unit", "attribute")


def value_columns(table: IndicatorTable) -> list[tuple[str, int | None]]:
    """(role, year) of the value columns, in the order they first appear."""
    cols: list[tuple[str, int | None]] = []
    for r in table.rows:
        for v in r.values:
            key = (str(v.role), v.year)
            if key not in cols:
                cols.append(key)
    return cols


def _label(role: str, year: int | None) -> str:
    return f"{role} {year}" if year is not None else role


def flat_rows(table: IndicatorTable) -> tuple[list[str], list[list[str | int | None]]]:
    cols = value_columns(table)
    header = [*FIXED, *(_label(r, y) for r, y in cols), "line_start", "line_end"]
    rows: list[list[str | int | None]] = []
    for r in table.rows:
        cells: dict[tuple[str, int | None], str] = {(str(v.role), v.year): v.raw for v in r.values}
        rows.append([r.category, r.seq, r.name, r.parent_name, r.unit, r.attribute,
                     *(cells.get(c) for c in cols), r.span.line_start, r.span.line_end])
    return header, rows


def write_csv(table: IndicatorTable, path: str | Path) -> None:
    header, rows = flat_rows(table)
    # utf-8-sig: Excel opens a CSV with Chinese text correctly only with the BOM.
    with Path(path).open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(["" if c is None else c for c in row] for row in rows)


def write_xlsx(table: IndicatorTable, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = flat_rows(table)
    wb = Workbook()
    ws = wb.active
    ws.title = "indicators"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "A2"
    if table.title or table.notes:
        notes = wb.create_sheet("notes")
        notes.append(["title", table.title or ""])
        notes.append(["lines", f"{table.span.line_start}-{table.span.line_end}"])
        for n in table.notes:
            notes.append(["note", n])
    wb.save(str(path))
