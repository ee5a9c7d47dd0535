"""``safe_text``: API text made harmless to print on a terminal and impossible to disguise.

Every string the client returns went through it once (see ``bodies.py``), so display code may
print model fields as they are. It turns into a visible, Python-style escape:

- C0 controls (TAB, LF and CR included: a newline in a reference could forge a table row),
  ESC, DEL and the C1 controls U+0080..U+009F (``\\x1b``, ``\\n``, ``\\x9b``);
- every format character (category Cf: bidi embeddings, overrides and isolates, LRM/RLM/ALM,
  zero-width space/joiners, word joiner, BOM, tag characters, soft hyphen, ...), U+180E, the
  line and paragraph separators U+2028/U+2029 (``\\u202e``, ``\\U000e0041``);
- lone surrogates and noncharacters (``\\ud800``, ``\\ufffe``).

Everything else printable (accents, CJK, emoji) is kept as it is, and so is the backslash: a
literal ``\\x1b`` typed in the data then reads like an escaped ESC, which is harmless, and the
function is idempotent (its output contains nothing it would escape).
"""

from __future__ import annotations

import re
import sys
import unicodedata

_PYTHON_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _unsafe_code_points() -> list[int]:
    # Format characters live in planes 0, 1 and 14 only (plane 2/3 are ideographs, 15/16
    # private use): scanning those keeps the import fast (~10 ms) and follows Python's
    # Unicode database instead of a copied table.
    planes = (range(0x20000), range(0xE0000, 0xF0000))
    unsafe = [cp for plane in planes for cp in plane if unicodedata.category(chr(cp)) == "Cf"]
    unsafe += [*range(0x20), *range(0x7F, 0xA0), 0x180E, 0x2028, 0x2029]
    unsafe += [*range(0xD800, 0xE000), *range(0xFDD0, 0xFDF0)]
    planes_start = range(0, sys.maxunicode + 1, 0x10000)
    unsafe += [start + last for start in planes_start for last in (0xFFFE, 0xFFFF)]
    return sorted(set(unsafe))


def _char_class(code_points: list[int]) -> str:
    """A regex character class of the code points, as ranges of ``\\U`` escapes."""
    ranges: list[list[int]] = []
    for cp in code_points:
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(
        f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}"
        for first, last in ranges
    )
    return f"[{body}]"


_UNSAFE = re.compile(_char_class(_unsafe_code_points()))


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _PYTHON_ESCAPES:
        return _PYTHON_ESCAPES[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe_text(text: str) -> str:
    """``text`` with every control, format, surrogate and noncharacter shown as an escape."""
    return _UNSAFE.sub(_escape, text)
