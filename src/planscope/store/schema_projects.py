"""Tables of the major-projects register (same Base as schema.py).

The projects themselves are rows of `projects` (schema.py; hierarchy, kind and confidence in its `data`).
Here: the subtotal checks of a plan's project tables (stated figure vs the sum of the rows under it, as parsed),
and the statuses editors set by hand (储备/新开工/在建/竣工 …). Manual statuses are a history: every change is a
new row (who, when, note), the latest wins, and each is also written to the platform audit log
(store/entries.record_audit, table "project_status"). Report mentions are computed when asked
(monitor/projects.py), as the reports they come from may be stored later than the plan.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planscope.store.schema import Base, ExactDecimal, utc_now


class ProjectCheck(Base):
    """A stated subtotal, total or item count of a project table that disagrees with its rows."""

    __tablename__ = "project_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    table_title: Mapped[str | None] = mapped_column(Text)
    project_key: Mapped[str | None] = mapped_column(String(50))  # the stating row's id within the document (t1.2)
    name: Mapped[str] = mapped_column(Text)
    column: Mapped[str] = mapped_column(String(100))  # total_investment | period_investment | count | a label
    stated: Mapped[Decimal] = mapped_column(ExactDecimal)
    computed: Mapped[Decimal] = mapped_column(ExactDecimal)
    line_start: Mapped[int] = mapped_column(Integer)
    line_end: Mapped[int] = mapped_column(Integer)
    child_lines: Mapped[list[int]] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # Mismatch.to_json()


class ProjectStatus(Base):
    """One status an editor set for a project of a plan (append-only; the latest row is the current one)."""

    __tablename__ = "project_status"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    project_key: Mapped[str] = mapped_column(String(50), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(200))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
