"""How the association form checks itself: a `FormChecker` checks the form a short
pause after each edit (at once when the desk leaves a field it changed) with the
services' rules, asking the register only when the name, tax code or legal form
change, and emits `checked(Problems)`: what to show under the fields the desk has
touched, the table cells to tint, and the fields that block saving."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from casedesk.domain import associations as rules
from casedesk.domain.associations import FIELD_LABELS, Validation
from casedesk.domain.validation import FieldError
from casedesk.services.associations import check_association
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.ui.associations.fields import Reading

CHECK_DELAY_MS = 300

ROW_FIELD = re.compile(r"^(board_members|contact_persons)\[(\d+)\]\.(\w+)$")
TABLES = ("board_members", "contact_persons")

Cells = dict[tuple[int, str], str]


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def fold_rows(
    found: Iterable[FieldError], table_rows: Mapping[str, Sequence[int]]
) -> tuple[list[FieldError], dict[str, Cells]]:
    """Row problems as "Riga n: …" under their table (n as the desk counts the table's
    rows), plus the cells to tint, (table row, column) -> message, per table."""
    out: list[FieldError] = []
    cells: dict[str, Cells] = {table: {} for table in TABLES}
    for f in found:
        m = ROW_FIELD.match(f.field)
        if not m:
            out.append(f)
            continue
        table, index, column = m[1], int(m[2]), m[3]
        rows = table_rows.get(table, ())
        row = rows[index] if index < len(rows) else index
        cells[table][(row, column)] = f.message
        message = QCoreApplication.translate("associations", "Riga {n}: {message}")
        out.append(FieldError(table, message.format(n=row + 1, message=f.message)))
    return out, cells


@dataclass(frozen=True)
class Problems:
    """One check's outcome as the form shows it.

    `errors` and `warnings` have the row problems folded under their table; only the
    `touched` fields show theirs (`shown_errors`), but every error blocks saving
    (`blocking`: field names, once each, in the order of the form's fields).
    """

    validation: Validation = field(default_factory=Validation)
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)
    cells: dict[str, Cells] = field(default_factory=dict)
    touched: frozenset[str] = frozenset()
    blocking: list[str] = field(default_factory=list)

    def shown_errors(self) -> list[FieldError]:
        return [e for e in self.errors if e.field in self.touched]

    def shown_warnings(self) -> list[FieldError]:
        return [w for w in self.warnings if w.field in self.touched]

    def shown_cells(self, table: str) -> Cells:
        return self.cells.get(table, {}) if table in self.touched else {}


class FormChecker(QObject):
    """Checks what `read()` returns; `fields` are the form's field names in order.

    `edited(field)` marks the field touched and (re)starts the pause; `finished(field)`
    checks at once if that field's edit is still waiting. `checked(Problems)` after
    every check and whenever the touched fields change.
    """

    checked = Signal(object)

    def __init__(
        self,
        ctx: ServiceContext,
        read: Callable[[], Reading],
        fields: Sequence[str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._read = read
        self._fields = list(fields)
        self.exclude_id: int | None = None  # the association itself, for duplicates
        self._touched: set[str] = set()
        self._validation = Validation()
        self._table_rows: dict[str, Sequence[int]] = {}
        self._register_key: tuple[Any, ...] | None = None
        self._register_errors: list[FieldError] = []
        self._register_warnings: list[FieldError] = []
        self.problems = Problems()
        self.timer = QTimer(self)
        self.timer.setObjectName("check_timer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.validate_now)

    # --- what the desk did -------------------------------------------------------------

    def edited(self, name: str) -> None:
        self._touched.add(name)
        self.timer.start()

    def finished(self, name: str) -> None:
        if self.timer.isActive() and name in self._touched:
            self.validate_now()

    @property
    def touched(self) -> frozenset[str]:
        return frozenset(self._touched)

    def set_touched(self, names: Iterable[str]) -> None:
        """Show the problems of exactly these fields (e.g. all of a saved association)."""
        self._touched = set(names)
        self._emit()

    def touch(self, names: Iterable[str]) -> None:
        self._touched |= set(names)
        self._emit()

    def touch_all(self) -> None:
        self.set_touched(self._fields)

    def forget_register(self) -> None:
        """Ask the register again at the next check (the data under the form changed)."""
        self._register_key = None

    def stop(self) -> None:
        self.timer.stop()

    # --- checking ----------------------------------------------------------------------

    def validate_now(self) -> Validation:
        """Check now: the domain's rules, plus the register's when its key changed."""
        self.timer.stop()
        reading = self._read()
        draft = reading.draft
        local = rules.validate(draft)
        key = (
            rules.name_key(draft.name),
            rules.normalise_tax_code(draft.tax_code),
            reading.legal_form,
        )
        if key != self._register_key:
            try:
                full = check_association(self._ctx, draft, self.exclude_id)
            except ServiceError:
                full = Validation()  # the register could not be read: the rules still apply
            # What only the register knows: a duplicate tax code, a similar name.
            self._register_errors = [f for f in full.errors if f.ref_id is not None]
            self._register_warnings = [f for f in full.warnings if f.ref_id is not None]
            self._register_key = key
        self._validation = Validation(
            list(reading.problems) + local.errors + self._register_errors,
            local.warnings + self._register_warnings,
        )
        self._table_rows = dict(reading.table_rows)
        self._emit()
        return self._validation

    def take_errors(self, errors: Iterable[FieldError]) -> None:
        """Errors the save found (the services have the last word): shown on every field."""
        self._validation = Validation(list(errors), self._validation.warnings)
        self._touched = set(self._fields)
        self._emit()

    @property
    def validation(self) -> Validation:
        return self._validation

    def _emit(self) -> None:
        errors, cells = fold_rows(self._validation.errors, self._table_rows)
        warnings, _ = fold_rows(self._validation.warnings, self._table_rows)
        order = {name: i for i, name in enumerate(self._fields)}
        blocking = sorted({e.field for e in errors}, key=lambda n: order.get(n, len(order)))
        self.problems = Problems(
            self._validation, errors, warnings, cells, frozenset(self._touched), blocking
        )
        self.checked.emit(self.problems)
