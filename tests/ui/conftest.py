"""Helpers for the UI tests: message boxes that never block, and an accessibility check.

A modal `exec()` left open would hang the run, so every test that may show a message
box uses `message_boxes`, which records the box instead of showing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


@dataclass
class ShownBox:
    icon: QMessageBox.Icon
    title: str
    text: str
    details: str


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[ShownBox]]:
    shown: list[ShownBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(ShownBox(box.icon(), box.windowTitle(), box.text(), box.detailedText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    yield shown


_INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
    QTabBar,
    QTextEdit,
    QPlainTextEdit,
)
# Parts Qt builds inside a composite widget: the composite carries the name.
_COMPOSITES = (QAbstractItemView, QTabBar, QAbstractSpinBox, QComboBox)


def _unnamed_widgets(root: QWidget) -> list[str]:
    """Interactive widgets under `root` that lack an objectName or an accessible name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, _INTERACTIVE) or isinstance(widget, QHeaderView):
            continue
        if not widget.isVisibleTo(root):
            continue
        parent = widget.parentWidget()
        inside_composite = False
        while parent is not None and parent is not root:
            if isinstance(parent, _COMPOSITES):
                inside_composite = True
                break
            parent = parent.parentWidget()
        if inside_composite:
            continue
        if not widget.objectName() or not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


@pytest.fixture
def unnamed_widgets() -> Callable[[QWidget], list[str]]:
    """`unnamed_widgets(root)`: interactive widgets without objectName or accessible name."""
    return _unnamed_widgets
