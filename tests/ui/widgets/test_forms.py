"""Errors appear in red under their field; the rest is handed back for a message box."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from casedesk.domain.validation import FieldError
from casedesk.ui.widgets.forms import FieldErrors, named


def _form(qtbot) -> tuple[QWidget, FieldErrors, QLineEdit, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    errors = FieldErrors()
    name = named(QLineEdit(), "name_edit", "Nome")
    email = named(QLineEdit(), "email_edit", "Email")
    form = QFormLayout(window)
    form.addRow("&Nome:", errors.wrap("name", name))
    form.addRow("&Email:", errors.wrap("email", email))
    window.show()
    qtbot.waitExposed(window)
    return window, errors, name, email


def test_named_sets_object_and_accessible_name(qtbot) -> None:
    edit = named(QLineEdit(), "x_edit", "Campo X")
    qtbot.addWidget(edit)
    assert edit.objectName() == "x_edit"
    assert edit.accessibleName() == "Campo X"


def test_errors_show_under_their_field_and_focus_the_first(qtbot) -> None:
    _window, errors, _name, email = _form(qtbot)
    unplaced = errors.show(
        [
            FieldError("email", "«x» non è un indirizzo email valido."),
            FieldError("other", "Un altro problema."),
        ]
    )
    assert unplaced == [FieldError("other", "Un altro problema.")]
    label = errors.label("email")
    assert label.isVisible()
    assert label.text() == "«x» non è un indirizzo email valido."
    assert label.objectName() == "email_error"
    assert not errors.label("name").isVisible()
    assert email.accessibleDescription() == label.text()
    qtbot.waitUntil(email.hasFocus)
    assert errors.has_errors()

    errors.clear()
    assert not label.isVisible()
    assert not errors.has_errors()
    assert email.accessibleDescription() == ""


def test_two_errors_on_one_field_are_both_shown(qtbot) -> None:
    _window, errors, _name, _email = _form(qtbot)
    errors.show([FieldError("name", "Primo."), FieldError("name", "Secondo.")])
    assert errors.message("name") == "Primo.\nSecondo."


def test_a_long_message_gets_all_the_lines_it_needs(qtbot) -> None:
    window, errors, _name, _email = _form(qtbot)
    window.resize(300, window.height())
    message = "Un messaggio molto lungo che non entra in una riga sola. " * 4
    errors.show([FieldError("name", message)])
    label = errors.label("name")
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.height() > label.fontMetrics().lineSpacing() * 2


def test_the_row_label_shortcut_reaches_the_field(qtbot) -> None:
    _window, errors, name, _email = _form(qtbot)
    container = errors.label("name").parentWidget()
    assert container.focusProxy() is name


# --- submit: the «call the service, show the field errors» block of every dialog ------


def test_submit_returns_the_result_and_clears_old_errors(qtbot, message_boxes) -> None:
    from casedesk.ui.widgets.forms import submit

    window, errors, _name, _email = _form(qtbot)
    errors.show([FieldError("name", "vecchio errore")])
    assert submit(lambda: 42, errors, window) == 42
    assert not errors.has_errors()
    assert message_boxes == []


def test_submit_puts_validation_errors_under_fields_and_the_rest_in_a_box(
    qtbot, message_boxes
) -> None:
    from casedesk.services.errors import ValidationFailed
    from casedesk.ui.widgets.forms import submit

    window, errors, name, _email = _form(qtbot)

    def refuse() -> int:
        raise ValidationFailed(
            [FieldError("name", "Nome già usato."), FieldError("elsewhere", "Altro problema.")]
        )

    assert submit(refuse, errors, window) is None
    assert errors.message("name") == "Nome già usato."
    assert [box.text for box in message_boxes] == ["Altro problema."]
    qtbot.waitUntil(name.hasFocus)


def test_submit_tries_several_views_in_order(qtbot, message_boxes) -> None:
    from casedesk.services.errors import ValidationFailed
    from casedesk.ui.widgets.forms import submit

    window, first, _name, _email = _form(qtbot)
    second = FieldErrors(prefix="other_")
    form = window.layout()
    assert isinstance(form, QFormLayout)
    form.addRow("&Città:", second.wrap("city", named(QLineEdit(), "city_edit", "Città")))

    def refuse() -> int:
        raise ValidationFailed(
            [FieldError("city", "Città sconosciuta."), FieldError("email", "No.")]
        )

    assert submit(refuse, [first, second], window) is None
    assert first.message("email") == "No."
    assert second.message("city") == "Città sconosciuta."
    assert message_boxes == []


def test_submit_precheck_stops_before_the_call(qtbot, message_boxes) -> None:
    from casedesk.ui.widgets.forms import submit

    window, errors, _name, _email = _form(qtbot)
    calls: list[int] = []
    result = submit(
        lambda: calls.append(1),
        errors,
        window,
        precheck=[FieldError("email", "«x» non è un indirizzo email valido.")],
    )
    assert result is None
    assert calls == []
    assert errors.message("email") == "«x» non è un indirizzo email valido."


def test_submit_shows_other_service_errors_and_passes_chosen_ones_through(
    qtbot, message_boxes
) -> None:
    import pytest

    from casedesk.services.errors import Conflict, PermissionDenied
    from casedesk.ui.widgets.forms import submit

    window, errors, _name, _email = _form(qtbot)

    def denied() -> int:
        raise PermissionDenied("Questa operazione è riservata ai coordinatori.")

    def conflict() -> int:
        raise Conflict("Già fatto altrove.")

    assert submit(denied, errors, window) is None
    assert [box.text for box in message_boxes] == ["Questa operazione è riservata ai coordinatori."]
    with pytest.raises(Conflict):
        submit(conflict, errors, window, passthrough=(Conflict,))
    assert len(message_boxes) == 1


def test_submit_calls_on_failure_after_showing(qtbot, message_boxes) -> None:
    from casedesk.services.errors import NotFound, ValidationFailed
    from casedesk.ui.widgets.forms import submit

    window, errors, _name, _email = _form(qtbot)
    failures: list[tuple[str, int]] = []

    def gone() -> int:
        raise NotFound("Il documento non esiste più.")

    def invalid() -> int:
        raise ValidationFailed([FieldError("name", "Nome già usato.")])

    for call in (gone, invalid):
        submit(
            call,
            errors,
            window,
            on_failure=lambda exc: failures.append((type(exc).__name__, len(message_boxes))),
        )
    assert failures == [("NotFound", 1), ("ValidationFailed", 1)]
    assert errors.message("name") == "Nome già usato."
