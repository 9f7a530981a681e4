"""The PySide6 desktop interface of CaseDesk: windows and dialogs that call the services."""
