"""Two desks enrolling at the same moment never get the same receipt number, nor skip one.

On one SQLite file: separate processes (as two desks sharing the file); on PostgreSQL
(and SQLite too): threads with their own connections. Each enrolls a different
association at the same instant (a barrier); the numbers must be exactly 1..N.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from casedesk.db.models import Enrollment, House
from casedesk.domain.associations import AssociationDraft
from casedesk.domain.demo_data import entity_tax_code
from casedesk.domain.enums import DocumentStatus, LegalForm, Role
from casedesk.domain.operators import OperatorInfo
from casedesk.services.context import ServiceContext, Settings

TODAY = date(2026, 12, 1)
PROCESSES = 6
THREADS = 8


def _settings(data_dir: Path) -> Settings:
    return Settings(
        data_dir=data_dir,
        backup_dir=data_dir / "backups",
        documents_dir=data_dir / "documents",
        receipts_dir=data_dir / "receipts",
        log_file=data_dir / "casedesk.log",
    )


def _ready_associations(ctx: ServiceContext, how_many: int, first_serial: int) -> list[int]:
    from casedesk.services.associations import create_association
    from casedesk.services.documents import get_checklist, record_document

    ids = []
    for k in range(how_many):
        a = create_association(
            ctx,
            AssociationDraft(
                f"Comitato numero {k + 1}",
                LegalForm.COMITATO,
                tax_code=entity_tax_code(first_serial + k),
            ),
        )
        for entry in get_checklist(ctx, a.id, TODAY).entries:
            record_document(
                ctx, a.id, entry.requirement.id, DocumentStatus.DELIVERED, TODAY, today=TODAY
            )
        ids.append(a.id)
    return ids


def _warm_up() -> None:
    """Load ReportLab and the fonts first, so every desk reaches the barrier ready."""
    from casedesk.domain.receipt import ReceiptAssociation, ReceiptHouse, ReceiptSnapshot
    from casedesk.services.enrollment import render_pdf

    render_pdf(
        ReceiptSnapshot(
            "2026/0000", "2026-12-01", ReceiptHouse("Casa"), ReceiptAssociation("A", "B")
        )
    )


def _desk(
    url: str,
    data_dir: str,
    operator_id: int,
    association_id: int,
    barrier: Any,
    results: Any,
) -> None:
    """One desk in its own process: open the file, wait for the others, enroll."""
    from casedesk.db.engine import Database
    from casedesk.services.enrollment import enroll

    db = Database.open(url)
    try:
        ctx = ServiceContext(
            db=db,
            settings=_settings(Path(data_dir)),
            operator=OperatorInfo(operator_id, "bruno", "Bruno Bianchi", Role.OPERATORE),
        )
        _warm_up()
        barrier.wait(timeout=120)
        try:
            info = enroll(ctx, association_id, today=TODAY)
            results.put((association_id, info.number, ""))
        except Exception as exc:  # reported to the test
            results.put((association_id, None, f"{type(exc).__name__}: {exc}"))
    finally:
        db.dispose()


def _numbers(ctx: ServiceContext) -> list[tuple[int, int]]:
    with ctx.db.read() as s:
        return [
            (year, number)
            for year, number in s.execute(
                select(Enrollment.year, Enrollment.number).order_by(Enrollment.number)
            )
        ]


def _collect(desks: list[Any], results: Any) -> list[tuple[int, int | None, str]]:
    """Every desk's outcome; fails at once if a desk process died without one."""
    outcomes: list[tuple[int, int | None, str]] = []
    deadline = time.monotonic() + 180
    while len(outcomes) < len(desks):
        try:
            outcomes.append(results.get(timeout=0.5))
        except queue.Empty:
            dead = [d.exitcode for d in desks if d.exitcode not in (None, 0)]
            assert not dead, f"a desk process failed (exit codes {dead})"
            assert time.monotonic() < deadline, "the desks did not finish in time"
    return outcomes


def test_processes_enrolling_at_once_on_one_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casedesk.db.migrate import open_database
    from casedesk.domain.house import HouseDetails
    from casedesk.domain.operators import NewOperator
    from casedesk.services.operators import add_operator
    from casedesk.services.setup import complete_setup

    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    data_dir = tmp_path / "data"
    db = open_database(url, backup_dir=tmp_path / "backups")
    try:
        ctx = ServiceContext(db=db, settings=_settings(data_dir))
        anna = complete_setup(
            ctx, HouseDetails(name="Casa condivisa"), NewOperator("Anna Rossi", "anna", "x" * 10)
        )
        coordinator = ctx.signed_in(anna)
        bruno = add_operator(
            coordinator, NewOperator("Bruno Bianchi", "bruno", "y" * 10, Role.OPERATORE)
        )
        ids = _ready_associations(coordinator, PROCESSES, 9_800_000)
    finally:
        db.dispose()

    # A spawned process imports this module by its name (tests.services.…), from the
    # parent's sys.path: make the project's root folder part of it.
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2]))
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(PROCESSES)
    results = spawn.Queue()
    desks = [
        spawn.Process(target=_desk, args=(url, str(data_dir), bruno.id, aid, barrier, results))
        for aid in ids
    ]
    for desk in desks:
        desk.start()
    outcomes = _collect(desks, results)
    for desk in desks:
        desk.join(timeout=60)
        assert desk.exitcode == 0

    assert [error for _, _, error in outcomes if error] == []
    assert sorted(number for _, number, _ in outcomes) == list(range(1, PROCESSES + 1))
    db = open_database(url, backup_dir=tmp_path / "backups", create=False)
    try:
        check = ServiceContext(db=db, settings=_settings(data_dir))
        assert _numbers(check) == [(2026, n) for n in range(1, PROCESSES + 1)]
    finally:
        db.dispose()
    pdfs = sorted(p.name for p in (data_dir / "receipts" / "2026").iterdir())
    assert pdfs == [f"2026-{n:04d}.pdf" for n in range(1, PROCESSES + 1)]


def test_threads_enrolling_at_once(operator: ServiceContext) -> None:
    """The same with threads, each on its own connection (PostgreSQL and SQLite)."""
    from casedesk.services.enrollment import enroll

    ids = _ready_associations(operator, THREADS, 9_900_000)
    _warm_up()
    barrier = threading.Barrier(THREADS)
    numbers: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def desk(association_id: int) -> None:
        barrier.wait(timeout=60)
        try:
            info = enroll(operator, association_id, today=TODAY)
            with lock:
                numbers.append(info.number)
        except Exception as exc:
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=desk, args=(aid,)) for aid in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(numbers) == list(range(1, THREADS + 1))
    assert _numbers(operator) == [(2026, n) for n in range(1, THREADS + 1)]


def test_enrolling_waits_for_a_desk_holding_the_numbering_lock(operator: ServiceContext) -> None:
    """The next number is read only after the other desk's transaction has ended."""
    from casedesk.services.enrollment import enroll

    first, second = _ready_associations(operator, 2, 9_950_000)
    _warm_up()
    result: dict[str, Any] = {}

    def other_desk() -> None:
        try:
            result["info"] = enroll(operator, second, today=TODAY)
        except Exception as exc:
            result["error"] = exc

    with operator.db.write() as session:
        # What enroll() does first: on PostgreSQL a row lock, on SQLite the write lock.
        session.execute(select(House).where(House.id == 1).with_for_update()).one()
        waiting = threading.Thread(target=other_desk)
        waiting.start()
        time.sleep(0.8)
        assert waiting.is_alive(), "enroll() did not wait for the numbering lock"
        session.add(
            Enrollment(
                association_id=first,
                year=2026,
                number=1,
                enrolled_on=TODAY,
                operator_id=operator.operator.id,  # type: ignore[union-attr]
                snapshot={},
            )
        )
    waiting.join(timeout=30)
    assert "error" not in result, result.get("error")
    assert result["info"].number == 2
    with operator.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Enrollment)) == 2
