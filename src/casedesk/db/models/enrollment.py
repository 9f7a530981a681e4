"""Enrollments: the numbered receipts handed to associations."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from casedesk.db.base import Base, enum_type
from casedesk.domain.enums import EnrollmentStatus
from casedesk.domain.receipt import receipt_number


class Enrollment(Base):
    __tablename__ = "enrollment"
    __table_args__ = (
        # Receipt numbers restart every year: 2026/0001, 2026/0002, …
        UniqueConstraint("year", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("status <> 'annullata' OR cancel_reason <> ''", name="cancel_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="RESTRICT"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    enrolled_on: Mapped[date] = mapped_column(Date)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id", ondelete="RESTRICT"))
    status: Mapped[EnrollmentStatus] = mapped_column(
        enum_type(EnrollmentStatus, "enrollment_status"), default=EnrollmentStatus.VALIDA
    )
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # Exactly what the receipt prints, frozen at enrollment: reprints render this.
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    pdf_path: Mapped[str | None] = mapped_column(String(500))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))

    @property
    def receipt_number(self) -> str:
        return receipt_number(self.year, self.number)
