"""The register's table model: columns, roles, filtering, incremental search, sorting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex, Qt

from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.domain.text_search import haystack
from casedesk.services.associations import AssociationSummary, list_associations
from casedesk.ui import palette
from casedesk.ui.associations.model import AssociationsTableModel

M = AssociationsTableModel


def summary(i: int, name: str, **kw) -> AssociationSummary:
    values = {
        "id": i,
        "name": name,
        "legal_form": LegalForm.COMITATO,
        "tax_code": f"{i:011d}",
        "status": AssociationStatus.ISCRITTA,
        "sectors": ("sociale",),
        "main_contact": "",
        "enrolled_since": None,
        "missing_documents": 0,
        "seeking_volunteers": False,
        **kw,
    }
    values["search_text"] = haystack(
        [values["name"], values["tax_code"], values["main_contact"], *values["sectors"]]
    )
    return AssociationSummary(**values)


def names(model: AssociationsTableModel) -> list[str]:
    return [model.index(r, M.NAME).data() for r in range(model.rowCount())]


def test_passes_the_model_tester(qtmodeltester, register, coordinator) -> None:
    model = AssociationsTableModel(list_associations(coordinator))
    qtmodeltester.check(model)
    model.set_filter("liberta")
    qtmodeltester.check(model)
    model.sort(M.NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_columns_and_roles(register, coordinator) -> None:
    model = AssociationsTableModel(list_associations(coordinator))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert [h.replace("\n", " ") for h in headers] == [
        "Denominazione",
        "Forma giuridica",
        "Codice fiscale",
        "Stato",
        "Settori",
        "Referente",
        "Iscritta dal",
        "Documenti mancanti",
    ]
    row = model.row_of(register.ids["arca"])
    assert row is not None
    cells = [model.index(row, c).data() for c in range(model.columnCount())]
    assert cells[M.NAME] == "L'Arca ODV"
    assert cells[M.LEGAL_FORM] == "ETS iscritto al RUNTS"
    assert model.index(row, M.LEGAL_FORM).data(Qt.ItemDataRole.ToolTipRole) == (
        "Ente del Terzo settore iscritto al RUNTS"
    )
    assert cells[M.STATUS] == "Bozza"
    assert cells[M.SECTORS] == "sociale, anziani"
    assert cells[M.CONTACT] == "Chiara Neri"
    assert cells[M.ENROLLED] == ""
    assert cells[M.MISSING].isdigit()
    assert model.index(row, 0).data(Qt.ItemDataRole.UserRole) == register.ids["arca"]
    right = model.index(row, M.MISSING).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(right) & Qt.AlignmentFlag.AlignRight
    left = model.index(row, M.NAME).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(left) & Qt.AlignmentFlag.AlignLeft
    color = model.index(row, M.STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert color.name() == palette.ASSOCIATION_STATUS[AssociationStatus.BOZZA]
    assert model.index(row, M.NAME).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(QModelIndex()) is None


def test_enrollment_date_is_italian() -> None:
    model = AssociationsTableModel([summary(1, "Uno", enrolled_since=date(2026, 3, 7))])
    assert model.index(0, M.ENROLLED).data() == "07/03/2026"


def test_search_is_case_and_accent_insensitive_and_words_narrow(register, coordinator) -> None:
    model = AssociationsTableModel(list_associations(coordinator))
    model.set_filter("liberta")
    assert sorted(names(model)) == ["Associazione Libertà", "Gruppo Sole e Libertà"]
    model.set_filter("LIBERTA sole")
    assert names(model) == ["Gruppo Sole e Libertà"]
    model.set_filter("larca")
    assert names(model) == ["L'Arca ODV"]
    model.set_filter("giovanni")  # the contact person
    assert names(model) == ["Associazione Libertà"]
    model.set_filter("martedi")  # the notes
    assert names(model) == ["Associazione Libertà"]
    model.set_filter("92345")  # part of the tax code
    assert names(model) == ["Comitato Quartiere Isola"]
    model.set_filter("nessuna corrispondenza")
    assert model.rowCount() == 0
    model.set_filter("")
    assert model.rowCount() == model.total_count() == 4


def test_filters_combine_with_the_search(register, coordinator) -> None:
    model = AssociationsTableModel(list_associations(coordinator))
    model.set_filter(seeking_volunteers=True)
    assert sorted(names(model)) == ["Gruppo Sole e Libertà", "L'Arca ODV"]
    model.set_filter(sector="sociale")
    assert sorted(names(model)) == ["Associazione Libertà", "L'Arca ODV"]
    model.set_filter("liberta", sector="sociale")
    assert names(model) == ["Associazione Libertà"]
    model.set_filter(legal_form=LegalForm.COMITATO)
    assert names(model) == ["Comitato Quartiere Isola"]
    model.set_filter(status=AssociationStatus.SOSPESA)
    assert names(model) == []
    assert model.sectors() == ["ambientale", "anziani", "diritti", "giovani", "sociale"]


def test_a_longer_search_looks_only_at_the_rows_shown(monkeypatch) -> None:
    words = ["Alfa", "Alba", "Beta"]
    rows = [summary(i, f"Associazione {w}", sectors=()) for i, w in enumerate(words)]
    model = AssociationsTableModel(rows)
    model.set_filter("al")
    tested: list[list[int]] = []
    original = model._matching

    def spy(candidates, filters, query_terms):
        tested.append(list(candidates))
        return original(candidates, filters, query_terms)

    monkeypatch.setattr(model, "_matching", spy)
    model.set_filter("alf")
    assert sorted(tested[-1]) == [0, 1]  # only the two rows "al" showed (ranked: any order)
    assert names(model) == ["Associazione Alfa"]
    model.set_filter("alf associazione")  # one more word: still narrowing
    assert tested[-1] == [0]
    model.set_filter("be")  # a different search: every row again
    assert sorted(tested[-1]) == [0, 1, 2]
    calls = len(tested)
    model.set_filter("b")
    model.set_filter("be")  # Backspace then the same letter: remembered, not recomputed
    assert len(tested) == calls + 1
    assert names(model) == ["Associazione Beta"]


def test_filtering_resets_the_model_and_keeps_ids(qtbot) -> None:
    model = AssociationsTableModel([summary(i, f"Nome {i}") for i in range(1, 6)])
    with qtbot.waitSignal(model.modelReset):
        model.set_filter("3")
    assert model.visible_ids() == [3]
    assert model.row_of(3) == 0
    assert model.row_of(4) is None


def test_sorting_is_stable_and_accent_insensitive() -> None:
    rows = [
        summary(1, "Zeta"),
        summary(2, "Èrica"),
        summary(3, "alfa"),
        summary(4, "Beta", missing_documents=2),
        summary(5, "beta", missing_documents=2),
        summary(6, "Ömega", missing_documents=1),
    ]
    model = AssociationsTableModel(rows)
    model.sort(M.NAME, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["alfa", "Beta", "beta", "Èrica", "Ömega", "Zeta"]
    model.sort(M.NAME, Qt.SortOrder.DescendingOrder)
    assert names(model) == ["Zeta", "Ömega", "Èrica", "Beta", "beta", "alfa"]
    model.sort(M.MISSING, Qt.SortOrder.AscendingOrder)
    # Equal counts keep the previous (descending by name) order: the sort is stable.
    assert names(model) == ["Zeta", "Èrica", "alfa", "Ömega", "Beta", "beta"]


def test_sorting_keeps_the_filter_and_reloads_keep_the_sort() -> None:
    rows = [summary(i, n) for i, n in enumerate(["Cedro", "Acero", "Betulla", "Abete"], start=1)]
    model = AssociationsTableModel(rows)
    model.set_filter("e")
    model.sort(M.NAME, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Abete", "Acero", "Betulla", "Cedro"]
    model.set_filter("ce")
    assert names(model) == ["Acero", "Cedro"]
    model.set_rows([*rows, summary(9, "Aceto")])
    assert names(model) == ["Acero", "Aceto", "Cedro"]
    model.set_rows([replace(rows[1], name="Zucca Acero")])
    assert names(model) == ["Zucca Acero"]


def test_an_enrollment_run_out_shows_and_filters_as_da_rinnovare() -> None:
    model = AssociationsTableModel(
        [
            summary(1, "Comitato Puntuale", enrolled_since=date(2026, 5, 1)),
            summary(2, "Comitato Scaduto", enrolled_since=date(2024, 5, 1), renewal_due=True),
            summary(3, "Comitato Nuovo", status=AssociationStatus.BOZZA),
        ]
    )
    statuses = {
        model.index(r, M.NAME).data(): model.index(r, M.STATUS) for r in range(model.rowCount())
    }
    assert statuses["Comitato Scaduto"].data() == "Da rinnovare"
    assert statuses["Comitato Puntuale"].data() == "Iscritta"
    assert "scaduta" in statuses["Comitato Scaduto"].data(Qt.ItemDataRole.ToolTipRole)
    due_color = statuses["Comitato Scaduto"].data(Qt.ItemDataRole.ForegroundRole)
    assert due_color != statuses["Comitato Puntuale"].data(Qt.ItemDataRole.ForegroundRole)

    model.set_filter(renewal_due=True)
    assert names(model) == ["Comitato Scaduto"] and model.filters.active
    # «Iscritta» lists what the column shows as «Iscritta».
    model.set_filter(status=AssociationStatus.ISCRITTA)
    assert names(model) == ["Comitato Puntuale"]
    model.set_filter()
    model.sort(M.STATUS, Qt.SortOrder.AscendingOrder)
    assert names(model) == ["Comitato Nuovo", "Comitato Puntuale", "Comitato Scaduto"]


def ordered_register() -> list[AssociationSummary]:
    return [
        summary(1, "Associazione Aurora Brera"),
        summary(2, "Aurora ETS"),
        summary(3, "Circolo Ortinsieme", main_contact="Laura Aurelio"),
        summary(4, "ASD Aurora"),
        summary(5, "Comitato Zeta"),
    ]


def test_a_search_ranks_its_hits_and_an_empty_box_shows_the_headers_order() -> None:
    model = AssociationsTableModel(ordered_register())
    model.sort(M.NAME, Qt.SortOrder.AscendingOrder)
    assert not model.ranked
    model.set_filter("aur")
    assert model.ranked
    # Name start, then a word of the name (fewer words first), then other fields.
    assert names(model) == [
        "Aurora ETS",
        "ASD Aurora",
        "Associazione Aurora Brera",
        "Circolo Ortinsieme",
    ]
    assert model.row_of(3) == 3 and model.row_of(2) == 0 and model.row_of(5) is None
    assert model.association_id(0) == 2
    model.set_filter("aur bre")
    assert names(model) == ["Associazione Aurora Brera"]
    model.set_filter("")
    assert not model.ranked
    assert names(model)[:3] == ["ASD Aurora", "Associazione Aurora Brera", "Aurora ETS"]


def test_a_header_clicked_during_a_search_wins_until_the_box_is_emptied() -> None:
    model = AssociationsTableModel(ordered_register())
    model.sort(M.NAME, Qt.SortOrder.AscendingOrder)
    model.set_filter("aur")
    model.sort(M.NAME, Qt.SortOrder.DescendingOrder)
    assert not model.ranked
    assert names(model) == [
        "Circolo Ortinsieme",
        "Aurora ETS",
        "Associazione Aurora Brera",
        "ASD Aurora",
    ]
    model.set_filter("auro")  # refining the same search keeps the clerk's order
    assert not model.ranked
    assert names(model) == ["Aurora ETS", "Associazione Aurora Brera", "ASD Aurora"]
    assert model.row_of(1) == 1
    model.set_rows(ordered_register())  # a reload too
    assert names(model) == ["Aurora ETS", "Associazione Aurora Brera", "ASD Aurora"]
    model.set_filter("")
    model.set_filter("auro")  # a new search is ranked again
    assert model.ranked
    assert names(model) == ["Aurora ETS", "ASD Aurora", "Associazione Aurora Brera"]


def test_a_reload_during_a_search_keeps_the_ranking() -> None:
    model = AssociationsTableModel(ordered_register())
    model.set_filter("aurora")
    model.set_rows([*ordered_register(), summary(9, "Aurora")])
    assert model.ranked
    assert names(model) == ["Aurora", "Aurora ETS", "ASD Aurora", "Associazione Aurora Brera"]


def test_filters_without_search_text_keep_the_headers_order() -> None:
    model = AssociationsTableModel(ordered_register())
    model.sort(M.NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter(sector="sociale")
    assert not model.ranked
    assert names(model)[0] == "Comitato Zeta"
