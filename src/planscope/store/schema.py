"""The store's tables (SQLAlchemy 2 declarative). Every fact row carries its document and source lines.

Numbers are kept exact: `ExactDecimal` stores a Decimal as its decimal string (portable to any database,
never a binary float). `data` columns keep the full contract JSON of the object as extracted, so fields the
parsers add later are stored even before they get a column of their own.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as its exact decimal string ("7339", "16.4"), read back as Decimal."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


def utc_now() -> datetime:
    """The default of every timestamp column (schema_entry, schema_projects and schema_commitments use it too)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _doc_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)


class Region(Base):
    __tablename__ = "regions"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    level: Mapped[str | None] = mapped_column(String(20))  # nation | province | city | district | town
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id", ondelete="SET NULL"), index=True)
    code: Mapped[str | None] = mapped_column(String(20))
    parent: Mapped[Region | None] = relationship(remote_side=[id])


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(10))
    encoding: Mapped[str | None] = mapped_column(String(30))
    script: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id", ondelete="SET NULL"), index=True)
    level: Mapped[str | None] = mapped_column(String(20))
    line_count: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Versions: a later file with the same identity (region + kind + period + title) but other content.
    version_of: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)  # DocumentMeta.to_json()
    region: Mapped[Region | None] = relationship()


class DocumentText(Base):
    """The file's lines as read (original) and as cleaned/simplified; same count, joined with "\\n"."""

    __tablename__ = "document_texts"
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    original: Mapped[str] = mapped_column(Text)
    clean: Mapped[str] = mapped_column(Text)
    rendering: Mapped[str | None] = mapped_column(String(50))


class RemovedLine(Base):
    __tablename__ = "removed_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    line: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text)


class Paragraph(Base):
    __tablename__ = "paragraphs"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)


class Plan(Base):
    """A document that is a plan; shares its id with the document."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id", ondelete="SET NULL"), index=True)
    level: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    plan_number: Mapped[str | None] = mapped_column(String(20))
    parent_plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)


class Section(Base):
    __tablename__ = "sections"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    position: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Footnote(Base):
    __tablename__ = "footnotes"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    position: Mapped[int] = mapped_column(Integer)
    mark: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    uses: Mapped[list[int]] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class IndicatorTable(Base):
    __tablename__ = "indicator_tables"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    columns: Mapped[list[str]] = mapped_column(JSON)
    notes: Mapped[list[str]] = mapped_column(JSON)
    problems: Mapped[list[str]] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # table-level fields of to_json() (rows stored apart)


class IndicatorRow(Base):
    __tablename__ = "indicator_rows"
    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("indicator_tables.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = _doc_fk()
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(Text)
    seq: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    parent_name: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(100))
    attribute: Mapped[str | None] = mapped_column(String(20))
    canonical: Mapped[str | None] = mapped_column(String(100), index=True)
    inherited: Mapped[list[str]] = mapped_column(JSON)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # row-level fields of to_json() (values stored apart)


class IndicatorValue(Base):
    __tablename__ = "indicator_values"
    id: Mapped[int] = mapped_column(primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("indicator_rows.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer)
    raw: Mapped[str] = mapped_column(Text)
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # ParsedValue.to_json() (contract shape)
    qualifier: Mapped[str | None] = mapped_column(String(20))
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    low: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    high: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    parts: Mapped[list[str] | None] = mapped_column(JSON)  # exact decimal strings of "a/b" pairs
    ref_year: Mapped[int | None] = mapped_column(Integer)
    cumulative: Mapped[bool] = mapped_column(Boolean, default=False)
    footnote_mark: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(100))
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)


class Figure(Base):
    """A prose target (kind=target) or observation (kind=observation)."""

    __tablename__ = "figures"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    kind: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    unit: Mapped[str | None] = mapped_column(String(100))
    qualifier: Mapped[str | None] = mapped_column(String(20))
    measure: Mapped[str] = mapped_column(String(20))
    year: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(String(50))
    canonical: Mapped[str | None] = mapped_column(String(100), index=True)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    group_path: Mapped[list[str]] = mapped_column(JSON)
    total_investment: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    period_investment: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    unit: Mapped[str | None] = mapped_column(String(50))
    is_subtotal: Mapped[bool] = mapped_column(Boolean, default=False)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class Problem(Base):
    """Warnings and problems found while reading a document (scope: document | table)."""

    __tablename__ = "problems"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    table_id: Mapped[int | None] = mapped_column(ForeignKey("indicator_tables.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)


Index("ix_documents_identity", Document.kind, Document.region_id, Document.period_start, Document.period_end)

# Tables defined in their own modules join Base.metadata here, so migrations and checks see the whole schema.
from planscope.store import schema_commitments, schema_projects  # noqa: E402, F401
