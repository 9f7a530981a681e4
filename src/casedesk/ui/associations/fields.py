"""What every page of the association form uses: the line edits and form layouts,
and `Reading`, the association as the pages read it from their widgets.

A page adds its part to a `Reading` (`page.read(reading) -> reading`), so that the
form can fold its pages into one draft without knowing what each of them holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit

from casedesk.domain.associations import AssociationDraft
from casedesk.domain.enums import LegalForm
from casedesk.domain.validation import FieldError
from casedesk.ui.widgets.forms import named


@dataclass(frozen=True)
class Reading:
    """The association as the widgets show it.

    `problems`: what the widgets could not turn into data (a date that is not a date,
    no legal form chosen yet); `legal_form` is None until one is chosen (the draft
    then holds a stand-in); `table_rows[table][i]` is the table row that shows the
    draft's i-th row of `table` (blank rows are skipped), to name rows as the desk
    sees them.
    """

    draft: AssociationDraft = field(
        default_factory=lambda: AssociationDraft(
            name="", legal_form=LegalForm.ASSOCIAZIONE_NON_RICONOSCIUTA
        )
    )
    legal_form: LegalForm | None = None
    problems: tuple[FieldError, ...] = ()
    table_rows: Mapping[str, Sequence[int]] = field(default_factory=dict)


def line_edit(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    edit = named(QLineEdit(), f"{name}_edit", accessible)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return form
