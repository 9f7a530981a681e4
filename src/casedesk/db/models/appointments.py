"""Citizens and their appointments with an association's contact person."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casedesk.db.base import Base, enum_type
from casedesk.domain.enums import AppointmentStatus


class Citizen(Base):
    __tablename__ = "citizen"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    consent_on: Mapped[date | None] = mapped_column(Date)
    privacy_notice_version: Mapped[str | None] = mapped_column(String(40))


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("end_at > start_at", name="end_after_start"),
        Index("ix_appointment_start", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(
        ForeignKey("citizen.id", ondelete="RESTRICT"), index=True
    )
    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="RESTRICT"), index=True
    )
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_person.id", ondelete="RESTRICT")
    )
    start_at: Mapped[datetime] = mapped_column(DateTime)
    end_at: Mapped[datetime] = mapped_column(DateTime)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    # The status doubles as the outcome (esito): held, no_show or cancelled.
    status: Mapped[AppointmentStatus] = mapped_column(
        enum_type(AppointmentStatus, "appointment_status"), default=AppointmentStatus.SCHEDULED
    )
    # What came of the meeting, in the desk's words (e.g. «inizia il 3/12»).
    outcome: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
