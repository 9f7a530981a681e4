"""How the database is named on screen: a file path, or a URL without its password."""

from __future__ import annotations

from sqlalchemy.engine import URL


def describe_database(url: URL) -> str:
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return str(url.database)
    return url.render_as_string(hide_password=True)
