"""Identifiers and secrets: seeded for the generated world, truly random at run time."""

from __future__ import annotations

import random
import secrets
import string
import uuid

SYSTEM_RANDOM = random.SystemRandom()
_PASSWORD_ALPHABET = string.ascii_letters + string.digits + "!#%+-=?@^_"


def new_uuid(rng: random.Random = SYSTEM_RANDOM) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def new_password(rng: random.Random = SYSTEM_RANDOM, length: int = 16) -> str:
    """A password with at least one lower-case letter, upper-case letter and digit."""
    while True:
        password = "".join(rng.choice(_PASSWORD_ALPHABET) for _ in range(length))
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
        ):
            return password


def console_token() -> str:
    return secrets.token_urlsafe(192)
