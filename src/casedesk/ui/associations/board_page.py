"""The association form's page for the legal representative and the board."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from casedesk.domain.association_rows import parse_date
from casedesk.domain.associations import AssociationDraft, BoardMemberDraft
from casedesk.domain.validation import FieldError
from casedesk.ui.associations.fields import Reading, form_layout, line_edit
from casedesk.ui.associations.rows_editor import Column, RowsEditor
from casedesk.ui.associations.widgets import FieldMessages


class BoardPage(QWidget):
    """«Legale rappresentante» and the board's table.

    `edited(field)` as the desk changes something, `finished(field)` when it leaves
    the legal representative's line.
    """

    edited = Signal(str)
    finished = Signal(str)

    def __init__(self, messages: FieldMessages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("board_page")
        self.legal_representative_edit = line_edit(
            "legal_representative", self.tr("Legale rappresentante"), self.tr("nome e cognome")
        )
        self.board_editor = RowsEditor(
            "board",
            self.tr("Consiglio direttivo"),
            [
                Column("name", self.tr("Nome e cognome")),
                Column("role", self.tr("Ruolo"), "role", 170),
                Column("since", self.tr("In carica dal"), "date", 130),
            ],
            self.tr("Aggiungi &componente"),
        )
        fields = form_layout()
        fields.addRow(
            self.tr("&Legale rappresentante:"),
            messages.wrap("legal_representative", self.legal_representative_edit),
        )
        board_label = QLabel(self.tr("Consiglio &direttivo:"))
        board_label.setObjectName("board_label")
        board_label.setBuddy(self.board_editor.table)
        layout = QVBoxLayout(self)
        layout.addLayout(fields)
        layout.addWidget(board_label)
        layout.addWidget(
            messages.wrap("board_members", self.board_editor, self.board_editor.table), 1
        )
        # Loading uses setText (no textEdited) and set_rows (no changed): nothing to mute.
        self.legal_representative_edit.textEdited.connect(
            lambda _text: self.edited.emit("legal_representative")
        )
        self.legal_representative_edit.editingFinished.connect(
            lambda: self.finished.emit("legal_representative")
        )
        self.board_editor.changed.connect(lambda: self.edited.emit("board_members"))

    def load(self, draft: AssociationDraft | None) -> None:
        self.legal_representative_edit.setText(draft.legal_representative if draft else "")
        self.board_editor.set_rows(
            {"id": b.id, "name": b.name, "role": b.role, "since": b.since}
            for b in (draft.board_members if draft else [])
        )

    def read(self, into: Reading) -> Reading:
        """`into` with the legal representative and the board (a bad date is a problem)."""
        problems = list(into.problems)
        board: list[BoardMemberDraft] = []
        rows: list[int] = []
        for row, values in self.board_editor.rows():
            since, error = parse_date(values["since"])
            if error:
                problems.append(FieldError(f"board_members[{len(board)}].since", error))
            rows.append(row)
            board.append(BoardMemberDraft(values["name"], values["role"], since, id=values["id"]))
        draft = replace(
            into.draft,
            legal_representative=self.legal_representative_edit.text(),
            board_members=board,
        )
        return replace(
            into,
            draft=draft,
            problems=tuple(problems),
            table_rows={**into.table_rows, "board_members": rows},
        )
