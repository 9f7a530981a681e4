"""The register as a table model, with the instant search done inside the model.

The model holds every association (in the header's sort order) and the positions of
the ones the search and filters let through. Filtering is synchronous and cheap: the
services give each row its folded search text, so a keystroke is a substring test
per row; when the new search only narrows the previous one (one more letter, one
more word) only the rows already visible are tested again.

While the search box holds text the hits are ranked, likeliest first
(domain.search_rank: the name starting with the text, then a word of the name, then
the other fields). A header clicked during a search sorts its hits by that column
instead, and keeps doing so while the clerk refines that search, until the box is
emptied: she chose that order and the header shows it. An empty box shows the
header's order, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from casedesk.domain.enrollment import RENEWAL_DUE_LABEL
from casedesk.domain.enums import AssociationStatus, LegalForm
from casedesk.domain.search_rank import RankIndex
from casedesk.domain.text_search import sort_key, terms
from casedesk.services.associations import AssociationSummary
from casedesk.ui import palette

_Index = QModelIndex | QPersistentModelIndex
# Computed once: Qt's flag arithmetic is slow in Python and data() runs per cell.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_OTHER_ROLES = frozenset(
    {_TOOLTIP, int(Qt.ItemDataRole.AccessibleTextRole), int(Qt.ItemDataRole.UserRole)}
)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ITALIAN = QLocale(QLocale.Language.Italian, QLocale.Country.Italy)

_RECENT_SEARCHES = 64

# The status filter's value for «Da rinnovare» (an `iscritta` whose enrollment has run out,
# derived from the date, not a stored status).
RENEWAL_DUE = "da_rinnovare"


# The register's column is narrow: the long legal form in short (the tooltip has it whole).
SHORT_LEGAL_FORMS = {LegalForm.ETS_RUNTS: "ETS iscritto al RUNTS"}


def italian_number(value: int) -> str:
    """20000 -> "20.000", as the desk writes numbers."""
    return _ITALIAN.toString(value)


@dataclass(frozen=True)
class Filters:
    """What the search box and the filter controls ask for; empty means "any"."""

    query: str = ""
    status: AssociationStatus | None = None
    legal_form: LegalForm | None = None
    sector: str | None = None
    seeking_volunteers: bool = False
    # Only enrolled associations whose enrollment has run out.
    renewal_due: bool = False

    def same_except_query(self, other: Filters) -> bool:
        return (
            self.status is other.status
            and self.renewal_due == other.renewal_due
            and self.legal_form is other.legal_form
            and self.sector == other.sector
            and self.seeking_volunteers == other.seeking_volunteers
        )

    @property
    def active(self) -> bool:
        return bool(
            terms(self.query)
            or self.status
            or self.legal_form
            or self.sector
            or self.seeking_volunteers
            or self.renewal_due
        )


def _narrows(new_terms: list[str], old_terms: list[str]) -> bool:
    """True when every row matching `new_terms` also matches `old_terms`."""
    return all(any(old in new for new in new_terms) for old in old_terms)


class AssociationsTableModel(QAbstractTableModel):
    """One row per association; `set_filter` decides which rows are shown."""

    NAME, LEGAL_FORM, TAX_CODE, STATUS, SECTORS, CONTACT, ENROLLED, MISSING = range(8)
    ID_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, rows: Sequence[AssociationSummary] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("Denominazione"),
            self.tr("Forma giuridica"),
            self.tr("Codice fiscale"),
            self.tr("Stato"),
            self.tr("Settori"),
            self.tr("Referente"),
            self.tr("Iscritta dal"),
            self.tr("Documenti\nmancanti"),
        ]
        self._header_tips = {
            self.ENROLLED: self.tr("Data dell'iscrizione alla Casa ancora valida"),
            self.MISSING: self.tr("Documenti obbligatori non ancora consegnati"),
        }
        self._colors = {status: QColor(color) for status, color in palette.ASSOCIATION_STATUS.items()}
        self._renewal_color = QColor(palette.ERROR)  # «Da rinnovare»: act on it
        self._rows: list[AssociationSummary] = []
        self._visible: list[int] = []
        self._filters = Filters()
        self._terms: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_keys: dict[int, dict[int, Any]] = {}
        self._fold_cache: dict[str, str] = {}
        self._position: dict[int, int] = {}  # association id -> index in _rows
        self._hay: list[str] = []  # the rows' folded search texts, in row order
        self._rank_index: RankIndex | None = None  # built at the first ranked search
        self._header_wins = False  # a header was clicked during the current search
        self._ranked = False  # _visible is in ranked order, not in row order
        # Results of the last searches, so that Backspace finds them again at once.
        self._recent: OrderedDict[tuple[Filters, tuple[str, ...], bool], list[int]] = OrderedDict()
        self.set_rows(rows)

    # --- data in -----------------------------------------------------------------------

    def set_rows(self, rows: Iterable[AssociationSummary]) -> None:
        """Replace every association (after a reload), keeping the filters and the sort."""
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_keys = {}
        if self._sort is not None:
            self._rows = [self._rows[i] for i in self._order(*self._sort)]
        self._reindex()
        self._ranked = bool(self._terms) and not self._header_wins
        self._visible = self._matching(range(len(self._rows)), self._filters, self._terms)
        if self._ranked:
            self._visible = self._ranking().rank(self._visible, self._terms)
        self.endResetModel()

    def _reindex(self) -> None:
        """After the rows or their order changed: lookups and the search memory."""
        self._position = {a.id: i for i, a in enumerate(self._rows)}
        self._hay = [a.search_text for a in self._rows]
        self._rank_index = None
        self._recent.clear()

    def _ranking(self) -> RankIndex:
        if self._rank_index is None:
            rows = self._rows
            self._rank_index = RankIndex.of(
                [a.name for a in rows], [self._folded(a.name) for a in rows]
            )
        return self._rank_index

    def set_filter(
        self,
        query: str = "",
        status: AssociationStatus | None = None,
        legal_form: LegalForm | None = None,
        sector: str | None = None,
        seeking_volunteers: bool = False,
        renewal_due: bool = False,
    ) -> None:
        """Show only the rows matching every word of `query` and every filter; while
        `query` has words, ranked (unless a header was clicked during this search).

        A status filter matches what the status column shows: «Iscritta» leaves out
        those «da rinnovare», which `renewal_due` lists."""
        new = Filters(query, status, legal_form, sector or None, seeking_volunteers, renewal_due)
        new_terms = terms(query)
        if new == self._filters:
            return
        if not new_terms:
            self._header_wins = False  # the search is over: a new one is ranked again
        ranked = bool(new_terms) and not self._header_wins
        key = (replace(new, query=""), tuple(new_terms), ranked)
        visible = self._recent.get(key)
        if visible is not None:
            self._recent.move_to_end(key)
        else:
            if new.same_except_query(self._filters) and _narrows(new_terms, self._terms):
                candidates: Iterable[int] = self._visible  # narrowing: test only what is shown
            else:
                candidates = range(len(self._rows))
            visible = self._matching(candidates, new, new_terms)
            if ranked:
                visible = self._ranking().rank(visible, new_terms)
            self._recent[key] = visible
            if len(self._recent) > _RECENT_SEARCHES:
                self._recent.popitem(last=False)
        self._filters, self._terms = new, new_terms
        if visible == self._visible and ranked == self._ranked:
            return
        self.beginResetModel()
        self._visible = visible
        self._ranked = ranked
        self.endResetModel()

    def _matching(self, candidates: Iterable[int], f: Filters, query_terms: list[str]) -> list[int]:
        rows = self._rows
        found = candidates if isinstance(candidates, list) else list(candidates)
        if f.status is not None:
            found = [i for i in found if rows[i].status is f.status and not rows[i].renewal_due]
        if f.renewal_due:
            found = [i for i in found if rows[i].renewal_due]
        if f.legal_form is not None:
            found = [i for i in found if rows[i].legal_form is f.legal_form]
        if f.sector:
            found = [i for i in found if f.sector in rows[i].sectors]
        if f.seeking_volunteers:
            found = [i for i in found if rows[i].seeking_volunteers]
        # One pass per word, longest first: it lets the fewest rows through.
        hay = self._hay
        for term in sorted(query_terms, key=len, reverse=True):
            found = [i for i in found if term in hay[i]]
        return found

    # --- what the view and the tab read -------------------------------------------------

    @property
    def filters(self) -> Filters:
        return self._filters

    @property
    def ranked(self) -> bool:
        """True while the rows are in the search's ranking, not in the header's order."""
        return self._ranked

    def total_count(self) -> int:
        return len(self._rows)

    def visible_count(self) -> int:
        return len(self._visible)

    def summary(self, row: int) -> AssociationSummary:
        return self._rows[self._visible[row]]

    def association_id(self, row: int) -> int:
        return self._rows[self._visible[row]].id

    def visible_ids(self) -> list[int]:
        rows = self._rows
        return [rows[i].id for i in self._visible]

    def row_of(self, association_id: int) -> int | None:
        """The visible row showing `association_id`, or None."""
        position = self._position.get(association_id)
        if position is None:
            return None
        if self._ranked:
            try:
                return self._visible.index(position)
            except ValueError:
                return None
        row = bisect_left(self._visible, position)  # visible positions are in order
        return row if row < len(self._visible) and self._visible[row] == position else None

    def sectors(self) -> list[str]:
        """Every sector some association has, in alphabetical order."""
        found = {s for r in self._rows for s in r.sectors}
        return sorted(found, key=sort_key)

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def _text(self, a: AssociationSummary, column: int) -> str:
        if column == self.NAME:
            return a.name
        if column == self.LEGAL_FORM:
            return SHORT_LEGAL_FORMS.get(a.legal_form, a.legal_form.label)
        if column == self.TAX_CODE:
            return a.tax_code
        if column == self.STATUS:
            return RENEWAL_DUE_LABEL if a.renewal_due else a.status.label
        if column == self.SECTORS:
            return ", ".join(a.sectors)
        if column == self.CONTACT:
            return a.main_contact
        if column == self.ENROLLED:
            return a.enrolled_since.strftime("%d/%m/%Y") if a.enrolled_since else ""
        if column == self.MISSING:
            return str(a.missing_documents)
        return ""

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Called about seven times per visible cell at every repaint: cheapest tests first.
        if role == _DISPLAY:
            if not index.isValid():
                return None
            return self._text(self._rows[self._visible[index.row()]], index.column())
        if role == _ALIGNMENT:
            if not index.isValid():
                return None
            return _RIGHT if index.column() == self.MISSING else _LEFT
        if role == _FOREGROUND:
            if not index.isValid() or index.column() != self.STATUS:
                return None
            a = self._rows[self._visible[index.row()]]
            return self._renewal_color if a.renewal_due else self._colors.get(a.status)
        if role not in _OTHER_ROLES or not index.isValid():
            return None
        a = self._rows[self._visible[index.row()]]
        if role == self.ID_ROLE:
            return a.id
        if role == _TOOLTIP:
            return self._tooltip(a, index.column())
        return self._text(a, index.column())  # AccessibleTextRole

    def _tooltip(self, a: AssociationSummary, column: int) -> str | None:
        if column == self.MISSING:
            if not a.missing_documents:
                return self.tr("Tutti i documenti obbligatori sono in regola.")
            return self.tr("Documenti obbligatori non ancora consegnati: {n}").format(
                n=a.missing_documents
            )
        if column == self.ENROLLED and a.enrolled_since is None:
            return self.tr("Nessuna iscrizione valida alla Casa.")
        if column == self.LEGAL_FORM:
            return a.legal_form.label
        if column == self.STATUS and a.renewal_due:
            return self.tr(
                "Iscritta, ma l'iscrizione è scaduta: da rinnovare con una nuova ricevuta "
                "(scheda Documenti)."
            )
        if column == self.CONTACT and not a.main_contact:
            return self.tr("Nessun referente indicato.")
        text = self._text(a, column)
        return text or None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section == self.MISSING else _LEFT
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # --- sorting ------------------------------------------------------------------------

    def _key_function(self, column: int) -> Callable[[AssociationSummary], Any]:
        if column == self.ENROLLED:
            # No enrollment sorts before any date.
            return lambda a: a.enrolled_since or date.min
        if column == self.MISSING:
            return lambda a: a.missing_documents
        if column == self.STATUS:
            order = {s: i for i, s in enumerate(AssociationStatus)}
            return lambda a: (order[a.status], a.renewal_due)
        if column == self.LEGAL_FORM:
            return lambda a: self._folded(a.legal_form.label)
        return lambda a: self._folded(self._text(a, column))

    def _folded(self, text: str) -> str:
        """sort_key(text), remembered across reloads (most names do not change)."""
        key = self._fold_cache.get(text)
        if key is None:
            key = self._fold_cache[text] = sort_key(text)
        return key

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Positions of the rows sorted by `column`: stable, keys cached per association."""
        cache = self._sort_keys.get(column)
        if cache is None:
            key = self._key_function(column)
            cache = self._sort_keys[column] = {a.id: key(a) for a in self._rows}
        keys = [cache[a.id] for a in self._rows]
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (a header click). During a search, that order replaces the
        ranking until the search box is emptied."""
        if not 0 <= column < len(self._headers):
            return
        positions = self._order(column, order)
        shown = bytearray(len(self._rows))
        for i in self._visible:
            shown[i] = 1
        self.beginResetModel()
        self._rows = [self._rows[i] for i in positions]
        self._visible = [new for new, old in enumerate(positions) if shown[old]]
        self._reindex()
        self._sort = (column, order)
        self._header_wins = bool(self._terms)
        self._ranked = False
        self.endResetModel()
