"""Persistence: SQLAlchemy models, engine set-up and the Alembic migrations."""
