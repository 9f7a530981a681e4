"""The «Modifica» menu: the standard editing actions, applied to the focused field.

Text fields (line edits, text areas, editable lists and spin boxes, whose editor is a
QLineEdit) get Annulla/Ripeti/Taglia/Copia/Incolla/Seleziona tutto; tables and lists
get Copia (the selected cells, tab-separated, ready for a spreadsheet) and
Seleziona tutto. Each action is enabled only when it would do something.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QObject
from PySide6.QtGui import QAction, QClipboard, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from casedesk.ui.icons import icon

_TextArea = QTextEdit | QPlainTextEdit


def _clipboard_text() -> str:
    clipboard: QClipboard = QGuiApplication.clipboard()
    return clipboard.text()


def copy_selection(view: QAbstractItemView) -> None:
    """The view's selected cells as tab-separated rows on the clipboard."""
    indexes = sorted(view.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column()))
    if not indexes:
        return
    rows: dict[int, list[str]] = {}
    for index in indexes:
        value = index.data()
        rows.setdefault(index.row(), []).append("" if value is None else str(value))
    QGuiApplication.clipboard().setText("\n".join("\t".join(cells) for cells in rows.values()))


class EditActions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self.setObjectName("edit_actions")
        spec = [
            ("undo", self.tr("&Annulla"), QKeySequence.StandardKey.Undo),
            ("redo", self.tr("&Ripeti"), QKeySequence.StandardKey.Redo),
            ("cut", self.tr("&Taglia"), QKeySequence.StandardKey.Cut),
            ("copy", self.tr("&Copia"), QKeySequence.StandardKey.Copy),
            ("paste", self.tr("&Incolla"), QKeySequence.StandardKey.Paste),
            ("select_all", self.tr("&Seleziona tutto"), QKeySequence.StandardKey.SelectAll),
        ]
        self.actions: dict[str, QAction] = {}
        for name, text, keys in spec:
            action = QAction(icon(name), text, parent)
            action.setObjectName(f"{name}_action")
            action.setShortcut(keys)
            action.triggered.connect(lambda _checked=False, name=name: self.trigger(name))
            self.actions[name] = action
        self._watched: list[QMetaObject.Connection] = []
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            QGuiApplication.clipboard().dataChanged.connect(self.update)
        self.update()

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        """Follow the focused widget's selection and text, so shortcuts stay accurate."""
        for connection in self._watched:
            QObject.disconnect(connection)
        self._watched = []
        widget = self._target()
        signals = []
        if isinstance(widget, QLineEdit):
            signals = [widget.selectionChanged, widget.textChanged]
        elif isinstance(widget, _TextArea):
            signals = [
                widget.selectionChanged,
                widget.textChanged,
                widget.undoAvailable,
                widget.redoAvailable,
            ]
        elif isinstance(widget, QAbstractItemView) and widget.selectionModel() is not None:
            signals = [widget.selectionModel().selectionChanged]
        self._watched = [signal.connect(self.update) for signal in signals]
        self.update()

    def fill(self, menu: QMenu) -> None:
        for name, action in self.actions.items():
            menu.addAction(action)
            if name in ("redo", "paste"):
                menu.addSeparator()
        menu.aboutToShow.connect(self.update)

    def _target(self) -> QWidget | None:
        widget = QApplication.focusWidget()
        if widget is None or not self._window.isAncestorOf(widget):
            return None
        return widget

    def _available(self, widget: QWidget | None) -> dict[str, bool]:
        if isinstance(widget, QLineEdit):
            plain = widget.echoMode() == QLineEdit.EchoMode.Normal
            writable = not widget.isReadOnly()
            selected = widget.hasSelectedText()
            return {
                "undo": writable and widget.isUndoAvailable(),
                "redo": writable and widget.isRedoAvailable(),
                "cut": writable and plain and selected,
                "copy": plain and selected,
                "paste": writable and bool(_clipboard_text()),
                "select_all": bool(widget.text()),
            }
        if isinstance(widget, _TextArea):
            writable = not widget.isReadOnly()
            document = widget.document()
            selected = widget.textCursor().hasSelection()
            return {
                "undo": writable and document.isUndoAvailable(),
                "redo": writable and document.isRedoAvailable(),
                "cut": writable and selected,
                "copy": selected,
                "paste": writable and widget.canPaste(),
                "select_all": not document.isEmpty(),
            }
        if isinstance(widget, QAbstractItemView) and widget.selectionModel() is not None:
            multi = widget.selectionMode() in (
                QAbstractItemView.SelectionMode.ExtendedSelection,
                QAbstractItemView.SelectionMode.MultiSelection,
            )
            return {
                "copy": widget.selectionModel().hasSelection(),
                "select_all": multi,
            }
        return {}

    def update(self, *_args: object) -> None:
        available = self._available(self._target())
        for name, action in self.actions.items():
            action.setEnabled(available.get(name, False))

    def trigger(self, name: str) -> None:
        widget = self._target()
        if not self._available(widget).get(name, False):
            return
        if isinstance(widget, QAbstractItemView):
            if name == "copy":
                copy_selection(widget)
            else:
                widget.selectAll()
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            {
                "undo": widget.undo,
                "redo": widget.redo,
                "cut": widget.cut,
                "copy": widget.copy,
                "paste": widget.paste,
                "select_all": widget.selectAll,
            }[name]()
        self.update()
