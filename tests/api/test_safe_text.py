"""``safe_text``: every character that could steer a terminal or disguise text becomes a visible
escape; everything printable is kept as it is."""

from __future__ import annotations

import time
import unicodedata

import pytest

from lswtui.api.safe_text import safe_text

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]52;c;?\x07", r"\x1b]52;c;?\x07"),
        ("a\tb\nc\rd", r"a\tb\nc\rd"),
        ("\x00\x7f", r"\x00\x7f"),
        ("\x9b2J\x9d0;t\x9c", r"\x9b2J\x9d0;t\x9c"),
        ("\x1b[45G VPS 100000009", r"\x1b[45G VPS 100000009"),
        ("1000\u200b00001", r"1000\u200b00001"),
        ("\u202e10000001", r"\u202e10000001"),
        ("\U000e0041tag", r"\U000e0041tag"),
        ("lone \ud800 surrogate", r"lone \ud800 surrogate"),
        ("non\ufffe\U0001ffffchar\ufdd0", r"non\ufffe\U0001ffffchar\ufdd0"),
        ("line\u2028para\u2029", r"line\u2028para\u2029"),
    ],
)
def test_controls_and_invisible_characters_become_visible_escapes(raw: str, shown: str) -> None:
    assert safe_text(raw) == shown


def test_every_bidi_and_zero_width_character_is_escaped() -> None:
    for char in BIDI + ZERO_WIDTH:
        assert safe_text(char) == f"\\u{ord(char):04x}"


def test_every_c0_c1_and_format_character_is_escaped() -> None:
    unsafe = [
        chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs")
    ]
    assert all(safe_text(char).startswith("\\") for char in unsafe)


@pytest.mark.parametrize(
    "text",
    ["Zürich Øresund", "東京リージョン", "🚀 web-01 👍🏽", "a\\x1b b", "[bold]x[/]", ""],
)
def test_printable_text_is_kept_as_it_is(text: str) -> None:
    """A literal backslash is kept: a typed ``\\x1b`` then looks like an escaped ESC, harmlessly."""
    assert safe_text(text) == text


def test_it_is_idempotent() -> None:
    raw = "\x1b[2J\u202e\u200b\ud800\x9b"
    assert safe_text(safe_text(raw)) == safe_text(raw)


def test_clean_text_is_returned_as_it_is_not_copied() -> None:
    """Why a clean list costs next to nothing: no match, no new string."""
    clean = "".join(["web-00001 ", "Zürich eu-central-1 Leaseweb VPS 2"])  # a new object
    assert safe_text(clean) is clean


@pytest.mark.perf
def test_a_clean_10k_vps_list_costs_next_to_nothing() -> None:
    strings = [f"web-{n:05d} Zürich eu-central-1 Leaseweb VPS 2" for n in range(10_000 * 12)]
    started = time.perf_counter()
    assert [safe_text(s) for s in strings] == strings
    assert time.perf_counter() - started < 0.5
