"""Importing associations from a spreadsheet: `File › Importa associazioni…` and
`casedesk import associations FILE`.

All or nothing: the whole file is read and every row checked before anything is
written; one problem anywhere and nothing is imported, and the report lists every
problem by row (as the spreadsheet numbers it: the header is row 1) and column.
A row whose tax code is already in the register (a living association) is skipped,
or with `update_existing` updates that association.

Files: CSV in UTF-8 (with or without BOM), Windows-1252 or UTF-16 with BOM, with
comma, semicolon or tab separators (sniffed from the header line); XLSX.
A tax code or phone that an XLSX stores as a number, without the leading zeros it
was typed with, gets them back when that makes it valid, with a warning on the
row. A CSV cell has no type (Excel saves a number column as 5260180152, the same
characters someone could have typed), so it is taken as written: a short tax code
is a problem, whose message suggests the lost zeros.

Who may import: a signed-in operator; or, with `as_system=True`, nobody — the
command line, whose user already holds the database itself. Audit events then
carry no operator.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from casedesk.db.models import Association, ContactPerson
from casedesk.domain import association_rows as table_rows
from casedesk.domain.association_rows import CellProblem, ParsedRow
from casedesk.domain.associations import (
    AssociationDraft,
    as_plain,
    normalise_tax_code,
)
from casedesk.domain.enums import AssociationStatus
from casedesk.domain.text_search import fold
from casedesk.services import audit
from casedesk.services.association_export import write_xlsx_table
from casedesk.services.associations import add_associations, apply_draft, draft_of
from casedesk.services.context import ServiceContext
from casedesk.services.errors import Conflict, ServiceError
from casedesk.services.progress import Progress
from casedesk.services.progress import report as report_progress

ACTION_CREATE = "association.import"
ACTION_UPDATE = "association.import_update"

_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True, order=True)
class ImportProblem:
    """One reason the file cannot be imported.

    `row` is the spreadsheet's row number (header = 1), 0 for the file as a whole;
    `column` is the column header, "" when the problem is not about one column.
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row and self.column:
            return f"Riga {self.row}, colonna {self.column}: {self.message}"
        if self.row:
            return f"Riga {self.row}: {self.message}"
        return self.message


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # matched with update_existing, but already as in the file
    skipped: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # Imported anyway, but worth a look (an odd tax-office code, an ODV without "ODV").
    warnings: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class UnreadableFile(ServiceError):
    """The file is missing, empty of text, or not a CSV or XLSX spreadsheet."""


# --- reading files -------------------------------------------------------------------

_XLSX_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
# Control characters never appear in a text spreadsheet; they do in binary files.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Sheet:
    """A spreadsheet read: header cells and data rows, every cell as text.

    `rows[i]` is the spreadsheet's row i + 2; blank rows are kept (as they count in
    the numbering), trailing blank rows are dropped. `numbers` holds the (row index,
    column index) of the data cells the file stored as numbers: an XLSX says which
    cells are numbers, a CSV cell has no type and is always text.
    """

    headers: list[str]
    rows: list[list[str]]
    numbers: frozenset[tuple[int, int]] = frozenset()


def read_table(path: Path | str) -> tuple[list[str], list[list[str]]]:
    """(header cells, data rows) of a CSV or XLSX file, every cell as text (see Sheet)."""
    sheet = read_sheet(path)
    return sheet.headers, sheet.rows


def read_sheet(path: Path | str) -> Sheet:
    """The CSV or XLSX file at `path`. Raises UnreadableFile."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"Il file «{path}» non esiste.") from None
    except IsADirectoryError:
        raise UnreadableFile(f"«{path}» è una cartella, non un file.") from None
    except OSError as exc:
        raise UnreadableFile(f"Impossibile leggere «{path}»: {exc.strerror or exc}.") from exc
    not_spreadsheet = (
        f"Il file «{path.name}» non è un foglio di calcolo: salvalo da Excel come "
        "«Cartella di lavoro di Excel (.xlsx)» o «CSV (delimitato dal separatore di elenco)»."
    )
    numbers: set[tuple[int, int]] = set()
    if data.startswith(b"PK\x03\x04"):
        rows = _read_xlsx(data, path.name, not_spreadsheet, numbers)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            f"Il file «{path.name}» è nel vecchio formato di Excel (.xls): aprilo con "
            "Excel e salvalo come «Cartella di lavoro di Excel (.xlsx)»."
        )
    elif data.startswith(b"%PDF") or path.suffix.lower() in _XLSX_SUFFIXES:
        raise UnreadableFile(not_spreadsheet)
    else:
        rows = _read_csv(data, not_spreadsheet)
    rows = [_trim(r) for r in rows]
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        return Sheet([], [])
    # Positions counted from the header row become positions among the data rows.
    data_numbers = frozenset((r - 1, c) for r, c in numbers if r >= 1 and c < len(rows[r]))
    return Sheet(rows[0], rows[1:], data_numbers)


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _decode(data: bytes, not_spreadsheet: str) -> str:
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile(not_spreadsheet) from None
    if _CONTROL.search(text):
        raise UnreadableFile(not_spreadsheet)
    return text


def _delimiter(text: str) -> str:
    """The separator the header line uses most: ';' (Italian Excel), ',' or tab."""
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


_SEP_LINE = re.compile(r"^sep=(.)\r?\n", re.IGNORECASE)


def _read_csv(data: bytes, not_spreadsheet: str) -> list[list[str]]:
    text = _decode(data, not_spreadsheet)
    # Excel's own hint "sep=;" on the first line: Excel does not show it as a row.
    if hint := _SEP_LINE.match(text):
        delimiter, text = hint[1], text[hint.end() :]
    else:
        delimiter = _delimiter(text)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(f"{not_spreadsheet} ({exc})") from exc


def _read_xlsx(
    data: bytes, name: str, not_spreadsheet: str, numbers: set[tuple[int, int]]
) -> list[list[str]]:
    """Every cell as text; the (row, column) of each number cell goes into `numbers`."""
    if b"mimetypeapplication/vnd.oasis.opendocument" in data[:200]:
        raise UnreadableFile(
            f"Il file «{name}» è un foglio di LibreOffice/OpenOffice (.ods): salvalo "
            "come .xlsx o come CSV."
        )
    # Anything can go wrong parsing a damaged or foreign zip: it is simply unreadable.
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableFile(not_spreadsheet) from exc
    try:
        sheet = book.active if book.active is not None else next(iter(book.worksheets), None)
        if sheet is None:
            return []
        rows: list[list[str]] = []
        for r, values in enumerate(sheet.iter_rows(values_only=True)):
            rows.append([_cell_text(v) for v in values])
            numbers.update(
                (r, c)
                for c, v in enumerate(values)
                if isinstance(v, int | float) and not isinstance(v, bool)
            )
        return rows
    except Exception as exc:
        raise UnreadableFile(not_spreadsheet) from exc
    finally:
        book.close()


def _cell_text(value: Any) -> str:
    """A cell as text: numbers without ".0" (a tax code typed as a number), dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return table_rows.format_yes_no(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


# --- template ------------------------------------------------------------------------


def write_template(path: Path | str) -> None:
    """An empty XLSX with the column headers, ready to fill in."""
    write_xlsx_table(Path(path), [])


# --- importing -----------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    draft: AssociationDraft


@dataclass
class _Match:
    row: _Row
    association_id: int
    existing_name: str


def _limits() -> dict[str, int]:
    """Longest text each column of the database holds (PostgreSQL refuses longer)."""
    out: dict[str, int] = {}
    for model, prefix in ((Association, ""), (ContactPerson, "contact_persons[0].")):
        for column in model.__table__.columns:
            if isinstance(column.type, String) and column.type.length:
                name = f"{prefix}{column.name}"
                if name in table_rows.COLUMN_FIELDS.values():
                    out[name] = column.type.length
    return out


def _problems(number: int, found: Iterable[CellProblem]) -> list[ImportProblem]:
    return [ImportProblem(number, p.column, p.message) for p in found]


def _sorted(problems: list[ImportProblem]) -> list[ImportProblem]:
    order = {h: i for i, h in enumerate(table_rows.HEADERS)}
    return sorted(problems, key=lambda p: (p.row, order.get(p.column, len(order)), p.column))


def _check_file(
    path: Path | str, progress: Progress | None = None
) -> tuple[list[_Row], set[str], ImportReport]:
    """Read and check every row; (rows, columns present, report with problems/warnings).

    `progress` counts the rows checked, out of the rows plus one (the writing).
    """
    report = ImportReport()
    try:
        sheet = read_sheet(path)
    except UnreadableFile as exc:
        report.problems.append(ImportProblem(0, "", str(exc)))
        return [], set(), report
    headers, rows = sheet.headers, sheet.rows
    if not headers and not rows:
        report.problems.append(ImportProblem(0, "", "Il file è vuoto."))
        return [], set(), report
    if table_rows.is_blank(headers):
        report.problems.append(
            ImportProblem(
                1,
                "",
                "La prima riga deve contenere le intestazioni delle colonne "
                f"({', '.join(table_rows.REQUIRED_HEADERS)}, …).",
            )
        )
        return [], set(), report
    match = table_rows.match_headers(headers)
    report.problems.extend(_problems(1, match.problems))
    if match.missing_required:
        report.problems = _sorted(report.problems)
        return [], set(), report

    columns = match.columns
    unnamed_with_data: dict[int, int] = {}
    by_tax_code: dict[str, int] = {}
    by_name: dict[str, int] = {}  # associations without a tax code, by folded name
    limits = _limits()
    good: list[_Row] = []
    numeric_headers: dict[int, set[str]] = {}
    for r, c in sheet.numbers:
        if c < len(columns) and (header := columns[c]) is not None:
            numeric_headers.setdefault(r, set()).add(header)
    for number, cells in enumerate(rows, start=2):
        report_progress(progress, number - 2, len(rows) + 1)
        if table_rows.is_blank(cells):
            continue
        for index, text in enumerate(cells):
            unnamed = index >= len(headers) or not headers[index].strip()
            if unnamed and text.strip():
                unnamed_with_data.setdefault(index, number)
        values = {
            header: cells[index] if index < len(cells) else ""
            for index, header in enumerate(columns)
            if header is not None
        }
        numeric = numeric_headers.get(number - 2)
        if numeric:
            values, restored = table_rows.restore_leading_zeros(values, numeric)
            report.warnings.extend(_problems(number, restored))
        parsed: ParsedRow = table_rows.parse_row(values)
        report.problems.extend(_problems(number, parsed.errors))
        report.warnings.extend(_problems(number, parsed.warnings))
        duplicate = _duplicate(number, values, by_tax_code, by_name)
        if duplicate is not None:
            report.problems.append(duplicate)
        draft = parsed.draft
        if draft is None or duplicate is not None:
            continue
        long_texts = table_rows.too_long(draft, limits)
        if long_texts:
            report.problems.extend(_problems(number, long_texts))
            continue
        good.append(_Row(number, draft))
    for index, number in sorted(unnamed_with_data.items()):
        report.problems.append(
            ImportProblem(
                1,
                table_rows.column_letter(index),
                "La colonna non ha intestazione ma contiene dei dati (per esempio alla "
                f"riga {number}): aggiungi l'intestazione o svuota la colonna.",
            )
        )
    if not report.problems and not good:
        report.problems.append(
            ImportProblem(
                0, "", "Il file contiene solo la riga di intestazione: nessuna associazione."
            )
        )
    report.problems = _sorted(report.problems)
    report.warnings = _sorted(report.warnings)
    return good, match.present, report


def _duplicate(
    number: int, values: dict[str, str], by_tax_code: dict[str, int], by_name: dict[str, int]
) -> ImportProblem | None:
    """The same tax code (or, without one, the same name) on an earlier row."""
    code = normalise_tax_code(values.get(table_rows.TAX_CODE, ""))
    if code:
        first = by_tax_code.setdefault(code, number)
        if first != number:
            return ImportProblem(
                number,
                table_rows.TAX_CODE,
                f"Il codice fiscale {code} compare già alla riga {first}.",
            )
        return None
    name = values.get(table_rows.NAME, "").strip()
    if not name:
        return None
    first = by_name.setdefault(fold(name), number)
    if first != number:
        return ImportProblem(
            number,
            table_rows.NAME,
            f"«{name}», senza codice fiscale, compare già alla riga {first}.",
        )
    return None


class _Rollback(Exception):
    pass


def import_associations(
    ctx: ServiceContext,
    path: Path | str,
    update_existing: bool = False,
    *,
    as_system: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the file; when `report.problems` is not empty, nothing was written.

    `progress(done, total)`, when given, follows the rows checked; the writing
    (one transaction) is the last step.
    """
    if not as_system:
        ctx.require_operator()
    rows, present, report = _check_file(path, progress)
    if report.problems:
        return report
    report_progress(progress, len(rows), len(rows) + 1)
    try:
        with ctx.db.write() as session:
            _write(session, ctx, rows, present, update_existing, report)
            if report.problems:
                raise _Rollback
    except _Rollback:
        return ImportReport(problems=_sorted(report.problems), warnings=report.warnings)
    except IntegrityError as exc:
        raise Conflict(
            "Nel frattempo un'altra postazione ha registrato una delle associazioni del "
            "file: non è stato importato nulla. Riprova l'importazione."
        ) from exc
    return report


def _write(
    session: Session,
    ctx: ServiceContext,
    rows: list[_Row],
    present: set[str],
    update_existing: bool,
    report: ImportReport,
) -> None:
    # The register's living associations, in one query.
    by_tax: dict[str, tuple[int, str]] = {}
    by_name: dict[str, list[tuple[int, str]]] = {}
    for aid, name, tax_code in session.execute(
        select(Association.id, Association.name, Association.tax_code).where(
            Association.status != AssociationStatus.CESSATA
        )
    ):
        if tax_code:
            by_tax[tax_code] = (aid, name)
        else:
            by_name.setdefault(fold(name), []).append((aid, name))

    new: list[_Row] = []
    matches: list[_Match] = []
    for row in rows:
        if row.draft.tax_code:
            hit = by_tax.get(row.draft.tax_code)
            hits = [hit] if hit else []
        else:
            hits = by_name.get(fold(row.draft.name), [])
        if not hits:
            new.append(row)
        elif update_existing and len(hits) > 1:
            report.problems.append(
                ImportProblem(
                    row.number,
                    table_rows.NAME,
                    f"Nel registro ci sono {len(hits)} associazioni senza codice fiscale "
                    f"chiamate «{row.draft.name}»: aggiorna quella giusta dalla sua scheda.",
                )
            )
        else:
            matches.append(_Match(row, hits[0][0], hits[0][1]))

    if update_existing:
        _update(session, ctx, matches, present, report)
        if report.problems:
            return
    else:
        for m in matches:
            code = m.row.draft.tax_code
            why = f"codice fiscale {code}" if code else "stesso nome, senza codice fiscale"
            report.skipped.append(
                f"Riga {m.row.number}: «{m.row.draft.name}» ({why}) è già nel registro"
                + (f" come «{m.existing_name}»." if m.existing_name != m.row.draft.name else ".")
            )
    report.added = len(add_associations(session, ctx, [r.draft for r in new], ACTION_CREATE))


def _update(
    session: Session,
    ctx: ServiceContext,
    matches: list[_Match],
    present: set[str],
    report: ImportReport,
) -> None:
    ids = [m.association_id for m in matches]
    loaded: dict[int, Association] = {}
    for start in range(0, len(ids), _CHUNK):
        for a in session.scalars(
            select(Association)
            .where(Association.id.in_(ids[start : start + _CHUNK]))
            .options(
                selectinload(Association.contact_persons),
                selectinload(Association.board_members),
            )
        ):
            loaded[a.id] = a
    changes: list[tuple[Association, AssociationDraft, dict[str, Any], dict[str, Any]]] = []
    for m in matches:
        a = loaded[m.association_id]
        before = draft_of(a)
        checked = table_rows.check_draft(table_rows.merge_into(before, m.row.draft, present))
        if checked.draft is None:
            report.problems.extend(_problems(m.row.number, checked.errors))
            continue
        old, new = audit.changed(as_plain(before), as_plain(checked.draft))
        if new:
            changes.append((a, checked.draft, old, new))
        else:
            report.unchanged += 1
    if report.problems:
        return
    now = ctx.clock()
    for a, d, _old, _new in changes:
        apply_draft(a, d)
        a.updated_at = now
    session.flush()
    for a, _d, old, new in changes:
        audit.record(session, ctx, ACTION_UPDATE, "association", a.id, old, new)
    report.updated = len(changes)
