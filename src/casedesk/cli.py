"""The command line: `casedesk [--db URL] [COMMAND]`; no command opens the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from casedesk import __version__, paths

if TYPE_CHECKING:
    from casedesk.services.demo import DemoCredential

EXIT_OK = 0
EXIT_ERROR = 1


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
    return parser


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


def _cmd_demo(url: str, associations: int) -> int:
    from casedesk.db.errors import DatabaseError
    from casedesk.db.migrate import open_database
    from casedesk.services.context import ServiceContext, Settings
    from casedesk.services.demo import fill_demo
    from casedesk.services.errors import ServiceError

    try:
        db = open_database(url, backup_dir=paths.backup_dir())
    except DatabaseError as exc:
        _err(str(exc))
        return EXIT_ERROR
    try:
        credentials = fill_demo(
            ServiceContext(db=db, settings=Settings.from_environment()),
            associations=associations,
        )
    except ServiceError as exc:
        _err(str(exc))
        return EXIT_ERROR
    finally:
        db.dispose()
    print(f"Dati di esempio caricati in {db.url.render_as_string(hide_password=True)}.")
    print_credentials(credentials)
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
    if args.command == "migrate":
        return _cmd_migrate(url, args.no_backup)
    if args.command == "check":
        return _cmd_check(url)
    if args.command == "demo":
        return _cmd_demo(url, args.associations)
    from casedesk.ui.app import run_gui

    return run_gui(db_url=url, demo=args.demo)
