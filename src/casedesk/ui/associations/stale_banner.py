"""When another desk saved the same association meanwhile (a stale save): the question
whether to reload, and the banner that says what changed on both sides, keeps the
desk's own typing aside and offers to apply it again on top of the saved data."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from casedesk.domain import associations as rules
from casedesk.domain.associations import AssociationDraft
from casedesk.services.associations import StaleRecord
from casedesk.ui import palette
from casedesk.ui.associations.checker import field_label
from casedesk.ui.widgets import questions
from casedesk.ui.widgets.forms import named


def ask_to_reload(parent: QWidget, stale: StaleRecord) -> bool:
    """Whether the desk wants the data saved elsewhere in the form (its typing kept aside)."""
    tr = parent.tr
    what = ", ".join(stale.changed_fields) if stale.changed_fields else tr("lo stato")
    return questions.ask(
        parent,
        tr(
            "Nel frattempo un'altra postazione ha modificato questa associazione ({what}).\n"
            "Le tue modifiche non sono state salvate.\n\n"
            "Ricarico la scheda con i dati aggiornati? Le tue modifiche restano da parte: "
            "potrai riapplicarle con un clic e poi salvare."
        ).format(what=what),
        tr("&Ricarica i dati aggiornati"),
        tr("&Continua a modificare"),
        title=tr("Scheda modificata da un'altra postazione"),
        icon_kind=QMessageBox.Icon.Warning,
    )


def _shown(value: object) -> str:
    if value is None or value == "":
        return "vuoto"
    if isinstance(value, bool):
        return "sì" if value else "no"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def comparison(keys: Sequence[str], mine: AssociationDraft, current: AssociationDraft) -> str:
    """For the plain fields the desk changed: its version and the one saved now (HTML)."""
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


class StaleBanner(QFrame):
    """Hidden until `keep()`; «Riapplica le mie modifiche» emits `reapply(draft, fields)`:
    the data saved now with the desk's changed fields on top, and those fields' names."""

    reapply = Signal(object, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stale_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            palette.banner_style("stale_banner", palette.WARNING_BACKGROUND, palette.WARNING_BORDER)
        )
        self.label = QLabel()
        self.label.setObjectName("stale_label")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reapply_button = named(
            QPushButton(self.tr("Ri&applica le mie modifiche")),
            "reapply_button",
            self.tr("Riapplica le mie modifiche"),
        )
        self.reapply_button.setAutoDefault(False)
        self.reapply_button.clicked.connect(self.apply_kept)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reapply_button, 0, Qt.AlignmentFlag.AlignTop)
        self._mine: AssociationDraft | None = None
        self._fields: list[str] = []
        self._current: AssociationDraft | None = None
        self.hide()

    def has_kept(self) -> bool:
        """The desk's typing is kept aside and not applied again yet."""
        return self._mine is not None and bool(self._fields)

    def kept_fields(self) -> list[str]:
        return list(self._fields) if self._mine is not None else []

    def keep(
        self,
        loaded: AssociationDraft,
        mine: AssociationDraft,
        current: AssociationDraft,
        theirs: Sequence[str],
    ) -> None:
        """Keep what the desk changed from `loaded` in `mine`; `current` is now on screen,
        `theirs` the labels of what the other desk changed."""
        self._mine = mine
        self._fields = rules.changed_fields(loaded, mine)
        self._current = current
        mine_labels = [field_label(k) for k in self._fields]
        both = [label for label in mine_labels if label in theirs]
        parts = [
            html.escape(
                self.tr(
                    "La scheda mostra ora i dati salvati dall'altra postazione ({what})."
                ).format(what=", ".join(theirs) if theirs else self.tr("lo stato"))
            )
        ]
        if mine_labels:
            parts.append(
                html.escape(
                    self.tr("Le tue modifiche non salvate sono da parte: {fields}.").format(
                        fields=", ".join(mine_labels)
                    )
                )
            )
            if both:
                parts.append(
                    "<b>"
                    + html.escape(
                        self.tr("Modificati da entrambe le postazioni: {fields}.").format(
                            fields=", ".join(both)
                        )
                    )
                    + "</b>"
                )
            details = comparison(self._fields, mine, current)
            if details:
                parts.append(details)
        self.label.setText("<br>".join(parts))
        self.reapply_button.setVisible(bool(mine_labels))
        self.show()

    def apply_kept(self) -> None:
        """Emit `reapply` with the kept changes over the saved data, then forget them."""
        if self._mine is None or self._current is None:
            return
        fields = list(self._fields)
        merged = replace(self._current, **{k: getattr(self._mine, k) for k in fields})
        self._mine = None
        self.reapply_button.hide()
        self.label.setText(
            html.escape(
                self.tr(
                    "Le tue modifiche ({fields}) sono di nuovo nella scheda, sopra i dati "
                    "aggiornati: controlla e salva (Ctrl+S)."
                ).format(fields=", ".join(field_label(k) for k in fields))
            )
        )
        self.reapply.emit(merged, fields)
