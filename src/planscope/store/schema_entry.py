"""Tables for what people put into the store: entered observations, target revisions, the audit log, users and
API tokens (migrations 0003 and 0004). Same `Base` as store/schema.py, so one metadata describes the whole store.

History is append-only: a correction is a new row whose `supersedes_id` points at the row it replaces; nothing
is updated in place or deleted, so every value ever entered can still be shown with who entered it and when.
Who-columns hold the user's *name* (not a foreign key) so the trail survives a user being removed.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planscope.store.schema import Base, ExactDecimal, utc_now


class EnteredObservation(Base):
    """An actual value entered or imported by a person (kind of fact a statistics bureau publishes)."""

    __tablename__ = "entered_observations"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    row_id: Mapped[int | None] = mapped_column(ForeignKey("indicator_rows.id", ondelete="SET NULL"), index=True)
    seq: Mapped[str | None] = mapped_column(String(20))
    indicator: Mapped[str] = mapped_column(Text)  # the row's name when linked, else the name as entered
    canonical: Mapped[str | None] = mapped_column(String(100), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(ExactDecimal)
    raw: Mapped[str] = mapped_column(String(100))  # the value exactly as entered ("3.0" keeps its zero)
    unit: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20))  # entry | import | api
    batch: Mapped[str | None] = mapped_column(String(500))  # import file name, for imports
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("entered_observations.id", ondelete="SET NULL"),
                                                      index=True)


class TargetRevision(Base):
    """A target changed after the plan was published (e.g. at the mid-term review); the printed one stays."""

    __tablename__ = "target_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    row_id: Mapped[int | None] = mapped_column(ForeignKey("indicator_rows.id", ondelete="SET NULL"), index=True)
    seq: Mapped[str | None] = mapped_column(String(20))
    indicator: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)  # the year the target is for
    value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    raw: Mapped[str] = mapped_column(Text)  # as entered; may be qualitative ("完成省下达目标")
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # ParsedValue.to_json() of raw
    unit: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(Text)  # the decision that changed it
    note: Mapped[str | None] = mapped_column(Text)
    entered_by: Mapped[str] = mapped_column(String(100))
    entered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("target_revisions.id", ondelete="SET NULL"),
                                                      index=True)


class AuditEntry(Base):
    """One change: who, when, what, and the record before and after (JSON). No foreign keys on purpose: the log
    must outlive the rows it talks about."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(30))  # create | correct | import | upload | create_user | ...
    table_name: Mapped[str] = mapped_column(String(50), index=True)
    record_id: Mapped[int | None] = mapped_column(Integer)
    plan_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    detail: Mapped[str | None] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # viewer | editor | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ApiToken(Base):
    """A token is `ps_<key>_<secret>`: `key` is stored in clear to find the row, the secret only as a salted
    scrypt hash ("scrypt$n$r$p$salt$hash"), so a copy of the database does not reveal usable tokens."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(300))
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
