"""What an unfinished tab shows: one centred line saying what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def add_placeholder(tab: QWidget, text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("placeholder_label")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    layout = QVBoxLayout(tab)
    layout.addWidget(label)
    return label
