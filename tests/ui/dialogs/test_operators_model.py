"""The operators table model on its own (no database)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from casedesk.domain.enums import Role
from casedesk.domain.operators import OperatorInfo
from casedesk.ui.dialogs.operators import OperatorsTableModel

ROWS = [
    OperatorInfo(1, "anna", "Anna Rossi", Role.COORDINATORE),
    OperatorInfo(2, "bruno", "Bruno Bianchi", Role.OPERATORE, active=False),
    OperatorInfo(3, "carla", "Carla Verdi", Role.OPERATORE, must_change_password=True),
]


def test_empty_model_passes_the_model_tester(qtmodeltester) -> None:
    qtmodeltester.check(OperatorsTableModel())


def test_model_passes_the_model_tester(qtmodeltester) -> None:
    model = OperatorsTableModel(ROWS)
    qtmodeltester.check(model)
    model.set_operators(ROWS[:1])
    qtmodeltester.check(model)


def test_cells(qapp) -> None:
    model = OperatorsTableModel(ROWS)
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(3)]
    assert rows == [
        ["Anna Rossi", "anna", "Coordinatore", "Sì", "No"],
        ["Bruno Bianchi", "bruno", "Operatore", "No", "No"],
        ["Carla Verdi", "carla", "Operatore", "Sì", "Sì"],
    ]
    assert model.row_of(3) == 2
    assert model.row_of(99) is None


def test_inactive_operators_are_greyed_with_a_tooltip(qapp) -> None:
    model = OperatorsTableModel(ROWS)
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Account disattivato: non può accedere."
    )
