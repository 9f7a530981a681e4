"""The catalogue of document requirements and each association's checklist items."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    JSON,
    Boolean,
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
from casedesk.domain.enums import DocumentStatus


class DocumentRequirement(Base):
    __tablename__ = "document_requirement"
    __table_args__ = (
        CheckConstraint("validity_months IS NULL OR validity_months > 0", name="validity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    legal_forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    mandatory: Mapped[bool] = mapped_column(Boolean, default=True)
    validity_months: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AssociationDocument(Base):
    __tablename__ = "association_document"
    __table_args__ = (UniqueConstraint("association_id", "requirement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(
        ForeignKey("association.id", ondelete="RESTRICT"), index=True
    )
    requirement_id: Mapped[int] = mapped_column(
        ForeignKey("document_requirement.id", ondelete="RESTRICT")
    )
    status: Mapped[DocumentStatus] = mapped_column(
        enum_type(DocumentStatus, "document_status"), default=DocumentStatus.MISSING
    )
    received_on: Mapped[date | None] = mapped_column(Date)
    received_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("operator.id", ondelete="RESTRICT")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    file_path: Mapped[str | None] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
