"""The desk's own settings (this PC, this user), every key declared once with its type and default.

Like Picard's options: code reads `settings.MAIN_WINDOW_TAB.get()` and writes
`settings.MAIN_WINDOW_TAB.set(2)`; nobody opens QSettings with a loose string key or
parses what it returns. What belongs to the house (shared by every desk) lives in the
database, not here.

`use_folder` points the store at a folder of its own: `--demo` and the tests keep
everything they write inside their temporary folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "Comune di Milano"
APPLICATION = "CaseDesk"

T = TypeVar("T")

REGISTRY: dict[str, Option[object]] = {}


def store() -> QSettings:
    """The settings store: the registry on Windows, an INI file elsewhere."""
    return QSettings(ORGANIZATION, APPLICATION)


def use_folder(folder: Path) -> None:
    """Keep every setting in an INI file under `folder` (for --demo: nothing outside it)."""
    folder.mkdir(parents=True, exist_ok=True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(folder))


class Option(Generic[T]):
    """One key, its type and its default; reading a missing or damaged value gives the default."""

    def __init__(self, key: str, default: T, description: str) -> None:
        if key in REGISTRY:
            raise ValueError(f"setting {key!r} declared twice")
        self.key = key
        self.default = default
        self.description = description
        REGISTRY[key] = self  # type: ignore[assignment]

    def get(self) -> T:
        raw = store().value(self.key)
        if raw is None:
            return self.default
        try:
            return self.parse(raw)
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T) -> None:
        target = store()
        target.setValue(self.key, value)
        target.sync()  # written now: a desk PC switched off at the wall keeps it

    def reset(self) -> None:
        target = store()
        target.remove(self.key)
        target.sync()

    def parse(self, raw: object) -> T:
        raise NotImplementedError


class TextOption(Option[str]):
    def parse(self, raw: object) -> str:
        return str(raw)


class IntOption(Option[int]):
    def parse(self, raw: object) -> int:
        return int(str(raw))


class BoolOption(Option[bool]):
    def parse(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no", ""):
            return False
        raise ValueError(text)


class BytesOption(Option[QByteArray]):
    """Qt's saved states (window geometry, header layout)."""

    def parse(self, raw: object) -> QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, bytes):
            return QByteArray(raw)
        raise TypeError(type(raw).__name__)


class FolderOption(TextOption):
    """The last folder a file dialog used; the home folder until there is one that exists."""

    def folder(self) -> str:
        value = self.get()
        return value if value and Path(value).is_dir() else str(Path.home())

    def remember(self, path: Path | str) -> None:
        """Remember the folder of `path` (a file just opened or saved)."""
        self.set(str(Path(path).parent))


# --- the main window ----------------------------------------------------------------------

MAIN_WINDOW_GEOMETRY = BytesOption("main_window/geometry", QByteArray(), "posizione e dimensioni")
MAIN_WINDOW_STATE = BytesOption("main_window/state", QByteArray(), "barre e pannelli")
MAIN_WINDOW_TAB = IntOption("main_window/tab", 0, "la scheda aperta per ultima")

# --- lists: column widths and sort order (never the search text or filters) ---------------

ASSOCIATIONS_HEADER = BytesOption("associations/header", QByteArray(), "colonne del registro")
DOCUMENTS_PICKER_HEADER = BytesOption(
    "documents/picker_header", QByteArray(), "colonne dell'elenco nei Documenti"
)

# --- folders the file dialogs open in ----------------------------------------------------

IMPORT_FOLDER = FolderOption("associations/import_folder", "", "importazione associazioni")
EXPORT_FOLDER = FolderOption("associations/export_folder", "", "esportazione associazioni")
DIRECTORY_FOLDER = FolderOption("directory/save_folder", "", "catalogo delle associazioni")
PDF_FOLDER = FolderOption("pdf_preview/save_folder", "", "PDF salvati dall'anteprima")
ATTACH_FOLDER = FolderOption("documents/attach_folder", "", "copie scansionate dei documenti")
