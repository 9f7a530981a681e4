"""Signing in: one generic message for every wrong try, and a pause after too many."""

from __future__ import annotations

from sqlalchemy import select

from casedesk.db.models import Operator
from casedesk.domain.operators import OperatorInfo, normalise_username
from casedesk.domain.passwords import dummy_verify, verify_password
from casedesk.domain.signin import SignInThrottle
from casedesk.services import audit
from casedesk.services.context import ServiceContext
from casedesk.services.errors import ServiceError
from casedesk.services.operators import info

WRONG_CREDENTIALS = "Nome utente o password non corretti."


class SignInError(ServiceError):
    def __init__(self, message: str, wait_seconds: int = 0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


def _locked_message(seconds: int) -> str:
    return f"Troppi tentativi non riusciti. Riprova tra {seconds} secondi."


def sign_in(
    ctx: ServiceContext, throttle: SignInThrottle, username: str, password: str
) -> OperatorInfo:
    wait = throttle.seconds_to_wait()
    if wait:
        raise SignInError(_locked_message(wait), wait)
    with ctx.db.write() as session:
        op = session.scalar(
            select(Operator).where(Operator.username == normalise_username(username))
        )
        if op is None:
            dummy_verify(password)
            ok = False
        else:
            # Deactivated accounts get the same answer as wrong passwords.
            ok = verify_password(password, op.password_hash) and op.active
        if not ok or op is None:
            throttle.record_failure()
            wait = throttle.seconds_to_wait()
            if wait:
                raise SignInError(_locked_message(wait), wait)
            raise SignInError(WRONG_CREDENTIALS)
        throttle.record_success()
        audit.record(session, ctx, "operator.sign_in", "operator", op.id, operator_id=op.id)
        return info(op)
