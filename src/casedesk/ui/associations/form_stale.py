"""When another desk saved the same association meanwhile (a stale save): the question
whether to reload, the banner that says what changed on both sides, and the button
that applies the desk's own typing, kept aside, again on top of the saved data."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from casedesk.domain import associations as rules
from casedesk.domain.associations import FIELD_LABELS, AssociationDraft
from casedesk.services.associations import AssociationRecord, StaleRecord
from casedesk.ui import palette
from casedesk.ui.associations.form_checking import field_label
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import named

if TYPE_CHECKING:
    from casedesk.ui.associations.form import AssociationForm


def build_stale_banner(form: AssociationForm) -> None:
    """After a reload caused by another desk's save: what was kept, and a way back."""
    form.stale_banner = QFrame()
    form.stale_banner.setObjectName("stale_banner")
    form.stale_banner.setFrameShape(QFrame.Shape.StyledPanel)
    form.stale_banner.setStyleSheet(
        palette.banner_style("stale_banner", palette.WARNING_BACKGROUND, palette.WARNING_BORDER)
    )
    form.stale_label = QLabel()
    form.stale_label.setObjectName("stale_label")
    form.stale_label.setWordWrap(True)
    form.stale_label.setTextFormat(Qt.TextFormat.RichText)
    form.stale_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    form.reapply_button = named(
        QPushButton(form.tr("Ri&applica le mie modifiche")),
        "reapply_button",
        form.tr("Riapplica le mie modifiche"),
    )
    form.reapply_button.setAutoDefault(False)
    form.reapply_button.clicked.connect(form.reapply_mine)
    banner = QHBoxLayout(form.stale_banner)
    banner.addWidget(form.stale_label, 1)
    banner.addWidget(form.reapply_button, 0, Qt.AlignmentFlag.AlignTop)
    form.stale_banner.hide()


def ask_to_reload(form: AssociationForm, stale: StaleRecord, mine: AssociationDraft) -> None:
    what = ", ".join(stale.changed_fields) if stale.changed_fields else form.tr("lo stato")
    reload = questions.ask(
        form,
        form.tr(
            "Nel frattempo un'altra postazione ha modificato questa associazione ({what}).\n"
            "Le tue modifiche non sono state salvate.\n\n"
            "Ricarico la scheda con i dati aggiornati? Le tue modifiche restano da parte: "
            "potrai riapplicarle con un clic e poi salvare."
        ).format(what=what),
        form.tr("&Ricarica i dati aggiornati"),
        form.tr("&Continua a modificare"),
        title=form.tr("Scheda modificata da un'altra postazione"),
        icon_kind=QMessageBox.Icon.Warning,
    )
    if reload:
        form.reload_from(stale.current, mine, stale.changed_fields)


def reload_from(
    form: AssociationForm,
    current: AssociationRecord,
    mine: AssociationDraft,
    theirs: Sequence[str],
) -> None:
    loaded = form.record.draft if form.record else current.draft
    form._mine = mine
    form._mine_fields = _changed_keys(loaded, mine)
    form.record = current
    form._load(current.draft)
    form._baseline = form._snapshot()
    form._register_key = None
    form._show_record()
    form.validate_now()
    mine_labels = [field_label(k) for k in form._mine_fields]
    both = [label for label in mine_labels if label in theirs]
    parts = [
        html.escape(
            form.tr("La scheda mostra ora i dati salvati dall'altra postazione ({what}).").format(
                what=", ".join(theirs) if theirs else form.tr("lo stato")
            )
        )
    ]
    if mine_labels:
        parts.append(
            html.escape(
                form.tr("Le tue modifiche non salvate sono da parte: {fields}.").format(
                    fields=", ".join(mine_labels)
                )
            )
        )
        if both:
            parts.append(
                "<b>"
                + html.escape(
                    form.tr("Modificati da entrambe le postazioni: {fields}.").format(
                        fields=", ".join(both)
                    )
                )
                + "</b>"
            )
        details = _comparison(form._mine_fields, mine, current.draft)
        if details:
            parts.append(details)
    form.stale_label.setText("<br>".join(parts))
    form.reapply_button.setVisible(bool(mine_labels))
    form.stale_banner.show()


def reapply_mine(form: AssociationForm) -> None:
    if form._mine is None or form.record is None:
        return
    current = form.record.draft
    merged = replace(current, **{k: getattr(form._mine, k) for k in form._mine_fields})
    form._load(merged)
    form._touched |= set(form._mine_fields) & set(form.messages.names())
    form._register_key = None
    form.validate_now()
    form.stale_label.setText(
        html.escape(
            form.tr(
                "Le tue modifiche ({fields}) sono di nuovo nella scheda, sopra i dati "
                "aggiornati: controlla e salva (Ctrl+S)."
            ).format(fields=", ".join(field_label(k) for k in form._mine_fields))
        )
    )
    form.reapply_button.hide()
    form._mine = None


def _without_id(value: object) -> object:
    if isinstance(value, list):
        return [
            {k: v for k, v in row.items() if k != "id"} if isinstance(row, dict) else row
            for row in value
        ]
    return value


def _changed_keys(before: AssociationDraft, after: AssociationDraft) -> list[str]:
    a, b = rules.as_plain(before), rules.as_plain(after)
    return [k for k in FIELD_LABELS if _without_id(a.get(k)) != _without_id(b.get(k))]


def _comparison(keys: Sequence[str], mine: AssociationDraft, current: AssociationDraft) -> str:
    """For the plain fields the desk changed: its version and the one saved now."""
    a, b = rules.as_plain(mine), rules.as_plain(current)
    lines = []
    for key in keys:
        ours, theirs = a.get(key), b.get(key)
        if isinstance(ours, list | dict) or isinstance(theirs, list | dict):
            continue
        lines.append(
            html.escape(
                f"{field_label(key)} — la tua: «{_shown(ours)}»; quella salvata: «{_shown(theirs)}»"
            )
        )
    return "<br>".join(lines)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "vuoto"
    if isinstance(value, bool):
        return "sì" if value else "no"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"
