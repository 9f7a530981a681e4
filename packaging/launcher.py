"""PyInstaller entry point (the package's __main__ cannot be frozen as a script)."""

from casedesk.__main__ import main

raise SystemExit(main())
