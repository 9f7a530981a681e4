"""Associations, their board members and their contact persons (referenti)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casedesk.db.base import Base, UTCDateTime, enum_type
from casedesk.domain.enums import AssociationStatus, BoardRole, LegalForm, RuntsSection

_NOT_CEASED = text("status <> 'cessata'")


class Association(Base):
    __tablename__ = "association"
    __table_args__ = (
        # A tax code belongs to one living association; a ceased one may re-register.
        Index(
            "uq_association_tax_code_active",
            "tax_code",
            unique=True,
            sqlite_where=_NOT_CEASED,
            postgresql_where=_NOT_CEASED,
        ),
        Index("ix_association_name", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    legal_form: Mapped[LegalForm] = mapped_column(enum_type(LegalForm, "legal_form"))
    runts_section: Mapped[RuntsSection | None] = mapped_column(
        enum_type(RuntsSection, "runts_section")
    )
    runts_number: Mapped[str | None] = mapped_column(String(40))
    tax_code: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    pec: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    seeking_volunteers: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_representative: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[AssociationStatus] = mapped_column(
        enum_type(AssociationStatus, "association_status"), default=AssociationStatus.BOZZA
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Optimistic locking: a second desk saving a stale copy is told, not overwritten.
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    board_members: Mapped[list[BoardMember]] = relationship(
        back_populates="association", cascade="all, delete-orphan", order_by="BoardMember.id"
    )
    # In the desk's order (the first is the one the register shows).
    contact_persons: Mapped[list[ContactPerson]] = relationship(
        back_populates="association",
        cascade="all, delete-orphan",
        order_by="(ContactPerson.position, ContactPerson.id)",
    )

    __mapper_args__ = {"version_id_col": version_id}


class BoardMember(Base):
    __tablename__ = "board_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[BoardRole] = mapped_column(enum_type(BoardRole, "board_role"))
    since: Mapped[date | None] = mapped_column(Date)

    association: Mapped[Association] = relationship(back_populates="board_members")


class ContactPerson(Base):
    __tablename__ = "contact_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    availability: Mapped[str] = mapped_column(String(300), default="")
    meets_citizens: Mapped[bool] = mapped_column(Boolean, default=True)
    # 0 for rows written in bulk (import, demo): ties keep the order of their ids.
    position: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))

    association: Mapped[Association] = relationship(back_populates="contact_persons")
