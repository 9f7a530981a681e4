"""Icons by purpose, in one place, so every window shows the same picture for the same action.

All icons come from qtawesome's Material Design set (`mdi6.*`); none is drawn in code.
Code asks for a purpose (`icon("enroll")`), never for an `mdi6` name: changing a
picture is one line here. `tests/ui/test_icons.py` checks every name exists in the font.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon

NAMES: dict[str, str] = {
    # the program and its tabs
    "app": "mdi6.home-heart",
    "associations": "mdi6.account-group",
    "documents": "mdi6.file-document-multiple",
    "calendar": "mdi6.calendar-month",
    "appointments": "mdi6.calendar-account",
    # the shell
    "quit": "mdi6.exit-to-app",
    "house": "mdi6.home-city",
    "operators": "mdi6.account-cog",
    "password": "mdi6.key-change",
    "about": "mdi6.information-outline",
    "help": "mdi6.help-circle-outline",
    "keyboard": "mdi6.keyboard-outline",
    "sign_in": "mdi6.login",
    "switch_operator": "mdi6.account-switch",
    "lock": "mdi6.lock",
    "spaces": "mdi6.door",
    "settings": "mdi6.cog",
    # generic actions
    "save": "mdi6.content-save",
    "close": "mdi6.close",
    "add": "mdi6.plus",
    "remove": "mdi6.minus",
    "edit": "mdi6.pencil",
    "delete": "mdi6.delete",
    "search": "mdi6.magnify",
    "print": "mdi6.printer",
    "refresh": "mdi6.refresh",
    "open_file": "mdi6.folder-open",
    "remove_file": "mdi6.image-remove",
    "import": "mdi6.file-import",
    "export": "mdi6.file-export",
    "template": "mdi6.file-download",
    "hide": "mdi6.eye-off-outline",
    "show": "mdi6.eye-outline",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "cut": "mdi6.content-cut",
    "copy": "mdi6.content-copy",
    "paste": "mdi6.content-paste",
    "select_all": "mdi6.select-all",
    "move_up": "mdi6.arrow-up",
    "move_down": "mdi6.arrow-down",
    # messages
    "error": "mdi6.alert-circle",
    "warning": "mdi6.alert",
    "information": "mdi6.information",
    "question": "mdi6.help-circle",
    # operators
    "add_operator": "mdi6.account-plus",
    "deactivate": "mdi6.account-off",
    "activate": "mdi6.account-check",
    "reset_password": "mdi6.lock-reset",
    # associations
    "new_association": "mdi6.account-multiple-plus",
    "suspend": "mdi6.pause-circle-outline",
    "reactivate": "mdi6.play-circle-outline",
    "cease": "mdi6.close-circle-outline",
    "reopen": "mdi6.restore",
    # documents and receipts
    "enroll": "mdi6.stamper",
    "override": "mdi6.shield-alert-outline",
    "attach": "mdi6.paperclip",
    "open_document": "mdi6.file-eye-outline",
    "verify": "mdi6.file-certificate-outline",
    "record": "mdi6.content-save",
    "revert": "mdi6.undo",
    "receipt": "mdi6.file-document-outline",
    "reprint": "mdi6.printer",
    "cancel_receipt": "mdi6.file-cancel-outline",
    "worklist": "mdi6.clipboard-list-outline",
    "checklist": "mdi6.clipboard-check-outline",
    # states (drawn in the palette's colour by the caller)
    "state_missing": "mdi6.close-circle",
    "state_ok": "mdi6.check-circle",
    "state_not_applicable": "mdi6.minus-circle",
    "state_warning": "mdi6.alert-circle",
    "state_draft": "mdi6.pencil-circle",
    "state_suspended": "mdi6.pause-circle",
    "state_ceased": "mdi6.close-circle-outline",
    "state_renew": "mdi6.update",
    "file_ok": "mdi6.file-check-outline",
    "file_missing": "mdi6.file-remove-outline",
    "file_changed": "mdi6.file-alert-outline",
    "file_unchecked": "mdi6.file-question-outline",
    "state_cancelled": "mdi6.cancel",
    # the PDF preview
    "previous_page": "mdi6.chevron-left",
    "next_page": "mdi6.chevron-right",
    "fit_width": "mdi6.arrow-expand-horizontal",
    "fit_page": "mdi6.fit-to-page-outline",
    "zoom_out": "mdi6.magnify-minus-outline",
    "zoom_in": "mdi6.magnify-plus-outline",
}

_cache: dict[tuple[str, str | None], QIcon] = {}


def icon(purpose: str, color: str | None = None) -> QIcon:
    """The icon for `purpose` (a key of NAMES), optionally drawn in `color`; needs a QApplication."""
    key = (purpose, color)
    found = _cache.get(key)
    if found is None:
        import qtawesome  # imported on first use: start-up does not pay for the font

        name = NAMES[purpose]
        found = qtawesome.icon(name, color=color) if color else qtawesome.icon(name)
        _cache[key] = found
    return found
