"""Dialogs: first-run set-up, sign-in, passwords, house details, operators, about."""
