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

    @classmethod
    def system(cls) -> Streams:
        return cls(sys.stdin, sys.stdout, sys.stderr)

    @property
    def interactive(self) -> bool:
        """Whether a person can answer: stdin is a terminal."""
        return bool(self.stdin) and self.stdin.isatty()

    def say(self, text: str) -> None:
        print(text, file=self.stderr, flush=True)

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
