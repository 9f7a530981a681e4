"""Rooms, bookings (single or in a recurring series) and closures.

Calendar datetimes are naive Milan wall-clock times (see domain.calendar_time).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from casedesk.db.base import Base, enum_type
from casedesk.domain.enums import BookingStatus, RoomKind


class Room(Base):
    __tablename__ = "room"
    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[RoomKind] = mapped_column(enum_type(RoomKind, "room_kind"))
    capacity: Mapped[int] = mapped_column(Integer)
    equipment: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class BookingSeries(Base):
    __tablename__ = "booking_series"
    __table_args__ = (CheckConstraint("first_end > first_start", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    # NULL: an event of the house itself.
    association_id: Mapped[int | None] = mapped_column(
        ForeignKey("association.id", ondelete="RESTRICT")
    )
    title: Mapped[str] = mapped_column(String(200))
    first_start: Mapped[datetime] = mapped_column(DateTime)
    first_end: Mapped[datetime] = mapped_column(DateTime)
    rrule: Mapped[str] = mapped_column(String(500))
    # Occurrence start datetimes (ISO, Milan wall-clock) removed from the series.
    exceptions: Mapped[list[str]] = mapped_column(JSON, default=list)
    expected_people: Mapped[int | None] = mapped_column(Integer)


class Booking(Base):
    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint("end_at > start_at", name="end_after_start"),
        CheckConstraint("expected_people IS NULL OR expected_people > 0", name="people_positive"),
        Index("ix_booking_room_start", "room_id", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    association_id: Mapped[int | None] = mapped_column(
        ForeignKey("association.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    start_at: Mapped[datetime] = mapped_column(DateTime)
    end_at: Mapped[datetime] = mapped_column(DateTime)
    expected_people: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[BookingStatus] = mapped_column(
        enum_type(BookingStatus, "booking_status"), default=BookingStatus.CONFIRMED
    )
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("booking_series.id", ondelete="RESTRICT"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class Closure(Base):
    __tablename__ = "closure"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="end_not_before_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL: the whole house is closed.
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="RESTRICT"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(300))
