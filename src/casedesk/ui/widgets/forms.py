"""Form helpers: naming widgets for tests and screen readers, errors under each field."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from casedesk.domain.validation import FieldError
from casedesk.services.errors import ServiceError, ValidationFailed
from casedesk.ui import palette
from casedesk.ui.errors import show_service_error

W = TypeVar("W", bound=QWidget)
T = TypeVar("T")


def named(widget: W, object_name: str, accessible_name: str) -> W:
    """Give `widget` the objectName tests find it by and the name screen readers say."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    return widget


class ErrorLabel(QLabel):
    """A red, word-wrapped, initially hidden label for one field's problem.

    Top-level windows size their layouts from minimum sizes, not height-for-width, so
    a wrapped label may get fewer lines than it needs. This one takes a fixed height:
    the lines its text needs at the width of the field it belongs to, refitted when
    that field is resized.
    """

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setAccessibleName(QCoreApplication.translate("FieldErrors", "Errore"))
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {palette.ERROR};")
        self._field: QWidget | None = None
        self.hide()

    def follow(self, field: QWidget) -> None:
        if self._field is not None:
            self._field.removeEventFilter(self)
        self._field = field
        field.installEventFilter(self)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.show()
        self.refit()  # after show(): a hidden widget's new size does not reach the layout

    def refit(self) -> None:
        width = self._field.width() if self._field is not None else self.width()
        policy = self.sizePolicy()
        if policy.hasHeightForWidth():
            policy.setHeightForWidth(False)
            self.setSizePolicy(policy)
        self.setFixedHeight(self.heightForWidth(max(width, 160)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._field and self.text():
            self.refit()
        return False


def error_label(object_name: str) -> ErrorLabel:
    return ErrorLabel(object_name)


def grow_to_fit(window: QWidget) -> None:
    """Make a top-level window tall enough for its wrapped texts at its current width.

    Qt gives a window the minimum size of its layout, which ignores height-for-width:
    after new messages appear, a dialog could squeeze its rows instead of growing.
    """
    layout = window.layout()
    if layout is None or not window.isWindow():
        return
    layout.activate()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(window.width())
    else:
        needed = layout.totalMinimumSize().height()
    if needed > window.height():
        window.resize(window.width(), needed)


def fit_to_contents(window: QWidget) -> None:
    """Size a new window to its contents, wrapped texts included, before it is shown.

    Qt's first-show sizing takes a wrapped label's size hint (a guess at its shape),
    which leaves gaps; this uses the layout's exact height at the window's width.
    """
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    width = max(window.minimumWidth(), window.sizeHint().width())
    if layout.hasHeightForWidth():
        height = layout.totalHeightForWidth(width)
    else:
        height = window.sizeHint().height()
    window.resize(width, max(height, window.minimumHeight()))


class FieldErrors:
    """The red labels under a form's fields, keyed by the field names services use.

    `wrap(name, widget)` returns the widget with its error label underneath, to put in
    the form; `show(errors)` fills the labels, focuses the first field in error and
    returns the errors that belong to no field here (for a message box).
    """

    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def wrap(self, name: str, widget: QWidget) -> QWidget:
        container = QWidget()
        container.setFocusProxy(widget)  # so the row's &-shortcut reaches the field
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = self.register(name, widget)
        layout.addWidget(label)
        return container

    def register(self, name: str, widget: QWidget, label: QLabel | None = None) -> QLabel:
        """Track `widget` as field `name`; returns its error label (new unless given)."""
        label = label or ErrorLabel(f"{self._prefix}{name}_error")
        label.setBuddy(widget)
        if isinstance(label, ErrorLabel):
            label.follow(widget)
        self._labels[name] = label
        self._widgets[name] = widget
        return label

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def message(self, name: str) -> str:
        label = self._labels[name]
        return "" if label.isHidden() else label.text()

    def set(self, name: str, message: str | None) -> None:
        label = self._labels[name]
        widget = self._widgets[name]
        if message:
            if isinstance(label, ErrorLabel):
                label.show_message(message)
            else:
                label.setText(message)
                label.show()
            widget.setAccessibleDescription(message)
        else:
            label.clear()
            label.hide()
            widget.setAccessibleDescription("")

    def clear(self) -> None:
        for name in self._labels:
            self.set(name, None)

    def show(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Show each error under its field; returns the ones with no field in this form."""
        self.clear()
        unplaced: list[FieldError] = []
        first: QWidget | None = None
        for error in errors:
            if error.field not in self._labels:
                unplaced.append(error)
                continue
            previous = self.message(error.field)
            self.set(error.field, f"{previous}\n{error.message}" if previous else error.message)
            first = first or self._widgets[error.field]
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            grow_to_fit(first.window())
        return unplaced

    def has_errors(self) -> bool:
        return any(not label.isHidden() for label in self._labels.values())


class ErrorsView(Protocol):
    """Where a form shows its field errors: FieldErrors, or an adapter with the same two calls."""

    def show(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Show each error under its field; return those with no field here."""
        ...

    def clear(self) -> None: ...


def _views(errors: ErrorsView | Sequence[ErrorsView]) -> list[ErrorsView]:
    return list(errors) if isinstance(errors, Sequence) else [errors]


def show_field_errors(
    errors: Iterable[FieldError],
    views: ErrorsView | Sequence[ErrorsView],
    parent: QWidget | None,
) -> None:
    """Each error under its field in the first of `views` that has it; the rest in a box."""
    unplaced = list(errors)
    for view in _views(views):
        unplaced = view.show(unplaced)
    if unplaced:
        show_service_error(parent, ValidationFailed(unplaced))


def submit(
    call: Callable[[], T],
    errors: ErrorsView | Sequence[ErrorsView],
    parent: QWidget | None,
    *,
    precheck: Iterable[FieldError] = (),
    passthrough: tuple[type[ServiceError], ...] = (),
    on_failure: Callable[[ServiceError], object] | None = None,
) -> T | None:
    """Run a dialog's service call; its result, or None after showing why it failed.

    `precheck`: the problems the domain's validation finds in what was typed; when
    there are any they are shown and `call` is not made (the desk sees the errors
    at once, without a round trip). A `ValidationFailed` from the service puts each
    message under its field in `errors` (one FieldErrors, or several tried in
    order, e.g. a wizard's pages); those with no field, and any other ServiceError,
    go to a message box over `parent`; then `on_failure(error)` is called, if given
    (e.g. to read the data again). Errors of the types in `passthrough` are raised
    again, untouched, for the caller to handle (e.g. a Conflict that closes the
    dialog). Other exceptions are bugs and propagate to the program's error handler.

    A `call` that returns None on success cannot be told from a failure: return
    something (e.g. `lambda: (action(), True)[1]`) when the caller needs to know.
    """
    checked = list(precheck)
    views = _views(errors)
    for view in views:
        view.clear()
    if checked:
        show_field_errors(checked, views, parent)
        return None
    try:
        return call()
    except ServiceError as exc:
        if isinstance(exc, passthrough):
            raise
        if isinstance(exc, ValidationFailed):
            show_field_errors(exc.errors, views, parent)
        else:
            show_service_error(parent, exc)
        if on_failure is not None:
            on_failure(exc)
    return None
