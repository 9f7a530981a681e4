"""No module of casedesk takes part in an import cycle.

A cycle makes the order of imports matter and hides which part depends on which
(the association form once did this with six modules). grimp (import-linter's
engine) reads every import, those under `if TYPE_CHECKING:` and inside functions
included, so a back-import "only for the type checker" counts too.
"""

from __future__ import annotations

import grimp
import pytest


def import_cycles(graph: grimp.ImportGraph, package: str) -> list[tuple[str, ...]]:
    """Each import cycle among `package`'s modules once, as its modules in import order,
    starting from the alphabetically first (shortest cycle through each import)."""
    found: set[tuple[str, ...]] = set()
    prefix = package + "."
    modules = sorted(m for m in graph.modules if m == package or m.startswith(prefix))
    for module in modules:
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if not (imported == package or imported.startswith(prefix)):
                continue
            if imported == module:
                found.add((module,))
                continue
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back is None:
                continue
            cycle = (module, *back[:-1])  # back ends at `module`
            start = cycle.index(min(cycle))
            found.add(cycle[start:] + cycle[:start])
    return sorted(found)


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_the_helper_finds_a_cycle_of_three() -> None:
    graph = _graph(("p.form", "p.checking"), ("p.checking", "p.identity"), ("p.identity", "p.form"))
    assert import_cycles(graph, "p") == [("p.checking", "p.identity", "p.form")]


def test_the_helper_finds_a_back_import_and_not_a_diamond() -> None:
    graph = _graph(
        ("p.form", "p.stale"),
        ("p.stale", "p.form"),  # the TYPE_CHECKING back-import of old
        ("p.a", "p.b"),
        ("p.a", "p.c"),
        ("p.b", "p.d"),
        ("p.c", "p.d"),  # two ways to the same module: no cycle
    )
    assert import_cycles(graph, "p") == [("p.form", "p.stale")]


def test_the_helper_passes_a_graph_without_cycles() -> None:
    graph = _graph(("p.form", "p.page"), ("p.form", "p.checker"), ("p.page", "p.fields"))
    assert import_cycles(graph, "p") == []


@pytest.fixture(scope="module")
def casedesk_graph() -> grimp.ImportGraph:
    return grimp.build_graph("casedesk")


def test_casedesk_has_no_import_cycle(casedesk_graph: grimp.ImportGraph) -> None:
    assert len(casedesk_graph.modules) > 50  # the package was really read
    cycles = import_cycles(casedesk_graph, "casedesk")
    assert cycles == [], "\n".join(" -> ".join((*c, c[0])) for c in cycles)
