"""The main window: it composes the tabs (through the `MainTab` contract), menus and status bar."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QWidget

from casedesk.services.context import ServiceContext
from casedesk.services.errors import NotFound, ServiceError
from casedesk.services.house import get_house
from casedesk.ui import settings
from casedesk.ui.appointments.tab import AppointmentsTab
from casedesk.ui.associations.tab import AssociationsTab
from casedesk.ui.calendar.tab import CalendarTab
from casedesk.ui.dialogs.about import AboutDialog
from casedesk.ui.dialogs.change_password import ChangePasswordDialog
from casedesk.ui.dialogs.directory import print_directory
from casedesk.ui.dialogs.help import HelpDialog, shortcuts_from_menus
from casedesk.ui.dialogs.house_details import HouseDetailsDialog
from casedesk.ui.dialogs.operators import OperatorsDialog
from casedesk.ui.dialogs.requirements import RequirementsDialog
from casedesk.ui.documents.tab import DocumentsTab
from casedesk.ui.edit_actions import EditActions
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.status_bar import StatusArea
from casedesk.ui.tab import REQUIREMENTS, MainTab, TabAction, TabDeck, TabSpec
from casedesk.ui.widgets.database import describe_database
from casedesk.ui.widgets.message_strip import MessageKind, MessageStrip


class MainWindow(QMainWindow):
    """`sign_out_requested(lock)`: File › Cambia operatore… / Blocca, once every tab agreed."""

    sign_out_requested = Signal(bool)

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operator = ctx.require_operator()
        self.setObjectName("main_window")
        self.setWindowIcon(icon("app"))
        self.first_run = False

        self.tabs = TabDeck(
            [
                TabSpec("associations", self.tr("&Associazioni"), "associations",
                        lambda: AssociationsTab(ctx)),
                TabSpec("documents", self.tr("&Documenti"), "documents", lambda: DocumentsTab(ctx)),
                TabSpec("calendar", self.tr("&Calendario sale"), "calendar", lambda: CalendarTab(ctx)),
                TabSpec("appointments", self.tr("A&ppuntamenti"), "appointments",
                        lambda: AppointmentsTab(ctx)),
            ]
        )  # fmt: skip
        self.message_strip = MessageStrip()
        self.setCentralWidget(self.message_strip.above(self.tabs))

        self._build_menus()
        where = describe_database(ctx.db.url)
        self.status = StatusArea(self, self.operator, where, self.message_strip)
        self.operator_label = self.status.operator_label
        self.database_label = self.status.database_label
        self.tabs.built.connect(self._wire)
        self.tabs.tab_at(0)  # the register: what the desk sees first, built at start
        self.refresh_title()
        self._restore_geometry()

    # --- menus -------------------------------------------------------------------------

    def _action(self, name: str, text: str, icon_name: str = "", keys: object = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        if keys is not None:
            action.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
        return action

    def _menu(self, name: str, title: str) -> QMenu:
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(name)
        return menu

    def _build_menus(self) -> None:
        self.menuBar().setObjectName("menu_bar")
        self.file_menu = self._menu("file_menu", self.tr("&File"))
        self.new_action = self._action("new_item_action", self.tr("&Nuovo…"), "add", "Ctrl+N")
        self.new_action.triggered.connect(lambda: self._on_current(TabAction.NEW))
        self.file_menu.addAction(self.new_action)
        self._tab_actions_end = self.file_menu.addSeparator()
        self.print_action = self._action("print_action", self.tr("&Stampa…"), "print",
                                         QKeySequence.StandardKey.Print)  # fmt: skip
        self.print_action.triggered.connect(lambda: self._on_current(TabAction.PRINT))
        self.directory_action = self._action(
            "directory_action", self.tr("Stampa &catalogo delle associazioni…")
        )
        self.directory_action.triggered.connect(
            lambda: print_directory(self.ctx, self, self.directory_action)
        )
        self.file_menu.addActions([self.print_action, self.directory_action])
        self.file_menu.addSeparator()
        self.switch_action = self._action(
            "switch_operator_action", self.tr("Cambia &operatore…"), "switch_operator"
        )
        self.switch_action.triggered.connect(lambda: self.request_sign_out(lock=False))
        self.lock_action = self._action("lock_action", self.tr("&Blocca"), "lock", "Ctrl+L")
        self.lock_action.setToolTip(self.tr("Torna alla finestra di accesso (Ctrl+L)"))
        self.lock_action.triggered.connect(lambda: self.request_sign_out(lock=True))
        self.quit_action = self._action("quit_action", self.tr("&Esci"), "quit", "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addActions([self.switch_action, self.lock_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_actions = EditActions(self)
        edit_menu = self._menu("edit_menu", self.tr("&Modifica"))
        self.edit_actions.fill(edit_menu)
        edit_menu.addSeparator()
        self.find_action = self._action("find_action", self.tr("&Cerca…"), "search",
                                        QKeySequence.StandardKey.Find)  # fmt: skip
        self.find_action.triggered.connect(lambda: self._on_current(TabAction.SEARCH))
        edit_menu.addAction(self.find_action)

        view_menu = self._menu("view_menu", self.tr("&Visualizza"))
        self.tab_actions = QActionGroup(self)
        self.tab_actions.setExclusive(True)
        for index, spec in enumerate(self.tabs.specs):
            action = self._action(f"show_{spec.key}_action", spec.title, spec.icon_name,
                                  f"Ctrl+{index + 1}")  # fmt: skip
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.tab_actions.addAction(action)
            view_menu.addAction(action)
        self.tabs.currentChanged.connect(self._tab_changed)

        tools_menu = self._menu("tools_menu", self.tr("&Strumenti"))
        coordinator = self.operator.is_coordinator
        self.house_action = self._action("house_action", self.tr("&Dati della Casa…"), "house")
        self.house_action.triggered.connect(self.edit_house)
        self.operators_action = self._action("operators_action", self.tr("&Operatori…"),
                                             "operators")  # fmt: skip
        self.operators_action.triggered.connect(lambda: self._run(OperatorsDialog(self.ctx, self)))
        self.requirements_action = self._action(
            "requirements_action", self.tr("Documenti &richiesti…"), "documents"
        )
        self.requirements_action.triggered.connect(self.manage_requirements)
        for action in (self.house_action, self.operators_action, self.requirements_action):
            action.setVisible(coordinator)
            action.setEnabled(coordinator)
            tools_menu.addAction(action)
        tools_menu.addSeparator()
        self.password_action = self._action("change_password_action",
                                            self.tr("Cambia &password…"), "password")  # fmt: skip
        self.password_action.triggered.connect(self.change_password)
        tools_menu.addAction(self.password_action)

        help_menu = self._menu("help_menu", self.tr("&Aiuto"))
        self.help_action = self._action("help_action", self.tr("&Guida e scorciatoie…"), "help",
                                        QKeySequence.StandardKey.HelpContents)  # fmt: skip
        self.help_action.triggered.connect(self.show_help)
        self.about_action = self._action("about_action", self.tr("&Informazioni su CaseDesk…"),
                                         "about")  # fmt: skip
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: self._run(AboutDialog(self.ctx, self)))
        help_menu.addActions([self.help_action, self.about_action])

    # --- the tabs ------------------------------------------------------------------------

    def _wire(self, tab: MainTab) -> None:
        """A tab was just built: its messages, changes, navigation and menu entries."""
        tab.status_message.connect(self.show_message)
        tab.message.connect(self.show_message)
        tab.changed.connect(lambda kinds, source=tab: self.fan_out(kinds, source))
        tab.navigate.connect(self.navigate)
        tab.actions_changed.connect(lambda: self._tab_changed(self.tabs.currentIndex()))
        self.file_menu.insertActions(self._tab_actions_end, tab.menu_actions())
        for action in tab.menu_actions():
            action.triggered.connect(lambda _checked=False, t=tab: self.tabs.setCurrentWidget(t))

    def _on_current(self, what: TabAction) -> None:
        tab = self.tabs.current_tab()
        if tab is None or not tab.supported() & what:
            return
        if what is TabAction.NEW:
            tab.new_item()
        elif what is TabAction.PRINT:
            tab.print_current()
        else:
            tab.focus_search()

    def _tab_changed(self, index: int) -> None:
        actions = self.tab_actions.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)
        tab = self.tabs.current_tab()
        supported = tab.supported() if tab is not None else TabAction.NONE
        self.new_action.setText(tab.new_item_text() if tab is not None else self.tr("&Nuovo…"))
        for action, what in ((self.new_action, TabAction.NEW), (self.print_action, TabAction.PRINT),
                             (self.find_action, TabAction.SEARCH)):  # fmt: skip
            action.setEnabled(bool(supported & what))
        # What the tab says about itself; nothing left over from the previous tab.
        self.statusBar().showMessage(tab.status_text() if tab is not None else "", 5000)

    def fan_out(self, kinds: Iterable[str], source: MainTab | None = None) -> None:
        """Data changed: every built tab but `source` hears it."""
        for tab in self.tabs.built_tabs():
            if tab is not source:
                tab.data_changed(frozenset(kinds))

    def navigate(self, key: str, item_id: int) -> None:
        self.tabs.show_tab(key).show_item(item_id)

    def can_leave(self) -> bool:
        """Every built tab agrees that nothing unsaved is lost (each may ask)."""
        return all(tab.can_leave() for tab in self.tabs.built_tabs())

    # --- status bar, messages and title --------------------------------------------------

    def show_message(self, text: str, kind: object = MessageKind.INFO) -> None:
        self.status.show_message(text, kind)

    def refresh_title(self) -> None:
        try:
            house = get_house(self.ctx).name
        except NotFound:
            house = ""
        self.setWindowTitle(f"CaseDesk — {house}" if house else "CaseDesk")

    # --- geometry, closing, signing out ---------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = settings.MAIN_WINDOW_GEOMETRY.get()
        self.first_run = geometry.isEmpty()
        if not self.first_run:
            self.restoreGeometry(geometry)
        state = settings.MAIN_WINDOW_STATE.get()
        if not state.isEmpty():
            self.restoreState(state)
        self.tabs.setCurrentIndex(
            min(max(settings.MAIN_WINDOW_TAB.get(), 0), self.tabs.count() - 1)
        )
        self._tab_changed(self.tabs.currentIndex())

    def show_restored(self) -> None:
        """First run: maximised (the register needs the width); later: as it was left."""
        self.showMaximized() if self.first_run else self.show()

    def _save_geometry(self) -> None:
        settings.MAIN_WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.MAIN_WINDOW_STATE.set(self.saveState())
        settings.MAIN_WINDOW_TAB.set(self.tabs.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.can_leave():
            event.ignore()
            return
        self._save_geometry()
        super().closeEvent(event)

    def request_sign_out(self, lock: bool) -> bool:
        """Back to the sign-in dialog (the program keeps running); False if a tab said no."""
        if not self.can_leave():
            return False
        self._save_geometry()
        self.sign_out_requested.emit(lock)
        return True

    # --- dialogs ---------------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> int:
        result = dialog.exec()
        dialog.deleteLater()
        return result

    def edit_house(self) -> None:
        try:
            dialog = HouseDetailsDialog(self.ctx, self)
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        if self._run(dialog) == QDialog.DialogCode.Accepted:
            self.refresh_title()

    def manage_requirements(self) -> None:
        dialog = RequirementsDialog(self.ctx, self)
        dialog.changed.connect(lambda: self.fan_out({REQUIREMENTS}))
        self._run(dialog)

    def change_password(self) -> None:
        if self._run(ChangePasswordDialog(self.ctx, parent=self)) == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage(self.tr("Password cambiata."), 5000)

    def show_help(self) -> None:
        self._run(HelpDialog(shortcuts_from_menus(self.menuBar()), self))
