"""Domain types shared by every layer: pure data, no I/O.

Everything a parser finds is one of these, and carries the source lines it came from, so any number shown
anywhere can be traced back. `to_json()` methods produce the shapes of the extraction contract
(../shared/CONTRACT.md); fields are only ever added there, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class DocumentKind(StrEnum):
    FIVE_YEAR_PLAN = "five_year_plan"
    ANNUAL_PLAN_REPORT = "annual_plan_report"
    WORK_REPORT = "work_report"
    STATISTICAL_BULLETIN = "statistical_bulletin"
    EVALUATION = "evaluation"
    OTHER = "other"


class Level(StrEnum):
    NATION = "nation"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"  # 区 / 县 / 县级市
    TOWN = "town"  # 镇 / 街道


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"
    QUALITATIVE = "qualitative"


class Measure(StrEnum):
    LEVEL = "level"
    GROWTH_RATE = "growth_rate"
    SHARE = "share"
    COUNT = "count"
    RANK = "rank"
    OTHER = "other"


class Role(StrEnum):
    BASE = "base"
    TARGET = "target"
    ACTUAL = "actual"
    GROWTH = "growth"
    STATUS = "status"


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    LAGGING = "lagging"
    AT_RISK = "at_risk"
    NO_DATA = "no_data"
    QUALITATIVE = "qualitative"
    NOT_ACHIEVED = "not_achieved"  # final evaluation of a finished plan: the target was missed


ATTRIBUTES = ("预期性", "约束性")

# The one set of Chinese status labels (reports, pages, explanations), in display order.
STATUS_LABELS: dict[str, str] = {
    "achieved": "已完成",
    "on_track": "进度正常",
    "lagging": "进度滞后",
    "at_risk": "难以完成",
    "not_achieved": "未完成",
    "qualitative": "需定性判断",
    "no_data": "无数据",
}


def dec_json(d: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number it prints as (6 -> 6, 16.4 -> 16.4; never 16.399999)."""
    if d is None:
        return None
    if d == d.to_integral_value() and abs(d) < 10**15:
        return int(d)
    return float(str(d))


@dataclass(frozen=True)
class Span:
    """Where a fact came from: 1-based lines of the file as given (before cleaning), inclusive."""

    line_start: int
    line_end: int
    col_start: int | None = None  # 0-based column in the original line, when known
    col_end: int | None = None

    def lines(self) -> list[int]:
        return [self.line_start, self.line_end]


@dataclass
class ParsedValue:
    """One cell or phrase parsed by the value grammar (parse/values.py). Numbers are exact decimals."""

    qualifier: Qualifier
    value: Decimal | None = None
    parts: list[Decimal] | None = None  # "7339/192" pairs
    low: Decimal | None = None  # qualifier == range
    high: Decimal | None = None
    ref_year: int | None = None  # "(2019年)"
    cumulative: bool = False  # "[19.4]": a five-year total
    footnote_mark: bool = False  # trailing "*"
    text: str | None = None  # qualitative targets, and any words kept beside the number
    unit: str | None = None  # a unit printed inside the cell, "113.4(亿美元)"

    def numbers(self) -> list[Decimal]:
        if self.parts:
            return list(self.parts)
        return [d for d in (self.value, self.low, self.high) if d is not None]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"qualifier": str(self.qualifier)}
        if self.parts is not None:
            out["parts"] = [dec_json(p) for p in self.parts]
        else:
            out["value"] = dec_json(self.value)
        if self.qualifier == Qualifier.RANGE:
            out["low"], out["high"] = dec_json(self.low), dec_json(self.high)
        out["ref_year"] = self.ref_year
        out["cumulative"] = self.cumulative
        if self.footnote_mark:
            out["footnote_mark"] = True
        if self.text is not None:
            out["text"] = self.text
        if self.unit is not None:
            out["unit"] = self.unit
        return out


@dataclass
class CellValue:
    role: Role
    raw: str
    year: int | None = None
    parsed: ParsedValue | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": str(self.role), "year": self.year, "raw": self.raw,
                               "parsed": self.parsed.to_json() if self.parsed else None}
        if self.span:
            out["lines"] = self.span.lines()
        return out


@dataclass
class IndicatorRow:
    name: str
    span: Span
    category: str | None = None
    seq: str | None = None
    parent_name: str | None = None
    unit: str | None = None
    attribute: str | None = None  # 预期性 | 约束性 | None
    values: list[CellValue] = field(default_factory=list)
    canonical: str | None = None  # catalogue id, filled by catalog/ when matched
    inherited: list[str] = field(default_factory=list)  # fields filled from a merged cell above

    def value(self, role: Role) -> CellValue | None:
        return next((v for v in self.values if v.role == role), None)

    def to_json(self) -> dict[str, Any]:
        out = {"category": self.category, "seq": self.seq, "name": self.name, "parent_name": self.parent_name,
               "unit": self.unit, "attribute": self.attribute, "lines": self.span.lines(),
               "values": [v.to_json() for v in self.values]}
        if self.canonical:
            out["canonical"] = self.canonical
        if self.inherited:
            out["inherited"] = list(self.inherited)
        return out


@dataclass
class IndicatorTable:
    title: str | None
    span: Span
    rows: list[IndicatorRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # header as printed
    kind: str = "main"  # main (targets) | completion (a finished plan's results) | appendix
    problems: list[str] = field(default_factory=list)  # lines that did not parse, said plainly

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "kind": self.kind, "line_start": self.span.line_start,
                "line_end": self.span.line_end, "columns": self.columns, "notes": self.notes,
                "rows": [r.to_json() for r in self.rows], "problems": self.problems}


@dataclass
class Heading:
    """One outline entry. level: 0 篇, 1 章, 2 节, 3 一、, 4 （一）; boxes, appendices and notes have kinds."""

    level: int
    kind: str  # part | chapter | section | item | subitem | box | appendix | notes | preface | other
    number: str | None
    title: str
    span: Span  # the heading line(s); for boxes and appendices line_end is where the box/appendix ends

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "kind": self.kind, "number": self.number, "title": self.title,
                "line": self.span.line_start, "line_end": self.span.line_end}


@dataclass
class Footnote:
    """A glossary footnote: its mark (¹⁴³ -> "143"), its definition and where the mark is used."""

    mark: str
    text: str
    span: Span
    uses: list[int] = field(default_factory=list)  # lines where the mark occurs in the body

    def to_json(self) -> dict[str, Any]:
        return {"mark": self.mark, "text": self.text, "line": self.span.line_start, "uses": self.uses}


@dataclass
class Figure:
    """A quantity stated in prose: a target the document sets, or an observation it reports."""

    indicator: str
    raw: str
    value: Decimal | None
    unit: str | None
    qualifier: Qualifier | None
    measure: Measure
    year: int | None
    sentence: str
    span: Span
    kind: str = "target"  # target | observation
    scope: str | None = None  # 全市 / 全省 for ranks
    canonical: str | None = None
    high: Decimal | None = None  # a range's upper end (5%—6%: qualifier range, value is the lower end)

    def to_json(self) -> dict[str, Any]:
        out = {"indicator": self.indicator, "raw": self.raw, "value": dec_json(self.value), "unit": self.unit,
               "measure": str(self.measure), "qualifier": str(self.qualifier) if self.qualifier else None,
               "year": self.year, "line": self.span.line_start, "sentence": self.sentence}
        if self.high is not None:  # as the contract gives a range in a table cell: low and high
            out["low"], out["high"] = dec_json(self.value), dec_json(self.high)
        if self.scope:
            out["scope"] = self.scope
        if self.canonical:
            out["canonical"] = self.canonical
        return out


@dataclass
class Project:
    """A major project (重大项目) from an appendix table or a 专栏, with its group path."""

    name: str
    span: Span
    group: list[str] = field(default_factory=list)
    total_investment: Decimal | None = None
    period_investment: Decimal | None = None
    unit: str | None = None
    is_subtotal: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    # Added for the project register (parse/projects): all optional, so older callers are unaffected.
    id: str | None = None  # unique within a document: "t1.5" (table 1, row 5) or "b3.2" (box 3, entry 2)
    parent_id: str | None = None  # the group row this row belongs to (tables only)
    kind: str = "item"  # item | group | total (合计/总计) | subtotal (小计)
    level: int = 0  # depth in the table's tree: 0 = grand total or a top-level row
    seq: str | None = None  # 序号 as printed: "1", "一", "(一)"
    period: str | None = None  # construction period as printed: "2021—2025"
    status: str | None = None  # 新建 / 续建 / 在建 … when given
    content: str | None = None  # 建设内容 / what the prose says the project is
    confidence: str = "table"  # table (a project table row) | prose (named in a 专栏 box or prose)
    source_title: str | None = None  # the table's or box's title
    stated_count: int | None = None  # "（4个大项）": the number of items the row says it groups

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name, "group": self.group, "total_investment": dec_json(self.total_investment),
            "period_investment": dec_json(self.period_investment), "unit": self.unit,
            "is_subtotal": self.is_subtotal, "lines": self.span.lines(), **({"extra": self.extra}
                                                                            if self.extra else {})}
        out.update({"id": self.id, "parent_id": self.parent_id, "kind": self.kind, "level": self.level,
                    "seq": self.seq, "period": self.period, "status": self.status, "content": self.content,
                    "confidence": self.confidence, "source_title": self.source_title})
        if self.stated_count is not None:
            out["stated_count"] = self.stated_count
        return out


@dataclass
class DocumentMeta:
    title: str | None
    region: str | None
    kind: DocumentKind
    period: tuple[int, int] | None
    script: str  # simplified | traditional
    level: Level | None = None
    parent_region: str | None = None
    plan_number: str | None = None  # 十四五

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "region": self.region, "kind": str(self.kind),
                "period": list(self.period) if self.period else None, "script": self.script,
                "level": str(self.level) if self.level else None, "parent_region": self.parent_region}


@dataclass
class Region:
    name: str
    level: Level
    parent: str | None = None
    code: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one document: what `planscope extract --json` prints."""

    source: str
    document: DocumentMeta
    outline: list[Heading] = field(default_factory=list)
    indicator_tables: list[IndicatorTable] = field(default_factory=list)
    targets: list[Figure] = field(default_factory=list)
    observations: list[Figure] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # things a reader should know: "no indicator table"
    # Subtotal checks of the project tables (parse.projects.check.Mismatch: anything with to_json()).
    project_checks: list[Any] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "document": self.document.to_json(),
            "outline": [h.to_json() for h in self.outline],
            "indicator_tables": [t.to_json() for t in self.indicator_tables],
            "targets": [f.to_json() for f in self.targets],
            "observations": [f.to_json() for f in self.observations],
            "footnotes": [f.to_json() for f in self.footnotes],
            "projects": [p.to_json() for p in self.projects],
            "warnings": self.warnings,
            "project_checks": [c.to_json() for c in self.project_checks],
        }
