"""Keeping secrets (the API key, a password being sent, URL userinfo) out of every text we show."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from .safe_text import safe_text

MASK = "***"

_USERINFO = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\s]*@")


def secret_forms(secrets: Iterable[str]) -> tuple[str, ...]:
    """Every spelling in which a secret may reach a text we show, longest first.

    As is; as ``safe_text`` shows it (API text is escaped before it is masked); inside a
    ``str`` or ``bytes`` repr (exception texts quote values that way); JSON-escaped. Longest
    first, so a spelling that contains a shorter one is masked whole.
    """
    forms: set[str] = set()
    for secret in secrets:
        if secret:
            forms.update(
                (
                    secret,
                    safe_text(secret),
                    repr(secret)[1:-1],
                    repr(secret.encode("utf-8", "surrogatepass"))[2:-1],
                    json.dumps(secret)[1:-1],
                )
            )
    return tuple(sorted(forms, key=len, reverse=True))


def mask_text(text: str, forms: Iterable[str]) -> str:
    """``text`` with every one of ``forms`` (see ``secret_forms``) replaced by ``***``."""
    for form in forms:
        text = text.replace(form, MASK)
    return text


def redacted_url(url: str) -> str:
    """``url`` (or a text containing URLs) without userinfo (``user:pass@``), made safe to show."""
    return safe_text(_USERINFO.sub(r"\1", url))
