"""Field validators for what the user types (the dialogs check it, the flows pass them on).

A validator takes the (stripped) field text and returns an error message, or None when valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lswtui.api.models import MAX_REFERENCE_LENGTH

Validator = Callable[[str], "str | None"]

USERNAME_RE = re.compile(r"^[A-Za-z0-9@._-]+$")
UNNULL_HOURS_MIN = 1
UNNULL_HOURS_MAX = 17520  # two years; the API takes a number of hours, not a timestamp
_DIGITS_RE = re.compile(r"[0-9]+")
_HOST_LABEL_RE = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def username_error(value: str) -> str | None:
    if not value:
        return "Username is required."
    if not USERNAME_RE.fullmatch(value):
        return "Username may contain only letters, digits and @ . - _"
    return None


def password_error(value: str) -> str | None:
    return "Password must not be empty." if value == "" else None


def parse_unnull_hours(text: str) -> int | None:
    """``""`` → None (no automatic removal); else an int in 1–17520, or ValueError with a message."""
    text = text.strip()
    if not text:
        return None
    message = (
        f"Hours must be a whole number from {UNNULL_HOURS_MIN} to {UNNULL_HOURS_MAX}, "
        "or empty for no automatic removal."
    )
    if not _DIGITS_RE.fullmatch(text):
        raise ValueError(message)
    hours = int(text)
    if not UNNULL_HOURS_MIN <= hours <= UNNULL_HOURS_MAX:
        raise ValueError(message)
    return hours


def reference_error(value: str) -> str | None:
    """The API's limit, said rather than cut: a truncated reference is not what was typed."""
    if len(value) > MAX_REFERENCE_LENGTH:
        return (
            f"A reference has at most {MAX_REFERENCE_LENGTH} characters; this one has {len(value)}."
        )
    return None


def hostname_error(value: str) -> str | None:
    """For reverse DNS: a host name of dot-separated labels (a trailing dot is allowed)."""
    if not value:
        return "A host name is required."
    name = value[:-1] if value.endswith(".") else value
    if len(name) > 253 or not all(_HOST_LABEL_RE.fullmatch(label) for label in name.split(".")):
        return "Not a valid host name (labels of letters, digits and '-', separated by dots)."
    return None


def count_error(typed: str, expected: int) -> str | None:
    """Why ``typed`` does not confirm an action on ``expected`` VPSes (their number), or None."""
    if typed.strip() == str(expected):
        return None
    shown = repr(typed.strip()) if typed.strip() else "nothing"
    return f"You typed {shown}; type {expected}, the number of VPSes, to confirm."
