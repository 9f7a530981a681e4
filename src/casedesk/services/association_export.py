"""Exporting the register to a spreadsheet: `File › Esporta…` and
`casedesk export associations --format csv|xlsx --output FILE`.

The columns are the import's, so an exported file imports back unchanged. CSV is
written the way Italian Excel opens it directly: UTF-8 with BOM, semicolons.
A file is written under a temporary name in the same folder and then renamed, so
a failed export never leaves half a file (nor spoils the file it would replace).

Who may export: a signed-in operator; or, with `as_system=True`, nobody (the
command line, see services.association_import).
"""

from __future__ import annotations

import csv
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casedesk.db.models import Association
from casedesk.domain import association_rows as table_rows
from casedesk.domain.associations import AssociationDraft
from casedesk.domain.text_search import fold
from casedesk.services.associations import draft_of
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError

ExportFormat = Literal["csv", "xlsx"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "xlsx")
SHEET_TITLE = "Associazioni"

_CHUNK = 500  # ids per IN (...) query


def export_associations(
    ctx: ServiceContext,
    path: Path | str,
    fmt: str,
    ids: Sequence[int] | None = None,
    *,
    as_system: bool = False,
) -> int:
    """Write the associations to `path`; how many were written.

    `ids`: those associations, in that order (the GUI passes what its search shows;
    any deleted meanwhile is left out); None: all of them, by name.
    """
    if not as_system:
        ctx.require_operator()
    kind = fmt.lower().lstrip(".")
    if kind not in FORMATS:
        raise ServiceError(f"Formato «{fmt}» non previsto: scegli CSV o XLSX.")
    rows = [table_rows.row_from_draft(d) for d in _drafts(ctx, ids)]
    if kind == "csv":
        write_csv_table(Path(path), rows)
    else:
        write_xlsx_table(Path(path), rows)
    return len(rows)


def _drafts(ctx: ServiceContext, ids: Sequence[int] | None) -> list[AssociationDraft]:
    query = select(Association).options(
        selectinload(Association.contact_persons), selectinload(Association.board_members)
    )
    with ctx.db.read() as session:
        if ids is None:
            # By name as a person reads it (the same on SQLite and PostgreSQL):
            # "l'Àncora" next to "L'Ancora", not after "Zeta".
            found = sorted(session.scalars(query), key=lambda a: (fold(a.name), a.name, a.id))
        else:
            wanted = list(dict.fromkeys(ids))
            by_id: dict[int, Association] = {}
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                by_id.update(
                    (a.id, a) for a in session.scalars(query.where(Association.id.in_(chunk)))
                )
            found = [by_id[i] for i in wanted if i in by_id]
        return [draft_of(a) for a in found]


# --- writing files -------------------------------------------------------------------


def write_csv_table(path: Path, rows: Sequence[dict[str, str]]) -> None:
    """UTF-8 with BOM, ';' separators, CRLF line ends: what Italian Excel opens as is."""

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            writer.writerow(table_rows.HEADERS)
            writer.writerows([row.get(h, "") for h in table_rows.HEADERS] for row in rows)

    replace_atomically(path, write)


def write_xlsx_table(path: Path, rows: Sequence[dict[str, str]]) -> None:
    """One sheet: bold, frozen header row; every cell text (never a formula)."""

    def write(target: Path) -> None:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet(SHEET_TITLE)
        for index, header in enumerate(table_rows.HEADERS, start=1):
            dimension = sheet.column_dimensions[get_column_letter(index)]
            dimension.width = table_rows.COLUMN_WIDTHS.get(header, 20)
            if header in table_rows.TEXT_COLUMNS:
                # So Excel keeps leading zeros in tax codes typed into the sheet.
                dimension.number_format = "@"
        sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        header_cells = []
        for header in table_rows.HEADERS:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_text_cell(sheet, row.get(h, "")) for h in table_rows.HEADERS])
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table_rows.HEADERS))}{len(rows) + 1}"
        book.save(target)

    replace_atomically(path, write)


def _text_cell(sheet: object, text: str) -> object:
    if not text:
        return None
    # XLSX cannot hold control characters (other than tab and line breaks).
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"  # "=…" stays text, not a formula
    return cell


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside `path`, then rename it over `path`."""
    folder = path.parent
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ServiceError(
            f"Impossibile scrivere nella cartella «{folder}»: {exc.strerror or exc}."
        ) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        with temporary.open("rb+") as fh:
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:
            mode = 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ServiceError(
            f"Impossibile salvare «{path}»: {exc.strerror or exc}. Se il file è aperto "
            "in un altro programma (per esempio Excel), chiudilo e riprova."
        ) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
