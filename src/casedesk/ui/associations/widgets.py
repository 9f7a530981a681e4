"""Small pieces the associations tab, form and import dialog share.

* `FieldMessages`: under each field a red label (what blocks saving) and an amber
  one (what deserves a look), both able to carry an «Apri «…»» link to another
  association.
* `BlockerLabel`: «Da correggere: …», each field a link (`linkActivated(name)`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from casedesk.domain.associations import FIELD_LABELS
from casedesk.domain.validation import FieldError
from casedesk.ui import palette
from casedesk.ui.widgets.forms import ErrorLabel, grow_to_fit

LINK_PREFIX = "association:"


def _tr(text: str) -> str:
    return QCoreApplication.translate("associations", text)


# --- messages under the fields ------------------------------------------------------


class MessageLabel(ErrorLabel):
    """An ErrorLabel in a given colour that shows rich text (for «Apri «…»» links)."""

    def __init__(self, object_name: str, color: str, accessible: str) -> None:
        super().__init__(object_name)
        self.setAccessibleName(accessible)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setStyleSheet(f"color: {color};")
        self.plain = ""  # the message without markup, for tests and screen readers


def message_html(messages: Iterable[FieldError], color: str) -> str:
    """The messages as lines of HTML, each with a link to the association it names."""
    lines = []
    for m in messages:
        text = html.escape(m.message)
        if m.ref_id is not None:
            name = _quoted_name(m.message)
            link = _tr("Apri «{name}»").format(name=name) if name else _tr("Apri la scheda")
            text += (
                f' <a href="{LINK_PREFIX}{m.ref_id}" style="color: {color};">'
                f"{html.escape(link)}</a>"
            )
        lines.append(text)
    return "<br>".join(lines)


def _quoted_name(message: str) -> str:
    start = message.find("«")
    end = message.rfind("»")
    return message[start + 1 : end] if 0 <= start < end else ""


class FieldMessages:
    """The red and amber labels under a form's fields, keyed by the services' field names.

    `wrap(name, widget)` returns the widget with its two labels underneath; `show`
    fills them from a validation; a click on an «Apri «…»» link calls `on_link(id)`.
    """

    def __init__(self, on_link: Callable[[int], None]) -> None:
        self._on_link = on_link
        self._errors: dict[str, MessageLabel] = {}
        self._warnings: dict[str, MessageLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def wrap(self, name: str, widget: QWidget, follow: QWidget | None = None) -> QWidget:
        container = QWidget()
        container.setObjectName(f"{name}_field")
        container.setFocusProxy(widget)
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        error, warning = self.register(name, widget, follow)
        layout.addWidget(error)
        layout.addWidget(warning)
        return container

    def register(
        self, name: str, widget: QWidget, follow: QWidget | None = None
    ) -> tuple[MessageLabel, MessageLabel]:
        error = MessageLabel(f"{name}_error", palette.ERROR, _tr("Errore"))
        warning = MessageLabel(f"{name}_warning", palette.WARNING, _tr("Avviso"))
        for label in (error, warning):
            label.setBuddy(widget)
            label.follow(follow or widget)
            label.linkActivated.connect(self._link)
        self._errors[name] = error
        self._warnings[name] = warning
        self._widgets[name] = widget
        return error, warning

    def _link(self, href: str) -> None:
        if href.startswith(LINK_PREFIX):
            self._on_link(int(href.removeprefix(LINK_PREFIX)))

    def names(self) -> list[str]:
        return list(self._widgets)

    def widget(self, name: str) -> QWidget:
        return self._widgets[name]

    def error_label(self, name: str) -> MessageLabel:
        return self._errors[name]

    def warning_label(self, name: str) -> MessageLabel:
        return self._warnings[name]

    def error(self, name: str) -> str:
        label = self._errors[name]
        return "" if label.isHidden() else label.plain

    def warning(self, name: str) -> str:
        label = self._warnings[name]
        return "" if label.isHidden() else label.plain

    def _set(self, label: MessageLabel, messages: list[FieldError], color: str) -> bool:
        plain = "\n".join(m.message for m in messages)
        if plain == label.plain and label.isHidden() != bool(messages):
            return False
        label.plain = plain
        if messages:
            label.show_message(message_html(messages, color))
        else:
            label.clear()
            label.hide()
        return True

    def show(self, errors: Iterable[FieldError], warnings: Iterable[FieldError]) -> bool:
        """Fill every label; True if something changed on screen."""
        by_field: dict[str, list[FieldError]] = {}
        for e in errors:
            by_field.setdefault(e.field, []).append(e)
        warned: dict[str, list[FieldError]] = {}
        for w in warnings:
            warned.setdefault(w.field, []).append(w)
        changed = False
        for name, label in self._errors.items():
            found = by_field.get(name, [])
            changed |= self._set(label, found, palette.ERROR)
            described = "\n".join(m.message for m in found + warned.get(name, []))
            self._widgets[name].setAccessibleDescription(described)
        for name, label in self._warnings.items():
            changed |= self._set(label, warned.get(name, []), palette.WARNING)
        if changed and self._errors:
            window = next(iter(self._errors.values())).window()
            if window.isVisible():
                grow_to_fit(window)
        return changed


# --- what blocks saving --------------------------------------------------------------


class BlockerLabel(QLabel):
    """The footer's «Da correggere: …»: each field a link; a click emits
    `linkActivated(field name)` to go and fix it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blocker_label")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(f"color: {palette.ERROR};")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )

    def show_fields(self, names: Iterable[str]) -> None:
        """Name the fields that block saving (none: the label is empty)."""
        links = ", ".join(
            f'<a href="{name}" style="color: {palette.ERROR};">'
            f"{html.escape(FIELD_LABELS.get(name, name))}</a>"
            for name in names
        )
        if links:
            self.setText(_tr("Da correggere: {fields}").format(fields=links))
            self.setToolTip(_tr("Clic su un nome per andare al campo e vedere che cosa non va."))
        else:
            self.clear()
            self.setToolTip("")
