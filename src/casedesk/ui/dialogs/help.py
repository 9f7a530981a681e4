"""«Aiuto › Guida» (F1): a short Italian guide and the keyboard shortcuts.

The shortcuts table is built from the main window's menus as they are, so it cannot
go stale: the caller passes `shortcuts_from_menus(window.menuBar())`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from casedesk.ui.widgets.forms import named

# (title, steps): each step is one short paragraph.
GUIDE: list[tuple[str, list[str]]] = [
    (
        "Trovare un'associazione",
        [
            "Nella scheda «Associazioni» scrivi nella casella di ricerca (Ctrl+F) una parte "
            "del nome, il codice fiscale, il nome di un referente o un settore: l'elenco si "
            "restringe mentre scrivi. Più parole restringono ancora; Esc svuota la ricerca.",
            "Con ↓ passi all'elenco; Invio o un doppio clic apre la scheda dell'associazione. "
            "I filtri per stato, forma giuridica e settore sono sotto la ricerca.",
        ],
    ),
    (
        "Registrare una nuova associazione",
        [
            "File › Nuova associazione… (Ctrl+N, nella scheda «Associazioni») apre una scheda "
            "vuota; se la ricerca non ha trovato nulla, il testo cercato diventa il nome "
            "(o il codice fiscale).",
            "Compila almeno nome e forma giuridica; i campi con un problema lo dicono sotto "
            "di sé. «Salva» registra l'associazione come bozza.",
        ],
    ),
    (
        "Registrare i documenti",
        [
            "Dalla scheda «Associazioni» scegli l'associazione e premi «Documenti…», oppure "
            "cercala nella scheda «Documenti». L'elenco mostra i documenti richiesti per la "
            "sua forma giuridica e il loro stato.",
            "Scegli un documento, indica se è consegnato, non applicabile o da aggiornare, "
            "la data e una nota, poi «Registra» (Ctrl+S). «Da completare» elenca chi ha "
            "documenti obbligatori mancanti.",
        ],
    ),
    (
        "Iscrivere e stampare la ricevuta",
        [
            "Quando tutti i documenti obbligatori sono in regola, «Iscrivi…» nella scheda "
            "«Documenti» assegna il prossimo numero di ricevuta e ne mostra l'anteprima: "
            "da lì la stampi o la salvi in PDF.",
            "Le iscrizioni e le ricevute dell'associazione sono elencate sotto i documenti; "
            "da lì si ristampa un duplicato.",
        ],
    ),
    (
        "Importare un foglio di calcolo",
        [
            "File › Importa associazioni… legge un file Excel (.xlsx) o CSV. Il modello da "
            "compilare si scarica dalla finestra stessa. Prima di importare, il programma "
            "mostra riga per riga che cosa importerà e quali righe hanno problemi.",
        ],
    ),
    (
        "Cambiare operatore",
        [
            "File › Cambia operatore… torna alla finestra di accesso senza chiudere il "
            "programma; File › Blocca (Ctrl+L) fa lo stesso quando ti allontani dallo "
            "sportello. Le modifiche non registrate vengono chieste prima; chi entra dopo "
            "trova la finestra pulita, con la ricerca vuota.",
        ],
    ),
]


def shortcuts_from_menus(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every menu action that has a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, title)
                continue
            keys = action.shortcuts()
            if keys and not action.isSeparator():
                text = action.text().replace("&", "").rstrip("…").strip()
                shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
                rows.append((title, text, shown))

    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, action.text().replace("&", ""))
    return rows


def help_html(shortcuts: list[tuple[str, str, str]]) -> str:
    parts = ["<h2>Guida rapida di CaseDesk</h2>"]
    index = "".join(
        f"<li><a href='#s{n}'>{escape(title)}</a></li>" for n, (title, _) in enumerate(GUIDE)
    )
    parts.append(f"<ul>{index}<li><a href='#keys'>Scorciatoie da tastiera</a></li></ul>")
    for n, (title, steps) in enumerate(GUIDE):
        parts.append(f"<h3><a name='s{n}'></a>{escape(title)}</h3>")
        parts.extend(f"<p>{escape(step)}</p>" for step in steps)
    parts.append("<h3><a name='keys'></a>Scorciatoie da tastiera</h3>")
    rows = "".join(
        f"<tr><td style='padding-right:16px'><b>{escape(keys)}</b></td>"
        f"<td style='padding-right:16px'>{escape(text)}</td><td>{escape(menu)}</td></tr>"
        for menu, text, keys in shortcuts
    )
    parts.append(
        "<table cellspacing='2'><tr><th align='left'>Tasti</th><th align='left'>Azione</th>"
        f"<th align='left'>Menu</th></tr>{rows}</table>"
    )
    parts.append(
        "<p>Nelle liste: ↓ dalla ricerca passa all'elenco, Invio apre, Esc svuota la "
        "ricerca o chiude il messaggio in alto.</p>"
    )
    return "".join(parts)


class HelpDialog(QDialog):
    def __init__(
        self, shortcuts: list[tuple[str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(self.tr("Guida di CaseDesk"))
        self.browser = named(QTextBrowser(), "help_browser", self.tr("Guida"))
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html(shortcuts))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("&Chiudi"))
        named(close, "close_button", self.tr("Chiudi"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 620)
