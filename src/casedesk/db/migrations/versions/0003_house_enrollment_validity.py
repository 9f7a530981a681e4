"""How long an enrollment at the house lasts: house.enrollment_validity_months.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

NULL means until revoked. A house upgraded from 0002 gets 12 months: until now an
enrolled association renewed once a calendar year, and a yearly validity is the
closest meaning to what its desk already did.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("house", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enrollment_validity_months", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_house_enrollment_validity_positive"),
            "enrollment_validity_months IS NULL OR enrollment_validity_months > 0",
        )
    op.execute("UPDATE house SET enrollment_validity_months = 12")


def downgrade() -> None:
    with op.batch_alter_table("house", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_house_enrollment_validity_positive"), type_="check")
        batch_op.drop_column("enrollment_validity_months")
