"""Icons by purpose, so every window shows the same picture for the same action.

All icons come from qtawesome's Material Design set (`mdi6.*`); none is drawn in code.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

NAMES = {
    "app": "mdi6.home-heart",
    "associations": "mdi6.account-group",
    "documents": "mdi6.file-document-multiple",
    "calendar": "mdi6.calendar-month",
    "appointments": "mdi6.calendar-account",
    "quit": "mdi6.exit-to-app",
    "house": "mdi6.home-city",
    "operators": "mdi6.account-cog",
    "password": "mdi6.key-change",
    "about": "mdi6.information-outline",
    "sign_in": "mdi6.login",
    "save": "mdi6.content-save",
    "add_operator": "mdi6.account-plus",
    "deactivate": "mdi6.account-off",
    "activate": "mdi6.account-check",
    "reset_password": "mdi6.lock-reset",
    "open_file": "mdi6.folder-open",
    "remove_file": "mdi6.image-remove",
    "close": "mdi6.close",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "cut": "mdi6.content-cut",
    "copy": "mdi6.content-copy",
    "paste": "mdi6.content-paste",
    "select_all": "mdi6.select-all",
    "error": "mdi6.alert-circle",
}


def icon(purpose: str) -> QIcon:
    """The icon for `purpose` (a key of NAMES); needs a QApplication."""
    import qtawesome

    return qtawesome.icon(NAMES[purpose])
