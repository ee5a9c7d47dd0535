"""The headless front end's terminal: data on stdout, everything said to the user on stderr,
answers read from stdin when it is a terminal. Injected, so tests drive it with strings."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO


def _read_secret(prompt: str) -> str:
    return getpass.getpass(prompt, stream=sys.stderr)


@dataclass
class Streams:
    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    #: Asks for a secret on the terminal without echoing it.
    read_secret: Callable[[str], str] = _read_secret
    _progress: str | None = None  # what the progress line last said (open on a terminal)

    @classmethod
    def system(cls) -> Streams:
        return cls(sys.stdin, sys.stdout, sys.stderr)

    @property
    def interactive(self) -> bool:
        """Whether a person can answer: stdin is a terminal."""
        return bool(self.stdin) and self.stdin.isatty()

    def say(self, text: str) -> None:
        self._end_progress()
        print(text, file=self.stderr, flush=True)

    def progress(self, text: str, *, news: str) -> None:
        """A line that changes: redrawn in place on a terminal; elsewhere (a log) printed only
        when ``news`` (what it reports, without the clock) changes."""
        if self.stderr.isatty():
            self.stderr.write(f"\r\x1b[K{text}")
            self.stderr.flush()
        elif news != self._progress:
            print(text, file=self.stderr, flush=True)
        self._progress = news

    def _end_progress(self) -> None:
        if self._progress is not None and self.stderr.isatty():
            self.stderr.write("\n")
        self._progress = None

    def ask(self, question: str) -> str:
        """One line typed in answer (empty at end of input), without its newline."""
        self.stderr.write(question)
        self.stderr.flush()
        return self.stdin.readline().rstrip("\r\n")

    def out(self, text: str) -> None:
        """Data for stdout; a reader that went away (``| head``) ends the output, not the
        command, whose exit code stays what happened."""
        try:
            print(text, file=self.stdout, flush=True)
        except BrokenPipeError:
            self.stdout = open(os.devnull, "w")  # noqa: SIM115  # the interpreter's final flush
