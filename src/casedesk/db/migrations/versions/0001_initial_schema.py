"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "association",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "legal_form",
            sa.Enum(
                "associazione_riconosciuta",
                "associazione_non_riconosciuta",
                "comitato",
                "ets_runts",
                "gruppo_informale",
                name="legal_form",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "runts_section",
            sa.Enum(
                "a",
                "b",
                "c",
                "d",
                "e",
                "f",
                "g",
                name="runts_section",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("runts_number", sa.String(length=40), nullable=True),
        sa.Column("tax_code", sa.String(length=16), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("pec", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("seeking_volunteers", sa.Boolean(), nullable=False),
        sa.Column("legal_representative", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "bozza",
                "iscritta",
                "sospesa",
                "cessata",
                name="association_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association")),
    )
    with op.batch_alter_table("association", schema=None) as batch_op:
        batch_op.create_index("ix_association_name", ["name"], unique=False)
        batch_op.create_index(
            "uq_association_tax_code_active",
            ["tax_code"],
            unique=True,
            sqlite_where=sa.text("status <> 'cessata'"),
            postgresql_where=sa.text("status <> 'cessata'"),
        )

    op.create_table(
        "citizen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("privacy_notice_version", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen")),
    )
    op.create_table(
        "document_requirement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("legal_forms", sa.JSON(), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("validity_months", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "validity_months IS NULL OR validity_months > 0",
            name=op.f("ck_document_requirement_validity_positive"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_requirement")),
        sa.UniqueConstraint("code", name=op.f("uq_document_requirement_code")),
    )
    op.create_table(
        "house",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("opening_hours", sa.JSON(), nullable=False),
        sa.Column("logo_path", sa.String(length=500), nullable=True),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_house_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_house")),
    )
    op.create_table(
        "operator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "operatore",
                "coordinatore",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator")),
        sa.UniqueConstraint("username", name=op.f("uq_operator_username")),
    )
    op.create_table(
        "room",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "coworking",
                "training",
                "meeting",
                "events",
                name="room_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("equipment", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("capacity > 0", name=op.f("ck_room_capacity_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room")),
        sa.UniqueConstraint("name", name=op.f("uq_room_name")),
    )
    op.create_table(
        "association_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("requirement_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "missing",
                "delivered",
                "not_applicable",
                "outdated",
                name="document_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("received_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("file_path", sa.String(length=500), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_association_document_association_id_association"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["received_by_id"],
            ["operator.id"],
            name=op.f("fk_association_document_received_by_id_operator"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["requirement_id"],
            ["document_requirement.id"],
            name=op.f("fk_association_document_requirement_id_document_requirement"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association_document")),
        sa.UniqueConstraint(
            "association_id",
            "requirement_id",
            name=op.f("uq_association_document_association_id_requirement_id"),
        ),
    )
    with op.batch_alter_table("association_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_association_document_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity_type", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator.id"],
            name=op.f("fk_audit_event_operator_id_operator"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_event_entity", ["entity_type", "entity_id"], unique=False)

    op.create_table(
        "board_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "presidente",
                "vicepresidente",
                "segretario",
                "tesoriere",
                "consigliere",
                name="board_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("since", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_board_member_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_member")),
    )
    with op.batch_alter_table("board_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_board_member_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "booking_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("first_start", sa.DateTime(), nullable=False),
        sa.Column("first_end", sa.DateTime(), nullable=False),
        sa.Column("rrule", sa.String(length=500), nullable=False),
        sa.Column("exceptions", sa.JSON(), nullable=False),
        sa.Column("expected_people", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "first_end > first_start", name=op.f("ck_booking_series_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_booking_series_association_id_association"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["room.id"],
            name=op.f("fk_booking_series_room_id_room"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_series")),
    )
    op.create_table(
        "closure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_closure_end_not_before_start")),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_closure_room_id_room"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closure")),
    )
    op.create_table(
        "contact_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("availability", sa.String(length=300), nullable=False),
        sa.Column("meets_citizens", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_contact_person_association_id_association"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_person")),
    )
    with op.batch_alter_table("contact_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_person_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "enrollment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "valida",
                "annullata",
                name="enrollment_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("pdf_path", sa.String(length=500), nullable=True),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=True),
        sa.CheckConstraint(
            "status <> 'annullata' OR cancel_reason <> ''",
            name=op.f("ck_enrollment_cancel_has_reason"),
        ),
        sa.CheckConstraint("number > 0", name=op.f("ck_enrollment_number_positive")),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_enrollment_association_id_association"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"],
            ["operator.id"],
            name=op.f("fk_enrollment_operator_id_operator"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment")),
        sa.UniqueConstraint("year", "number", name=op.f("uq_enrollment_year_number")),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrollment_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "appointment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("contact_person_id", sa.Integer(), nullable=True),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "scheduled",
                "held",
                "no_show",
                "cancelled",
                name="appointment_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("end_at > start_at", name=op.f("ck_appointment_end_after_start")),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_appointment_association_id_association"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["citizen_id"],
            ["citizen.id"],
            name=op.f("fk_appointment_citizen_id_citizen"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["contact_person_id"],
            ["contact_person.id"],
            name=op.f("fk_appointment_contact_person_id_contact_person"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_appointment_room_id_room"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointment")),
    )
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointment_association_id"), ["association_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_appointment_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index("ix_appointment_start", ["start_at"], unique=False)

    op.create_table(
        "booking",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=False),
        sa.Column("expected_people", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "confirmed",
                "cancelled",
                name="booking_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint("end_at > start_at", name=op.f("ck_booking_end_after_start")),
        sa.CheckConstraint(
            "expected_people IS NULL OR expected_people > 0",
            name=op.f("ck_booking_people_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["association.id"],
            name=op.f("fk_booking_association_id_association"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["room.id"], name=op.f("fk_booking_room_id_room"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["booking_series.id"],
            name=op.f("fk_booking_series_id_booking_series"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking")),
    )
    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_booking_association_id"), ["association_id"], unique=False
        )
        batch_op.create_index("ix_booking_room_start", ["room_id", "start_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_booking_series_id"), ["series_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("booking", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_booking_series_id"))
        batch_op.drop_index("ix_booking_room_start")
        batch_op.drop_index(batch_op.f("ix_booking_association_id"))

    op.drop_table("booking")
    with op.batch_alter_table("appointment", schema=None) as batch_op:
        batch_op.drop_index("ix_appointment_start")
        batch_op.drop_index(batch_op.f("ix_appointment_citizen_id"))
        batch_op.drop_index(batch_op.f("ix_appointment_association_id"))

    op.drop_table("appointment")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_association_id"))

    op.drop_table("enrollment")
    with op.batch_alter_table("contact_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_person_association_id"))

    op.drop_table("contact_person")
    op.drop_table("closure")
    op.drop_table("booking_series")
    with op.batch_alter_table("board_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_member_association_id"))

    op.drop_table("board_member")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_entity")
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    with op.batch_alter_table("association_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_association_document_association_id"))

    op.drop_table("association_document")
    op.drop_table("room")
    op.drop_table("operator")
    op.drop_table("house")
    op.drop_table("document_requirement")
    op.drop_table("citizen")
    with op.batch_alter_table("association", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_association_tax_code_active",
            sqlite_where=sa.text("status <> 'cessata'"),
            postgresql_where=sa.text("status <> 'cessata'"),
        )
        batch_op.drop_index("ix_association_name")

    op.drop_table("association")
