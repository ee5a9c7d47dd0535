"""Terminal input that cannot act for the user: a reply the app did not understand is dropped.

Why this exists: Textual's ``XTermParser`` (``textual/_xterm_parser.py``) turns an escape
sequence it does not recognise back into key presses (``reissue_sequence_as_keys``), and past
32 characters it gives up and reads the rest of the sequence as plain keys (inside a bracketed
paste too, where an escape sequence also becomes keys). A terminal's answer
to a query that hostile API data printed (an OSC 52 clipboard read ``ESC ]52;c;<base64> BEL``,
XTVERSION ``ESC P>|tmux 3.3a ESC \\``, DA1 ``ESC [?1;2c``) is thereby typed into the app: ``X``
opens Stop VPS and ``y`` confirms it.

How: :class:`HardenedParser` frames every escape sequence by its ECMA-48 grammar (CSI up to its
final byte, OSC/DCS/SOS/PM/APC strings up to BEL or ST, SS3 plus one character, 8-bit C1
forms alike) *before* Textual's parser sees it, hands each complete sequence to Textual's own
parser, and drops (debug log, no content) any sequence of more than ESC + one character that
Textual does not turn into an event itself. The escape key (ESC then a pause), alt+key (ESC +
one character), function keys, mouse, focus and bracketed paste reach Textual unchanged; a
paste keeps its text but not the escape sequences inside it.
:class:`HardenedDriver` is Textual's ``LinuxDriver`` with that parser in its input thread.

This module is the only place that depends on Textual internals (``XTermParser.parse``, the
``Read1``/``Peek1`` protocol of ``textual._parser``, ``LinuxDriver.run_input_thread``); it was
checked against Textual 8.2.8. Re-check it when upgrading Textual.
"""

from __future__ import annotations

import contextlib
import logging
import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Generator

from textual import constants
from textual._parser import ParseEOF, ParseError, ParseTimeout, Peek1, Read1, TokenCallback
from textual._xterm_parser import (
    _MAX_SEQUENCE_SEARCH_THRESHOLD,
    BRACKETED_PASTE_END,
    BRACKETED_PASTE_START,
    XTermParser,
)
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

log = logging.getLogger(__name__)

ESC = "\x1b"
BEL = "\x07"
ST_8BIT = "\x9c"
#: Introducers of a control string (OSC, DCS, SOS, PM, APC): it runs to BEL or ST.
STRING_INTRODUCERS = frozenset("]PX^_")
CSI, SS3 = "[", "O"

Reader = Generator[Read1 | Peek1, str, None]


def _is_c1(character: str) -> bool:
    return "\x80" <= character <= "\x9f"


class HardenedParser(XTermParser):
    """``XTermParser`` that never turns an unrecognised escape sequence into key presses."""

    def parse(self, token_callback: TokenCallback[Message]) -> Reader:
        emitted: list[Message] = []
        inner = super().parse(emitted.append)
        awaiting = next(inner)
        in_paste = False

        def forward(sequence: str) -> bool:
            """Give ``sequence`` to Textual's parser; True if it made events of it by itself."""
            nonlocal awaiting
            for character in sequence:
                awaiting = inner.send(character)
            if awaiting.timeout is None:
                return True
            # Textual still waits for more: end the sequence as it would after ESCDELAY.
            awaiting = inner.throw(ParseTimeout())
            return False

        def deliver() -> None:
            for token in emitted:
                token_callback(token)
            emitted.clear()

        while True:
            try:
                character = yield self.read1()
                if character == ESC or _is_c1(character):
                    sequence = yield from self._frame(character)
                else:
                    forward(character)
                    deliver()
                    continue
            except ParseEOF:
                with contextlib.suppress(StopIteration):
                    inner.throw(ParseEOF())
                deliver()
                return
            if (
                sequence is None
                or _is_c1(sequence[0])
                or len(sequence) > _MAX_SEQUENCE_SEARCH_THRESHOLD
            ):
                _dropped(sequence)
            elif in_paste:  # pasted text keeps its characters, not its escape sequences
                if sequence == BRACKETED_PASTE_END:
                    forward(sequence)
                    in_paste = False
                    deliver()
                else:
                    _dropped(sequence)
            elif forward(sequence) or len(sequence) <= 2:  # recognised, or ESC / alt+key
                in_paste = sequence == BRACKETED_PASTE_START
                deliver()
            else:
                emitted.clear()  # Textual re-issued its characters as key presses
                _dropped(sequence)

    def _peek(self) -> Generator[Read1 | Peek1, str, str | None]:
        """The next character, left unread, if it arrives within ESCDELAY; else None."""
        try:
            return (yield self.peek1(constants.ESCAPE_DELAY))
        except ParseTimeout:
            return None

    def _frame(self, introducer: str) -> Generator[Read1 | Peek1, str, str | None]:
        """Read the rest of the escape sequence ``introducer`` starts; None for a control string.

        Every further character must arrive within ESCDELAY (a reply comes in one burst), so
        a lone ESC is the escape key and ESC + one character is alt+key. A character that
        cannot belong to the sequence is left unread for the caller.
        """
        sequence = introducer
        kind = chr(ord(introducer) - 0x40) if _is_c1(introducer) else (yield from self._peek())
        if not _is_c1(introducer):
            if kind is None or kind == ESC:
                return sequence
            sequence += yield self.read1()
        if kind in STRING_INTRODUCERS:
            yield from self._skip_string()
            return None
        if kind not in (CSI, SS3):
            return sequence
        if kind == SS3 or (yield from self._peek()) == CSI:  # ESC O P; ESC [ [ A (Linux console)
            length = len(sequence) + (1 if kind == SS3 else 2)
            while len(sequence) < length and (yield from self._peek()) is not None:
                sequence += yield self.read1()
            return sequence
        while (
            character := (yield from self._peek())
        ) is not None and "\x20" <= character <= "\x7e":
            sequence += yield self.read1()
            if character >= "\x40":  # the final byte
                if sequence.endswith(f"{CSI}M"):  # X10 mouse: three raw bytes follow
                    for _ in range(3):
                        if (yield from self._peek()) is not None:
                            sequence += yield self.read1()
                break
        return sequence

    def _skip_string(self) -> Generator[Read1 | Peek1, str, None]:
        """Consume a control string up to BEL or ST (ESC \\ or 8-bit ST), or a pause in it."""
        while (character := (yield from self._peek())) is not None:
            yield self.read1()
            if character in (BEL, ST_8BIT):
                return
            if character == ESC and (yield from self._peek()) == "\\":
                yield self.read1()
                return


def _dropped(sequence: str | None) -> None:
    # A control string can carry the clipboard: only its kind is logged, never its content.
    log.debug(
        "dropped unrecognised terminal input %s",
        "(control string)" if sequence is None else repr(sequence[:16]),
    )


class HardenedDriver(LinuxDriver):
    """Textual's Linux/macOS driver reading input through :class:`HardenedParser`."""

    parser_class: type[XTermParser] = HardenedParser

    def run_input_thread(self) -> None:
        """``LinuxDriver.run_input_thread`` of Textual 8.2.8 with ``parser_class`` in place of
        ``XTermParser`` (the only change: Textual names the parser inside the method)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = self.parser_class(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def process(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> None:
            for index, (_key, mask) in enumerate(selector_events):
                if mask & selectors.EVENT_READ:
                    data = decode(
                        os.read(self.fileno, 1024 * 4),
                        final=final and index == len(selector_events) - 1,
                    )
                    if not data:
                        break
                    for event in parser.feed(data):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
