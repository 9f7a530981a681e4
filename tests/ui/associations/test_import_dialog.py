"""File › Importa associazioni…: the report of a broken file, a good import, the template."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from casedesk.ui.associations.import_dialog import ImportDialog

HEADER = "Denominazione;Forma giuridica;Codice fiscale;Settori;Referente;Cerca volontari\n"


@pytest.fixture
def dialog(tab, qtbot) -> ImportDialog:
    dialog = tab.import_associations()
    qtbot.waitExposed(dialog)
    return dialog


def write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8-sig")
    return str(path)


def run_import(qtbot, dialog: ImportDialog) -> None:
    """Click «Importa» and wait for the import, which runs off the UI thread."""
    with qtbot.waitSignal(dialog.worker.finished, timeout=20_000):
        dialog.import_button.click()


def problems(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    table = dialog.problems_table
    return [
        tuple(table.item(r, c).text() for c in range(3))  # type: ignore[misc]
        for r in range(table.rowCount())
    ]


def test_a_broken_file_lists_every_problem_and_imports_nothing(
    qtbot, tab, dialog, tmp_path, register
) -> None:
    path = write(
        tmp_path / "elenco.csv",
        HEADER
        + f"Amici del Parco;Comitato;{register.wrong_tax_code};sociale;;no\n"
        + ";Comitato;;;;\n"
        + "Senza Forma;Cooperativa;;;;\n",
    )
    dialog.path_edit.setText(path)
    run_import(qtbot, dialog)
    assert dialog.result_label.text().startswith(
        "Nessuna associazione è stata importata: correggi il file e riprova."
    )
    assert dialog.problems_table.isVisible()
    headers = [dialog.problems_table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["Riga", "Colonna", "Problema"]
    found = problems(dialog)
    assert [(row, column) for row, column, _ in found] == [
        ("2", "Codice fiscale"),
        ("3", "Denominazione"),
        ("3", "Codice fiscale"),
        ("4", "Forma giuridica"),
    ]
    assert "cifra di controllo" in found[0][2]
    assert tab.model.total_count() == 4  # nothing imported


def test_a_file_that_is_not_a_spreadsheet(qtbot, dialog, tmp_path) -> None:
    path = tmp_path / "foto.xlsx"
    path.write_bytes(b"%PDF-1.7 not a spreadsheet")
    dialog.path_edit.setText(str(path))
    run_import(qtbot, dialog)
    assert problems(dialog)[0][:2] == ("—", "—")
    assert "non è un foglio di calcolo" in problems(dialog)[0][2]


def test_a_good_file_adds_rows_and_lists_the_skipped_ones(
    qtbot, tab, dialog, tmp_path, register
) -> None:
    path = write(
        tmp_path / "elenco.csv",
        HEADER
        + "Circolo Nuovo;Gruppo informale;;culturale;Ada Neri;sì\n"
        + f"L'Arca di nuovo;Comitato;{register.tax_codes['arca']};;;no\n",
    )
    dialog.path_edit.setText(path)
    with (
        qtbot.waitSignal(dialog.imported, timeout=20_000),
        qtbot.waitSignal(tab.refresh_worker.finished, timeout=20_000),
    ):
        run_import(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.worker.is_busy())
    assert dialog.result_label.text().startswith(
        "Importazione completata: 1 associazione aggiunta, 1 saltata perché già nel registro."
    )
    skipped = problems(dialog)
    assert skipped[0][0] == "3" and "L'Arca di nuovo" in skipped[0][2]
    assert dialog.problems_table.horizontalHeaderItem(2).text() == "Saltata o da controllare"
    # The register behind the dialog is read again (off the UI thread).
    assert tab.model.total_count() == 5
    tab.search_box.setText("circolo nuovo")
    assert tab.model.rowCount() == 1


def test_lost_leading_zeros_are_shown_and_do_not_block(
    qtbot, tab, dialog, tmp_path, register
) -> None:
    path = tmp_path / "elenco.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Denominazione", "Forma giuridica", "Codice fiscale", "Telefono"])
    book.active.append(["Circolo Zero", "Comitato", 5260180152, 212345678])
    book.save(path)
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(dialog.imported), qtbot.waitSignal(tab.refresh_worker.finished):
        dialog.import_button.click()
    assert dialog.result_label.text().startswith(
        "Importazione completata: 1 associazione aggiunta."
    )
    assert "2 avvisi" in dialog.result_label.text()
    found = problems(dialog)
    assert [(row, column) for row, column, _ in found] == [
        ("2", "Codice fiscale"),
        ("2", "Telefono"),
    ]
    assert "importato come 05260180152" in found[0][2]
    assert tab.model.total_count() == 5


def test_updating_the_ones_already_there(qtbot, tab, dialog, tmp_path, register) -> None:
    path = write(
        tmp_path / "elenco.csv",
        HEADER + f"Comitato Quartiere Isola;Comitato;{register.tax_codes['isola']};verde;;sì\n",
    )
    dialog.path_edit.setText(path)
    dialog.update_check.setChecked(True)
    with qtbot.waitSignal(tab.refresh_worker.finished, timeout=20_000):
        run_import(qtbot, dialog)
    assert "1 aggiornata" in dialog.result_label.text()
    tab.search_box.setText("verde")
    assert tab.model.rowCount() == 1


def test_the_template_is_saved_where_chosen(dialog, tmp_path, monkeypatch) -> None:
    target = tmp_path / "modello"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dialog.template_button.click()
    saved = tmp_path / "modello.xlsx"
    headers = [c.value for c in next(openpyxl.load_workbook(saved).active.iter_rows())]
    assert headers[:3] == ["Denominazione", "Forma giuridica", "Codice fiscale"]
    assert str(saved) in dialog.result_label.text()
    assert dialog.path_edit.text() == str(saved)


def test_browse_fills_the_path(dialog, tmp_path, monkeypatch) -> None:
    chosen = tmp_path / "x.csv"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(chosen), ""))
    )
    assert not dialog.import_button.isEnabled()
    dialog.browse_button.click()
    assert dialog.path_edit.text() == str(chosen)
    assert dialog.import_button.isEnabled()


def test_every_control_is_named(dialog, unnamed_widgets) -> None:
    assert unnamed_widgets(dialog) == []


def test_while_importing_the_controls_wait_and_the_bar_fills(
    qtbot, tab, dialog, tmp_path, monkeypatch
) -> None:
    import threading

    from casedesk.services import association_import
    from casedesk.ui.associations import import_dialog

    halfway = threading.Event()
    go_on = threading.Event()

    def slow_import(ctx, path, update_existing=False, *, progress=None):
        def paused(done: int, total: int) -> None:
            progress(done, total)
            if done == 2:
                halfway.set()
                go_on.wait(10)

        return association_import.import_associations(ctx, path, update_existing, progress=paused)

    monkeypatch.setattr(import_dialog, "import_associations", slow_import)
    rows = "".join(f"Gruppo {n};Gruppo informale;;;;no\n" for n in range(4))
    dialog.path_edit.setText(write(tmp_path / "elenco.csv", HEADER + rows))
    with (
        qtbot.waitSignal(dialog.worker.finished, timeout=20_000),
        qtbot.waitSignal(tab.refresh_worker.finished, timeout=20_000),
    ):
        dialog.import_button.click()
        assert halfway.wait(10)
        qtbot.waitUntil(lambda: dialog.progress_bar.value() == 2)
        assert dialog.progress_bar.isVisible() and dialog.progress_bar.maximum() == 5
        for control in (dialog.import_button, dialog.close_button, dialog.path_edit):
            assert not control.isEnabled()
        dialog.reject()  # Esc while importing: refused
        assert dialog.isVisible()
        dialog.grab().save(str(tmp_path / "import-progress.png"))
        go_on.set()
    assert dialog.result_label.text().startswith("Importazione completata: 4 associazioni")
    assert not dialog.progress_bar.isVisible()
    assert dialog.import_button.isEnabled() and dialog.close_button.isEnabled()
    assert tab.model.total_count() == 8


def test_a_refusal_from_the_service_is_said_in_the_dialog(
    qtbot, dialog, tmp_path, monkeypatch, message_boxes
) -> None:
    from casedesk.services.errors import Conflict
    from casedesk.ui.associations import import_dialog

    def refused(*_args, **_kwargs):
        raise Conflict("Nel frattempo un'altra postazione ha registrato una delle associazioni.")

    monkeypatch.setattr(import_dialog, "import_associations", refused)
    dialog.path_edit.setText(write(tmp_path / "elenco.csv", HEADER))
    run_import(qtbot, dialog)
    assert dialog.result_label.text().startswith("Nel frattempo un'altra postazione")
    assert message_boxes == []
    assert dialog.import_button.isEnabled()
