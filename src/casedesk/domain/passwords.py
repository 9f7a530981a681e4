"""Password hashing with the standard library's scrypt, one random salt per user.

The stored form is self-describing (`scrypt$n$r$p$salt$hash`) so the cost can be
raised later without breaking existing accounts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache

_N, _R, _P = 2**14, 8, 1
_DKLEN = 32
MIN_PASSWORD_LENGTH = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def dummy_verify(password: str) -> None:
    """Spend the same time as a real check, so timing does not tell whether a user exists."""
    verify_password(password, _dummy_hash())


@cache
def _dummy_hash() -> str:
    # Made on first use, not at import: scrypt costs ~40 ms, and start-up counts.
    return hash_password(secrets.token_hex(8))
