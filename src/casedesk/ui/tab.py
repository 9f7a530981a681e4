"""The contract between the main window and its tabs, and the tab bar that builds them lazily.

Every tab of the main window is a `MainTab`. The window knows tabs only through it:
Ctrl+F, Ctrl+N and Ctrl+P act on the current tab (`focus_search`, `new_item`,
`print_current`), enabled as `supported` says; closing the window or switching
operator asks every built tab `can_leave()`; a tab that changed data emits
`changed(kinds)` and the window passes it to the other tabs' `data_changed(kinds)`;
a tab that wants another tab to show something emits `navigate(key, item_id)` and the
window brings that tab forward and calls its `show_item(item_id)`. No tab imports
another (import-linter's independence contract).

A new tab (room calendar, appointments) subclasses `MainTab`, sets `key`, overrides
what it supports and is listed in the main window's `TabSpec`s.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget, QWidget

from casedesk.ui.icons import icon
from casedesk.ui.widgets.message_strip import MessageKind

# What `changed(kinds)` carries: the sorts of data a tab changed.
ASSOCIATIONS = "associations"  # an association added, edited, deleted, imported
DOCUMENTS = "documents"  # an association's papers recorded
ENROLLMENTS = "enrollments"  # an enrollment made or a receipt cancelled
REQUIREMENTS = "requirements"  # the catalogue of papers the house asks for


class TabAction(enum.Flag):
    """The window-wide actions a tab answers to."""

    NONE = 0
    SEARCH = enum.auto()  # Ctrl+F
    NEW = enum.auto()  # Ctrl+N
    PRINT = enum.auto()  # Ctrl+P


class MainTab(QWidget):
    """Base of the main window's tabs; the defaults suit a tab that does nothing yet.

    Signals: `status_message(text)` a short confirmation (the window shows it in the
    status bar, or in the message strip if it does not fit); `message(text, kind)` the
    same with a `MessageKind`; `changed(kinds)` this tab changed data (a frozenset of
    the module's kind names); `navigate(key, item_id)` show `item_id` in the tab `key`;
    `actions_changed()` what `supported` or `new_item_text` say has changed.
    """

    key = ""
    status_message = Signal(str)
    message = Signal(str, object)
    changed = Signal(object)
    navigate = Signal(str, int)
    actions_changed = Signal()

    def supported(self) -> TabAction:
        return TabAction.NONE

    def new_item_text(self) -> str:
        """The name of «File › Nuovo…» on this tab (with its & mnemonic)."""
        return self.tr("&Nuovo…")

    def menu_actions(self) -> list[QAction]:
        """The tab's own entries for the File menu (shown whatever tab is current)."""
        return []

    def focus_search(self) -> None:
        """Ctrl+F: to the tab's search box, its text selected."""

    def new_item(self) -> None:
        """Ctrl+N: start a new item of what the tab lists."""

    def print_current(self) -> object:
        """Ctrl+P: print what the tab shows."""
        return None

    def can_leave(self) -> bool:
        """True when nothing unsaved would be lost (after asking the desk what to do)."""
        return True

    def status_text(self) -> str:
        """One line on what the tab shows now (the status bar shows it on switching)."""
        return ""

    def data_changed(self, kinds: frozenset[str]) -> None:
        """Another tab changed `kinds` of data: read them again (now, or when next shown)."""

    def show_item(self, item_id: int) -> bool:
        """Show the item `item_id` (cross-tab navigation); False if it cannot."""
        return False

    def notify(self, text: str, kind: MessageKind = MessageKind.INFO) -> None:
        self.message.emit(text, kind)


@dataclass(frozen=True)
class TabSpec:
    """One tab of the main window: its key, title (with &), icon purpose, and how to build it."""

    key: str
    title: str
    icon_name: str
    build: Callable[[], MainTab]


class TabDeck(QTabWidget):
    """The main window's tabs, each built the first time it is shown.

    Until then a light empty page stands in its place; building swaps the page for
    the tab at the same index. `built(tab)` is emitted once per tab.
    """

    built = Signal(object)

    def __init__(self, specs: Iterable[TabSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = list(specs)
        self._tabs: dict[str, MainTab] = {}
        self._swapping = False
        self.setObjectName("main_tabs")
        self.setAccessibleName(self.tr("Sezioni"))
        self.setDocumentMode(True)
        self.tabBar().setObjectName("main_tab_bar")
        self.tabBar().setAccessibleName(self.tr("Sezioni"))
        for spec in self.specs:
            stand_in = QWidget()
            stand_in.setObjectName(f"{spec.key}_stand_in")
            self.addTab(stand_in, icon(spec.icon_name), spec.title.replace("&", ""))
        self.currentChanged.connect(self._current_changed)

    def _current_changed(self, index: int) -> None:
        if not self._swapping and 0 <= index < len(self.specs):
            self.tab_at(index)

    def index_of(self, key: str) -> int:
        return next(i for i, spec in enumerate(self.specs) if spec.key == key)

    def tab(self, key: str) -> MainTab:
        """The tab `key`, built now if it was not yet."""
        return self.tab_at(self.index_of(key))

    def tab_at(self, index: int) -> MainTab:
        spec = self.specs[index]
        found = self._tabs.get(spec.key)
        if found is not None:
            return found
        tab = spec.build()
        self._tabs[spec.key] = tab
        stand_in = self.widget(index)
        current = self.currentIndex() == index
        self._swapping = True
        try:
            self.removeTab(index)
            self.insertTab(index, tab, icon(spec.icon_name), spec.title.replace("&", ""))
            if current:
                self.setCurrentIndex(index)
        finally:
            self._swapping = False
        if stand_in is not None:
            stand_in.deleteLater()
        self.built.emit(tab)
        return tab

    def built_tabs(self) -> list[MainTab]:
        """The tabs built so far, in the order of the tab bar."""
        return [self._tabs[s.key] for s in self.specs if s.key in self._tabs]

    def current_tab(self) -> MainTab | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, MainTab) else None

    def show_tab(self, key: str) -> MainTab:
        tab = self.tab(key)
        self.setCurrentWidget(tab)
        return tab
