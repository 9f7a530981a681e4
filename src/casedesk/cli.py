"""The command line: `casedesk [--db URL] [COMMAND]`; no command opens the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from casedesk import __version__, paths

if TYPE_CHECKING:
    from casedesk.db.engine import Database
    from casedesk.services.context import ServiceContext
    from casedesk.services.demo import DemoCredential

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PROBLEMS = 2  # the file to import has problems (also argparse's usage errors)


def database_url(cli_value: str | None) -> str:
    """--db wins over CASEDESK_DB, which wins over the per-user SQLite file."""
    return cli_value or os.environ.get("CASEDESK_DB") or paths.default_db_url()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casedesk",
        description="CaseDesk: lo sportello della Casa delle associazioni e del volontariato.",
    )
    parser.add_argument("--version", action="version", version=f"CaseDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database da usare (URL SQLAlchemy, es. sqlite:///casa.sqlite3 o "
        "postgresql+psycopg://utente:password@server/casedesk); "
        "predefinito: $CASEDESK_DB o il file nella cartella dei dati",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="apre il programma su un database temporaneo con dati di esempio",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")
    demo = commands.add_parser("demo", help="carica i dati di esempio in un database vuoto")
    demo.add_argument("--associations", type=int, default=40, help=argparse.SUPPRESS)
    migrate = commands.add_parser(
        "migrate", help="crea il database o lo aggiorna alla versione del programma"
    )
    migrate.add_argument(
        "--no-backup",
        action="store_true",
        help="aggiorna senza copia di sicurezza (solo se ne hai già fatta una)",
    )
    commands.add_parser("check", help="verifica l'integrità del database e la sua versione")
    _add_import_export(commands)
    receipt = commands.add_parser(
        "receipt",
        help="scrive il duplicato di una ricevuta di iscrizione",
        description="Scrive in un file PDF il duplicato (marcato DUPLICATO, con la data di "
        "oggi) della ricevuta di iscrizione indicata, così come fu consegnata.",
    )
    receipt.add_argument("number", metavar="NUMERO", help="il numero della ricevuta, es. 2026/0007")
    receipt.add_argument(
        "--output", "-o", required=True, metavar="FILE.pdf", help="il file PDF da scrivere"
    )
    return parser


def _add_import_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importer = commands.add_parser(
        "import",
        help="importa le associazioni da un foglio di calcolo (CSV o XLSX)",
        description="Importa le associazioni da un file CSV o XLSX. Se il file ha anche un "
        "solo problema non viene importato nulla e si ottiene l'elenco dei problemi "
        "(codice di uscita 2).",
    )
    importer.add_argument("what", choices=["associations"], metavar="associations")
    importer.add_argument("file", nargs="?", metavar="FILE", help="il file CSV o XLSX")
    importer.add_argument(
        "--update-existing",
        action="store_true",
        help="aggiorna le associazioni il cui codice fiscale è già nel registro "
        "(altrimenti sono saltate)",
    )
    importer.add_argument(
        "--template",
        metavar="FILE.xlsx",
        help="scrive un modello XLSX vuoto con le intestazioni delle colonne",
    )
    exporter = commands.add_parser(
        "export", help="esporta le associazioni in un foglio di calcolo (CSV o XLSX)"
    )
    exporter.add_argument("what", choices=["associations"], metavar="associations")
    exporter.add_argument(
        "--format",
        choices=["csv", "xlsx"],
        help="formato del file; predefinito: dall'estensione di --output",
    )
    exporter.add_argument(
        "--output", "-o", required=True, metavar="FILE", help="il file da scrivere"
    )


def _err(message: str) -> None:
    print(f"casedesk: {message}", file=sys.stderr)


def _cmd_migrate(url: str, no_backup: bool) -> int:
    from casedesk.db.errors import DatabaseError
    from casedesk.db.migrate import prepare

    try:
        result = prepare(url, backup_dir=paths.backup_dir(), backup=not no_backup)
    except DatabaseError as exc:
        _err(str(exc))
        return EXIT_ERROR
    if result.created:
        print(f"Database creato alla revisione {result.revision}.")
    elif result.upgraded_from:
        print(f"Database aggiornato dalla revisione {result.upgraded_from} a {result.revision}.")
        if result.backup:
            print(f"Copia di sicurezza: {result.backup}")
    else:
        print(f"Database già aggiornato alla revisione {result.revision}.")
    return EXIT_OK


def _cmd_check(url: str) -> int:
    from casedesk.db.migrate import check

    report = check(url)
    if report.ok:
        print("OK")
        return EXIT_OK
    for problem in report.problems:
        print(problem)
    return EXIT_ERROR


class _CommandFailed(Exception):
    """The command has said why it failed (on stderr); exit with EXIT_ERROR."""


@contextmanager
def _database(url: str, *, create: bool = False) -> Iterator[Database]:
    """The database for one command (upgraded if older; created only with `create`).

    The errors the command may meet (database unreachable or too new, a service's
    refusal, a connection lost halfway) are printed in Italian and end the command
    with EXIT_ERROR; the engine is always disposed.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from casedesk.db.errors import DatabaseError
    from casedesk.db.migrate import describe_connection_error, open_database
    from casedesk.services.errors import ServiceError

    try:
        db = open_database(url, backup_dir=paths.backup_dir(), create=create)
    except DatabaseError as exc:
        _err(str(exc))
        raise _CommandFailed from exc
    try:
        yield db
    except ServiceError as exc:
        _err(str(exc))
        raise _CommandFailed from exc
    except SQLAlchemyError as exc:
        _err(describe_connection_error(db.url, exc))
        raise _CommandFailed from exc
    finally:
        db.dispose()


def _system_context(db: Database) -> ServiceContext:
    """The command line signs nobody in: whoever runs it already holds the database.

    Services that allow it are called with `as_system=True`; their audit events
    have no operator.
    """
    from casedesk.services.context import ServiceContext, Settings

    return ServiceContext(db=db, settings=Settings.from_environment(), operator=None)


def _cmd_demo(url: str, associations: int) -> int:
    from casedesk.services.demo import fill_demo

    with _database(url, create=True) as db:
        credentials = fill_demo(_system_context(db), associations=associations)
    print(f"Dati di esempio caricati in {db.url.render_as_string(hide_password=True)}.")
    print_credentials(credentials)
    return EXIT_OK


def _cmd_import(url: str, file: str | None, update_existing: bool, template: str | None) -> int:
    from casedesk.services.association_import import import_associations, write_template
    from casedesk.services.errors import ServiceError

    if template is not None:
        if file is not None or update_existing:
            _err("--template scrive un modello vuoto: non si usa insieme a un file da importare.")
            return EXIT_PROBLEMS
        if not template.lower().endswith(".xlsx"):
            _err("il modello è un file .xlsx: dagli un nome che finisca con .xlsx.")
            return EXIT_PROBLEMS
        try:
            write_template(template)
        except ServiceError as exc:
            _err(str(exc))
            return EXIT_ERROR
        print(f"Modello scritto in {template}.")
        return EXIT_OK
    if file is None:
        _err("indica il file da importare (oppure --template FILE.xlsx per un modello vuoto).")
        return EXIT_PROBLEMS

    with _database(url) as db:
        report = import_associations(
            _system_context(db), file, update_existing=update_existing, as_system=True
        )

    if report.problems:
        count = len(report.problems)
        print(
            f"Nessuna associazione importata: {count} "
            f"{'problema' if count == 1 else 'problemi'} nel file {file}."
        )
        for problem in report.problems:
            print(f"  {problem}")
        return EXIT_PROBLEMS
    print(f"Associazioni aggiunte: {report.added}")
    if update_existing:
        print(f"Associazioni aggiornate: {report.updated}")
        if report.unchanged:
            print(f"Associazioni già uguali al file: {report.unchanged}")
    print(f"Associazioni saltate perché già nel registro: {len(report.skipped)}")
    for line in report.skipped:
        print(f"  {line}")
    if report.warnings:
        print("Avvisi (importate comunque, da controllare):")
        for warning in report.warnings:
            print(f"  {warning}")
    return EXIT_OK


def _cmd_export(url: str, fmt: str | None, output: str) -> int:
    from casedesk.services.association_export import export_associations

    fmt = fmt or os.path.splitext(output)[1].lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        _err("indica il formato con --format csv oppure --format xlsx.")
        return EXIT_PROBLEMS
    with _database(url) as db:
        count = export_associations(_system_context(db), output, fmt, as_system=True)
    print(f"Associazioni esportate: {count}, in {output}.")
    return EXIT_OK


def _cmd_receipt(url: str, number: str, output: str) -> int:
    from casedesk.services.enrollment import find_receipt, reprint
    from casedesk.services.files import write_atomically

    with _database(url) as db:
        ctx = _system_context(db)
        found = find_receipt(ctx, number, as_system=True)
        pdf = reprint(ctx, found.number_text, as_system=True)
        write_atomically(Path(output), pdf)
    print(f"Duplicato della ricevuta {found.number_text} scritto in {output}.")
    return EXIT_OK


def print_credentials(credentials: Sequence[DemoCredential]) -> None:
    print("Credenziali di prova:")
    for cred in credentials:
        print(
            f"  {cred.username:<12} password: {cred.password:<16} "
            f"{cred.full_name} ({cred.role.label})"
        )


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    if args.command and args.demo:
        _err("--demo apre il programma: non si usa insieme a un comando.")
        return 2
    url = database_url(args.db)
    try:
        return _run(args, url)
    except _CommandFailed:
        return EXIT_ERROR


def _run(args: argparse.Namespace, url: str) -> int:
    if args.command == "migrate":
        return _cmd_migrate(url, args.no_backup)
    if args.command == "check":
        return _cmd_check(url)
    if args.command == "demo":
        return _cmd_demo(url, args.associations)
    if args.command == "import":
        return _cmd_import(url, args.file, args.update_existing, args.template)
    if args.command == "export":
        return _cmd_export(url, args.format, args.output)
    if args.command == "receipt":
        return _cmd_receipt(url, args.number, args.output)
    from casedesk.ui.app import run_gui

    return run_gui(db_url=url, demo=args.demo)
