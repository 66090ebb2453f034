"""Tables of the commitments register (same Base as schema.py): commitments parsed from a plan, who owns a
commitment or an indicator (department, due year), and the audit trail of every ownership change.

Every ownership change is written twice: one row per changed field in `commitment_audit` (who, when, old and
new value; what `planscope commitments audit` shows), and one entry in the platform-wide audit log of
store/entries.py (`record_audit`, table "ownerships").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planscope.store.schema import Base, utc_now


class Commitment(Base):
    """One commitment of a plan (parse/commitments.py), keyed by its stable id within the document."""

    __tablename__ = "commitments"
    __table_args__ = (UniqueConstraint("document_id", "key", name="uq_commitments_document_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # places, quantities, years


class Ownership(Base):
    """The department responsible for a commitment or an indicator of a plan, and the year it is due."""

    __tablename__ = "ownerships"
    __table_args__ = (UniqueConstraint("document_id", "target_kind", "target_key",
                                       name="uq_ownerships_document_target"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[str] = mapped_column(String(20))  # commitment | indicator
    target_key: Mapped[str] = mapped_column(String(200))  # commitment id, or indicator seq / name
    department: Mapped[str | None] = mapped_column(String(200), index=True)
    due_year: Mapped[int | None] = mapped_column(Integer)
    assigned_by: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class CommitmentAudit(Base):
    """One changed field of an ownership: who changed it, when, from what to what."""

    __tablename__ = "commitment_audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    target_kind: Mapped[str] = mapped_column(String(20))
    target_key: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
