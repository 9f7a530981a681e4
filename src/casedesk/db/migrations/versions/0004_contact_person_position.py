"""Contact persons in the desk's order: contact_person.position.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02

Until now contact persons came in the order of their ids, which is the order they
were added: existing rows are numbered that way, so nothing moves on upgrade.
(Numbered 0004, not 0003, so as not to clash with a 0003 written alongside; when
both are merged this one goes after it.)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contact_person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("position", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    op.execute(
        "UPDATE contact_person SET position = ("
        " SELECT COUNT(*) FROM contact_person AS earlier"
        " WHERE earlier.association_id = contact_person.association_id"
        " AND earlier.id < contact_person.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("contact_person", schema=None) as batch_op:
        batch_op.drop_column("position")
