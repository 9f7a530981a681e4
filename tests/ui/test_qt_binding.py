"""The Qt binding itself: a broken release must not slip in unnoticed.

shiboken6 6.12.0 forgot to take a reference to None when a wrapped Qt method
returns nothing; on Python 3.11 every such call leaves None one reference short
until the interpreter aborts ("none_dealloc"), in the middle of a desk's day.
"""

import sys

from PySide6.QtCore import QObject, QSettings


def test_qt_calls_returning_nothing_keep_none_alive() -> None:
    obj = QObject()
    settings = QSettings()
    before = sys.getrefcount(None)
    for _ in range(2000):
        obj.setObjectName("x")
        settings.setValue("probe", 1)
    # Other code may take or drop a few references meanwhile; 2000 lost ones is the bug.
    assert sys.getrefcount(None) - before > -100
