"""Errors services raise; each carries an Italian message the UI shows as it is."""

from __future__ import annotations

from casedesk.domain.validation import FieldError


class ServiceError(Exception):
    """An action could not be done; `str(error)` tells the user why, in Italian."""


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class Conflict(ServiceError):
    """Someone else changed or used the record meanwhile."""


class ValidationFailed(ServiceError):
    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.message for e in errors))

    def for_field(self, name: str) -> str | None:
        return next((e.message for e in self.errors if e.field == name), None)
