"""Pydantic models of what the API takes and returns, so /openapi.json documents every shape.

Objects that carry the extraction contract's JSON (tables, rows, figures) declare their main fields and allow
the rest (`Open`): the contract only ever adds fields, and the API passes them through.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Number = int | float


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Detail(BaseModel):
    detail: str = Field(description="What went wrong, in one sentence.")


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Detail, "description": "No token, or a token that is unknown or revoked."},
    403: {"model": Detail, "description": "The token's role may not do this."},
    404: {"model": Detail, "description": "No such plan (or section, indicator …)."},
    413: {"model": Detail, "description": "The upload is larger than the limit."},
    415: {"model": Detail, "description": "The upload's file type is not accepted."},
    422: {"model": Detail, "description": "Bad parameters or body."},
    501: {"model": Detail, "description": "The part of PlanScope that answers this is not installed yet."},
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: ERRORS[c] for c in codes}


# --- plans ---------------------------------------------------------------------------------------------------
class PlanSummary(Open):
    id: int
    file_name: str
    title: str | None
    region: str | None
    parent_region: str | None
    level: str | None
    kind: str
    period: list[int] | None
    is_plan: bool
    parent_plan_id: int | None
    version: int
    current: bool
    ingested_at: str
    counts: dict[str, int]


class PlanPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PlanSummary]


class PlanDetail(BaseModel):
    plan: PlanSummary
    document: dict[str, Any] = Field(description="The contract's `document` object (title, region, kind, period …).")
    parent: PlanSummary | None
    children: list[PlanSummary]
    warnings: list[str]


class Region(BaseModel):
    id: int
    name: str
    level: str | None
    parent_id: int | None
    children: list[Region]


class Heading(Open):
    id: int = Field(description="Index of the heading in the outline; use it in /sections/{sid}.")
    parent: int | None
    level: int
    number: str | None
    title: str
    line: int


class Outline(BaseModel):
    plan_id: int
    outline: list[Heading]


class Line(BaseModel):
    line: int
    text: str = Field(description="The line as in the file.")
    clean: str = Field(description="The cleaned, simplified line the parsers read.")


class SectionText(BaseModel):
    plan_id: int
    id: int
    heading: Heading
    line_start: int
    line_end: int
    children: list[int]
    lines: list[Line]


class Lines(BaseModel):
    plan_id: int
    start: int
    end: int
    lines: list[Line]


# --- indicators, targets, figures ----------------------------------------------------------------------------
class Cell(Open):
    role: str
    year: int | None
    raw: str
    parsed: dict[str, Any] | None


class Row(Open):
    id: int = Field(description="Row id: `row:ID` names this row in POST /api/observations.")
    seq: str | None
    name: str
    unit: str | None
    attribute: str | None
    lines: list[int]
    values: list[Cell]


class Table(Open):
    index: int = Field(description="1-based index among the plan's tables (?table=).")
    title: str | None
    kind: str | None = None
    line_start: int
    line_end: int
    notes: list[str]
    rows: list[Row]


class TableBrief(BaseModel):
    index: int
    title: str | None
    kind: str | None
    rows: int


class Indicators(BaseModel):
    plan_id: int
    table: Table | None
    tables: list[TableBrief]
    warnings: list[str]


class Figure(Open):
    indicator: str
    raw: str
    value: Number | None
    unit: str | None
    year: int | None
    line: int


class Figures(BaseModel):
    plan_id: int
    targets: list[Figure]
    observations: list[Figure]


class TargetRevision(Open):
    id: int
    row_id: int | None
    indicator: str
    year: int
    raw: str
    value: str | None
    entered_by: str
    entered_at: str | None
    current: bool


class TableTarget(BaseModel):
    row_id: int
    seq: str | None
    name: str
    unit: str | None
    attribute: str | None
    targets: list[Cell]
    revisions: list[TargetRevision]


class Targets(BaseModel):
    plan_id: int
    table: list[TableTarget]
    prose: list[Figure]
    revisions: list[TargetRevision]


class TargetIn(BaseModel):
    indicator: str | int = Field(description="seq, name, or row:ID of the plan's main table.")
    year: int = Field(ge=1949, le=2100)
    target: str = Field(min_length=1, max_length=200, description="As printed: 6左右, ≥88, 完成省下达目标 …")
    unit: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=2000)
    note: str | None = Field(None, max_length=2000)


# --- observations and audit ----------------------------------------------------------------------------------
class ObservationIn(BaseModel):
    plan_id: str | int = Field(description="Plan id, or a region name (its latest five-year plan).")
    indicator: str | int = Field(description="seq or name in the plan's main table, or row:ID (an int is a row id).")
    year: int = Field(ge=1949, le=2100)
    value: str = Field(min_length=1, max_length=100, description="Exact decimal as a string: \"3.0\", \"1860.06\".")
    unit: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=2000, description="Where the number comes from (统计公报 …).")
    note: str | None = Field(None, max_length=2000)
    allow_unlinked: bool = Field(False, description="Store an indicator name that matches no indicator of the plan "
                                                    "under that name (default: 422 with the nearest names).")


class ObservationRecord(Open):
    id: int
    plan_id: int
    row_id: int | None
    seq: str | None
    indicator: str
    year: int
    value: str
    raw: str
    unit: str | None
    source: str | None
    note: str | None
    origin: str
    entered_by: str
    entered_at: str | None
    supersedes_id: int | None
    superseded_by: int | None
    current: bool


class AuditEntry(BaseModel):
    id: int
    at: str | None
    actor: str
    action: str
    table: str
    record_id: int | None
    plan_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    detail: str | None


class AuditPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[AuditEntry]


class Entry(BaseModel):
    status: Literal["created", "corrected", "unchanged"]
    record: dict[str, Any]
    audit: AuditEntry | None
    linked: bool = Field(description="False when the indicator is not a row of the plan's tables.")


class ObservationEntry(Entry):
    record: ObservationRecord  # type: ignore[assignment]


class HistoryEntry(ObservationRecord):
    audit: list[AuditEntry]


class History(BaseModel):
    plan_id: int
    indicator: dict[str, Any] | None
    entries: list[HistoryEntry]


class Unmatched(BaseModel):
    name: str
    line: int | None = Field(description="Row number in the file (as a spreadsheet shows it).")
    suggestions: list[str] = Field(description="The nearest indicator names of the plan (seq and name).")


class CatalogueLink(BaseModel):
    name: str
    line: int | None
    row: str = Field(description="The row (seq and name) the catalogue reads the name as.")


class ImportResult(BaseModel):
    file: str
    summary: dict[str, int]
    results: list[ObservationEntry]
    unlinked: list[Unmatched] = Field([], description="Rows stored unlinked (allow_unlinked=true).")
    via_catalogue: list[CatalogueLink] = Field([], description="Rows whose name the catalogue matched to a row.")


class Observation(BaseModel):
    origin: Literal["document", "entry"]
    indicator: str
    row_id: int | None
    year: int | None
    value: Number | None
    raw: str
    unit: str | None
    provenance: dict[str, Any] = Field(description="Document, file and lines; or who entered it, when, source.")


class Observations(BaseModel):
    plan_id: int
    documents: list[PlanSummary] = Field(description="The documents the figures were read from.")
    observations: list[Observation]


# --- search, align, status, documents, users -----------------------------------------------------------------
class SearchHit(Open):
    plan_id: int
    line: int
    snippet: str


class SearchResults(BaseModel):
    query: str
    results: list[SearchHit]


class Alignment(Open):
    parent: dict[str, Any]
    children: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    tasks: list[dict[str, Any]]


class Upload(BaseModel):
    status: str = Field(description="loaded | new_version | unchanged")
    document_id: int | None
    file_name: str
    message: str
    audit: AuditEntry | None


class User(BaseModel):
    id: int
    name: str
    role: str
    active: bool
    created_at: str
    tokens: int


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    role: Literal["viewer", "editor", "admin"] = "viewer"


class NewUser(BaseModel):
    user: User
    token: str = Field(description="Shown once: store it now; only its hash is kept.")


Region.model_rebuild()
