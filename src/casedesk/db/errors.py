"""Errors raised while opening or upgrading a database, with messages for the desk."""


class DatabaseError(Exception):
    """The database cannot be used; `str(error)` is an Italian message for the user."""


class DatabaseMissingError(DatabaseError):
    pass


class DatabaseTooNewError(DatabaseError):
    pass
