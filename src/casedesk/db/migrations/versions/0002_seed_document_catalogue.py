"""Seed the catalogue of document requirements.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

The values are written out here, not imported from the app, so this migration
keeps producing the same rows whatever later code looks like.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FORMAL = [
    "associazione_riconosciuta",
    "associazione_non_riconosciuta",
    "comitato",
    "ets_runts",
]
_INFORMAL = ["gruppo_informale"]
_ALL = [*_FORMAL, *_INFORMAL]

_CATALOGUE = [
    # code, title, legal forms, mandatory, validity in months
    ("statute", "Statuto", _FORMAL, True, None),
    ("founding_act", "Atto costitutivo", _FORMAL, True, None),
    (
        "community_purpose_statement",
        "Dichiarazione di finalità a favore della collettività",
        _INFORMAL,
        True,
        None,
    ),
    ("board_list", "Elenco del Consiglio direttivo", _FORMAL, True, 12),
    ("member_list", "Elenco dei componenti del gruppo", _INFORMAL, True, 12),
    ("activity_report", "Relazione sulle attività svolte o da realizzare", _ALL, True, 12),
    ("runts_registration", "Estremi di iscrizione al RUNTS", ["ets_runts"], True, None),
]

_requirement = sa.table(
    "document_requirement",
    sa.column("code", sa.String),
    sa.column("title", sa.String),
    sa.column("legal_forms", sa.JSON),
    sa.column("mandatory", sa.Boolean),
    sa.column("validity_months", sa.Integer),
    sa.column("sort_order", sa.Integer),
    sa.column("active", sa.Boolean),
)


def upgrade() -> None:
    op.bulk_insert(
        _requirement,
        [
            {
                "code": code,
                "title": title,
                "legal_forms": forms,
                "mandatory": mandatory,
                "validity_months": months,
                "sort_order": (index + 1) * 10,
                "active": True,
            }
            for index, (code, title, forms, mandatory, months) in enumerate(_CATALOGUE)
        ],
    )


def downgrade() -> None:
    codes = [row[0] for row in _CATALOGUE]
    op.execute(_requirement.delete().where(_requirement.c.code.in_(codes)))
