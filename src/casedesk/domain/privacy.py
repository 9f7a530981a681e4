"""The citizens' privacy notice (informativa privacy) and the consent recorded for it."""

from __future__ import annotations

# The version of the notice the desk hands out today; a citizen's record keeps the
# version they were given, so a new notice shows who still has to receive it.
PRIVACY_NOTICE_VERSION = "2026-01"
