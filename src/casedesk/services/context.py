"""The explicit context every service receives: database, operator, settings, clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from casedesk import paths
from casedesk.db.engine import Database
from casedesk.domain.calendar_time import MILAN, utc_now
from casedesk.domain.operators import OperatorInfo
from casedesk.services.errors import PermissionDenied


@dataclass(frozen=True)
class Settings:
    """Where this installation keeps its files (all under the data folder by default)."""

    data_dir: Path
    backup_dir: Path
    documents_dir: Path
    receipts_dir: Path
    log_file: Path

    @classmethod
    def from_environment(cls) -> Settings:
        return cls(
            data_dir=paths.data_dir(),
            backup_dir=paths.backup_dir(),
            documents_dir=paths.documents_dir(),
            receipts_dir=paths.receipts_dir(),
            log_file=paths.log_file(),
        )


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    settings: Settings
    operator: OperatorInfo | None = None
    clock: Callable[[], datetime] = field(default=utc_now)

    def today(self) -> date:
        """Today's date in Milan, by the context's clock."""
        return self.clock().astimezone(MILAN).date()

    def signed_in(self, operator: OperatorInfo) -> ServiceContext:
        return replace(self, operator=operator)

    def require_operator(self) -> OperatorInfo:
        if self.operator is None:
            raise PermissionDenied("Serve accedere con il proprio nome utente.")
        return self.operator

    def require_coordinator(self) -> OperatorInfo:
        operator = self.require_operator()
        if not operator.is_coordinator:
            raise PermissionDenied("Questa operazione è riservata ai coordinatori.")
        return operator
