"""The main window: it only composes the four tabs, the menus and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QTabWidget, QWidget

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
from casedesk.ui.dialogs.house_details import HouseDetailsDialog
from casedesk.ui.dialogs.operators import OperatorsDialog
from casedesk.ui.dialogs.requirements import RequirementsDialog
from casedesk.ui.documents.tab import DocumentsTab
from casedesk.ui.edit_actions import EditActions
from casedesk.ui.errors import show_service_error
from casedesk.ui.icons import icon
from casedesk.ui.widgets.database import describe_database


class MainWindow(QMainWindow):
    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.operator = ctx.require_operator()
        self.setObjectName("main_window")
        self.setWindowIcon(icon("app"))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("main_tabs")
        self.tabs.setAccessibleName(self.tr("Sezioni"))
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setObjectName("main_tab_bar")
        self.tabs.tabBar().setAccessibleName(self.tr("Sezioni"))
        self.associations_tab = AssociationsTab(ctx)
        self.documents_tab = DocumentsTab(ctx)
        self.calendar_tab = CalendarTab(ctx)
        self.appointments_tab = AppointmentsTab(ctx)
        self._pages = [
            (self.associations_tab, self.tr("&Associazioni"), "associations"),
            (self.documents_tab, self.tr("&Documenti"), "documents"),
            (self.calendar_tab, self.tr("&Calendario sale"), "calendar"),
            (self.appointments_tab, self.tr("A&ppuntamenti"), "appointments"),
        ]
        for page, title, icon_name in self._pages:
            self.tabs.addTab(page, icon(icon_name), title.replace("&", ""))
        self.setCentralWidget(self.tabs)
        self.associations_tab.documents_requested.connect(self.show_documents)

        self._build_menus()
        self._build_status_bar()
        self.refresh_title()
        self._restore_geometry()

    # --- menus -------------------------------------------------------------------------

    def _action(self, name: str, text: str, icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if icon_name:
            action.setIcon(icon(icon_name))
        return action

    def _menu(self, name: str, title: str) -> QMenu:
        menu = self.menuBar().addMenu(title)
        menu.setObjectName(name)
        return menu

    def _build_menus(self) -> None:
        self.menuBar().setObjectName("menu_bar")
        file_menu = self._menu("file_menu", self.tr("&File"))
        # The register's actions (the tab is brought forward first).
        for method, text, keys, icon_name in (
            ("new_association", self.tr("&Nuova associazione…"), "Ctrl+N", "new_association"),
            ("import_associations", self.tr("&Importa associazioni…"), "", "import"),
            ("export_associations", self.tr("&Esporta…"), "", "export"),
        ):
            action = self._action(f"{method}_action", text)
            action.setIcon(icon(icon_name))
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _on=False, m=method: getattr(self._associations(), m)())
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.print_action = self._action("print_action", self.tr("&Stampa…"))
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.triggered.connect(self.print_current)
        self.directory_action = self._action(
            "directory_action", self.tr("Stampa &catalogo delle associazioni…")
        )
        self.directory_action.triggered.connect(self.print_directory)
        file_menu.addActions([self.print_action, self.directory_action])
        file_menu.addSeparator()
        self.quit_action = self._action("quit_action", self.tr("&Esci"), "quit")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        self.edit_actions = EditActions(self)
        edit_menu = self._menu("edit_menu", self.tr("&Modifica"))
        self.edit_actions.fill(edit_menu)
        edit_menu.addSeparator()
        self.find_action = self._action("find_action", self.tr("&Cerca…"))
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self._focus_search)
        edit_menu.addAction(self.find_action)

        view_menu = self._menu("view_menu", self.tr("&Visualizza"))
        self.tab_actions = QActionGroup(self)
        self.tab_actions.setExclusive(True)
        for index, (_page, title, icon_name) in enumerate(self._pages):
            action = self._action(f"show_{icon_name}_action", title, icon_name)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.tab_actions.addAction(action)
            view_menu.addAction(action)
        self.tabs.currentChanged.connect(self._tab_changed)

        tools_menu = self._menu("tools_menu", self.tr("&Strumenti"))
        coordinator = self.operator.is_coordinator
        self.house_action = self._action("house_action", self.tr("&Dati della Casa…"), "house")
        self.house_action.triggered.connect(self.edit_house)
        self.operators_action = self._action(
            "operators_action", self.tr("&Operatori…"), "operators"
        )
        self.operators_action.triggered.connect(self.manage_operators)
        self.requirements_action = self._action(
            "requirements_action", self.tr("Documenti &richiesti…"), "documents"
        )
        self.requirements_action.triggered.connect(self.manage_requirements)
        for action in (self.house_action, self.operators_action, self.requirements_action):
            action.setVisible(coordinator)
            action.setEnabled(coordinator)
            tools_menu.addAction(action)
        tools_menu.addSeparator()
        self.password_action = self._action(
            "change_password_action", self.tr("Cambia &password…"), "password"
        )
        self.password_action.triggered.connect(self.change_password)
        tools_menu.addAction(self.password_action)

        help_menu = self._menu("help_menu", self.tr("&Aiuto"))
        self.about_action = self._action(
            "about_action", self.tr("&Informazioni su CaseDesk…"), "about"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _associations(self) -> AssociationsTab:
        self.tabs.setCurrentWidget(self.associations_tab)
        return self.associations_tab

    def _focus_search(self) -> None:
        """Ctrl+F: the current tab's search, or the register's if the tab has none."""
        page = self.tabs.currentWidget()
        focus = getattr(page, "focus_search", None)
        (focus or self._associations().focus_search)()

    def _tab_changed(self, index: int) -> None:
        actions = self.tab_actions.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)
        self.print_action.setEnabled(hasattr(self.tabs.currentWidget(), "print_current"))

    def show_documents(self, association_id: int) -> None:
        """From the register: that association's papers in the «Documenti» tab."""
        self.tabs.setCurrentWidget(self.documents_tab)
        self.documents_tab.show_association(association_id)

    def print_current(self) -> None:
        """Ctrl+P: the current tab's own printing, if it has one."""
        print_current = getattr(self.tabs.currentWidget(), "print_current", None)
        if print_current is not None:
            print_current()

    # --- status bar and title ----------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("status_bar")
        self.operator_label = QLabel(
            self.tr("Operatore: {name} ({role})").format(
                name=self.operator.full_name, role=self.operator.role.label.lower()
            )
        )
        self.operator_label.setObjectName("operator_label")
        self.database_label = QLabel(
            self.tr("Database: {where}").format(where=describe_database(self.ctx.db.url))
        )
        self.database_label.setObjectName("database_label")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.operator_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
        # Both permanent: temporary messages (showMessage) appear on the left, beside them.
        bar.addPermanentWidget(self.operator_label)
        bar.addPermanentWidget(self.database_label)
        for tab in (self.associations_tab, self.documents_tab):
            tab.status_message.connect(lambda text: bar.showMessage(text, 8000))

    def refresh_title(self) -> None:
        try:
            house = get_house(self.ctx).name
        except NotFound:
            house = ""
        self.setWindowTitle(f"CaseDesk — {house}" if house else "CaseDesk")

    # --- geometry ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = settings.MAIN_WINDOW_GEOMETRY.get()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1100, screen.width() * 9 // 10), min(720, screen.height() * 9 // 10))
        state = settings.MAIN_WINDOW_STATE.get()
        if not state.isEmpty():
            self.restoreState(state)
        self.tabs.setCurrentIndex(max(settings.MAIN_WINDOW_TAB.get(), 0))
        self._tab_changed(self.tabs.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents_tab.confirm_leave():
            event.ignore()
            return
        settings.MAIN_WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.MAIN_WINDOW_STATE.set(self.saveState())
        settings.MAIN_WINDOW_TAB.set(self.tabs.currentIndex())
        super().closeEvent(event)

    # --- actions -------------------------------------------------------------------------

    def edit_house(self) -> None:
        try:
            dialog = HouseDetailsDialog(self.ctx, self)
        except ServiceError as exc:
            show_service_error(self, exc)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh_title()
        dialog.deleteLater()

    def manage_operators(self) -> None:
        dialog = OperatorsDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def manage_requirements(self) -> None:
        dialog = RequirementsDialog(self.ctx, self)
        dialog.changed.connect(self.documents_tab.reload)
        dialog.exec()
        dialog.deleteLater()

    def print_directory(self) -> None:
        print_directory(self.ctx, self, self.directory_action)

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.ctx, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.statusBar().showMessage(self.tr("Password cambiata."), 5000)
        dialog.deleteLater()

    def show_about(self) -> None:
        dialog = AboutDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()
