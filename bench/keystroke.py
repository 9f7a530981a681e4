"""One keystroke in the Associazioni search box to the table updated (p95).

In process, offscreen: the main window is opened on a copy of the 20,000-association
database, then a desk's typing is replayed into the search box with QTest.keyClick:
words typed letter by letter, two words narrowing each other, backspaces one by one
back to the full list, select-all and delete. Each keystroke that changes the text is
timed from just before the key event to just after `processEvents()` has run what it
set off: the (synchronous) filter, the model's signals, the view's repaint. One
`processEvents()` is not enough for the last: the view lays its items out on a zero
timer, and only that posts the repaint, so events are processed until a pass finds
none left. The first round is a warm-up and is discarded.

The model remembers its last searches (so that Backspace is instant), and the rounds
repeat the same words: after the warm-up nearly every keystroke finds its result
remembered. A second row types the same keys with that memory emptied before each
one, as when the desk types a name not searched for lately: every keystroke filters
(and ranks) the rows anew. What the ranking keeps for one- and two-letter words
(the order of every name for «a», «co», …: it depends on the names only, and the
desk types such beginnings all day) stays kept, as it would at the desk.

Baseline: the same keystrokes into a bare QLineEdit connected to nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.core import BenchEnv, Result, median, p95

MAX_MS = 16.0
MIN_SAMPLES = 400  # timed keystrokes at least (whole rounds: 456 by default)
SEARCH_BOX = "associationsSearch"
FILL_TIMEOUT_S = 60.0
MAX_PASSES = 50  # event-processing passes per keystroke, at most

# A key: a character to type, or one of these names.
BACKSPACE, SELECT_ALL = "<backspace>", "<select-all>"


def _word(text: str, erase: bool = True) -> list[str]:
    keys = list(text)
    return keys + [BACKSPACE] * len(text) if erase else keys


def round_keys() -> list[str]:
    """One round of a desk's typing; every round starts and ends with an empty box."""
    return [
        *_word("asso"),
        *_word("sport milano", erase=False),
        SELECT_ALL,
        BACKSPACE,  # clear: back to the full list in one keystroke
        *_word("liberta"),
        *_word("milano"),
        *_word("larca"),
    ]


def smoke_keys() -> list[str]:
    return [*_word("as")]


def _press(box: Any, key: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    if key == BACKSPACE:
        QTest.keyClick(box, Qt.Key.Key_Backspace)
    elif key == SELECT_ALL:
        QTest.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    else:
        QTest.keyClick(box, key)


def type_keys(
    box: Any,
    keys: Sequence[str],
    on_key: Callable[[], None] | None = None,
    before_key: Callable[[], None] | None = None,
) -> list[float]:
    """Milliseconds per text-changing keystroke (keystrokes that leave the text alone,
    like select-all, are typed but not counted). `before_key` runs untimed."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    samples = []
    for key in keys:
        if before_key is not None:
            before_key()
        before = box.text()
        start = time.perf_counter()
        _press(box, key)
        for _ in range(MAX_PASSES):
            if not loop.processEvents():  # False: nothing was left to do
                break
        elapsed = time.perf_counter() - start
        if box.text() != before:
            samples.append(elapsed * 1000)
            if on_key is not None:
                on_key()
    return samples


def _rounds(env: BenchEnv) -> int:
    per_round = sum(1 for k in round_keys() if k != SELECT_ALL)
    needed = -(-MIN_SAMPLES // per_round)
    return max(needed, env.repeat or 0)


def _focus(window: Any, box: Any) -> None:
    """Bring the tab holding the box to the front and give the box the focus."""
    from PySide6.QtWidgets import QApplication, QTabWidget

    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            if tabs.widget(index).isAncestorOf(box):
                tabs.setCurrentIndex(index)
    window.activateWindow()
    box.setFocus()
    box.clear()
    QApplication.processEvents()


def _wait_for_rows(model: Any) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + FILL_TIMEOUT_S
    while model is not None and model.rowCount() == 0 and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.001)


def _forget_searches(model: Any) -> Callable[[], None]:
    """Empties the model's memory of recent searches (a private detail: if it is gone,
    there is nothing to forget)."""
    recent = getattr(model, "_recent", None)
    return recent.clear if recent is not None else (lambda: None)


def measure_app(
    env: BenchEnv, keys: list[str], warmup: list[str]
) -> tuple[list[float], str, list[float]]:
    """Keystroke times (ms) and a note; then the same keys with no remembered search."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    from bench.data import signed_in_context
    from casedesk.ui.app import start_main_window

    ctx = signed_in_context(env.dataset, env.working_copy("keystroke"))
    window = start_main_window(ctx)
    try:
        QApplication.processEvents()
        box = window.findChild(QLineEdit, SEARCH_BOX)
        if box is None:
            return [], "n/a (tab not built yet)", []
        tab = getattr(window, "associations_tab", None)
        table = getattr(tab, "table", None)
        model = table.model() if table is not None else getattr(tab, "model", None)
        _wait_for_rows(model)
        full = model.rowCount() if model is not None else 0
        _focus(window, box)

        # Did the model tell the view about each keystroke? (A debounced filter would
        # not have by the time processEvents returns, and would look falsely fast.)
        changed = [0]
        seen = [0]

        def mark(*_args: object) -> None:
            changed[0] = 1

        def count() -> None:
            seen[0] += changed[0]
            changed[0] = 0

        if model is not None:
            for signal in (
                model.modelReset,
                model.layoutChanged,
                model.rowsInserted,
                model.rowsRemoved,
                model.dataChanged,
            ):
                signal.connect(mark)
        type_keys(box, warmup)
        samples = type_keys(box, keys, on_key=count)
        note = (
            f"{len(samples)} keystrokes over {full} rows; model signalled a change on "
            f"{seen[0]} of them; median {median(samples):.2f} ms, max {max(samples):.2f} ms"
        )
        uncached = type_keys(box, keys, before_key=_forget_searches(model))
        return samples, note, uncached
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        ctx.db.dispose()


def measure_bare(keys: list[str], warmup: list[str]) -> list[float]:
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    window = QWidget()
    box = QLineEdit(window)
    QVBoxLayout(window).addWidget(box)
    window.resize(400, 60)
    window.show()
    window.activateWindow()
    box.setFocus()
    QApplication.processEvents()
    try:
        type_keys(box, warmup)
        return type_keys(box, keys)
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()


# The offscreen platform says so for every window shown (pytest's qt_log_ignore too).
_IGNORED_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _quiet_qt_messages() -> None:
    import sys

    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: object, _context: object, message: str) -> None:
        if message not in _IGNORED_MESSAGES:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def run(env: BenchEnv) -> list[Result]:
    from casedesk.ui.app import ensure_application

    _quiet_qt_messages()
    ensure_application()
    if env.smoke:
        warmup, keys = smoke_keys(), smoke_keys()
    else:
        warmup, keys = round_keys(), round_keys() * _rounds(env)
    baseline = measure_bare(keys, warmup)
    samples, note, uncached = measure_app(env, keys, warmup)
    return [
        Result(
            metric="search_keystroke_p95",
            value=p95(samples) if samples else None,
            baseline=p95(baseline),
            unit="ms",
            max_value=MAX_MS,
            samples=len(samples),
            note=note,
        ),
        Result(
            metric="search_keystroke_p95_uncached",
            value=p95(uncached) if uncached else None,
            baseline=p95(baseline),
            unit="ms",
            max_value=MAX_MS,
            samples=len(uncached),
            note=(
                f"the same keys, no search remembered: median {median(uncached):.2f} ms, "
                f"max {max(uncached):.2f} ms"
                if uncached
                else "n/a"
            ),
        ),
    ]
