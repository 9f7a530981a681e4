"""Alembic environment: always driven from casedesk.db.migrate with a live connection."""

from alembic import context

from casedesk.db import models  # noqa: F401  (registers every table)
from casedesk.db.base import Base, UTCDateTime

config = context.config
connection = config.attributes["connection"]


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Migrations must not import the app's column types: render UTCDateTime as DateTime.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


context.configure(
    connection=connection,
    render_item=_render_item,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
