"""ssh to a VPS from the TUI: the terminal is handed to the command and given back after.

Textual's ``App.suspend`` restores the terminal for the child and repaints after it. The child
runs in the foreground: the event loop waits for it, as Textual's own example does, so the
screen never draws over it. Meanwhile a Ctrl+C (sent by the terminal to lswtui as well as to
the child, while the command connects) reaches only the child.
"""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from textual.app import App, SuspendNotSupported

from lswtui.core.failures import Severity


@dataclass(frozen=True)
class Ended:
    """What to tell once the terminal is back (nothing for a command that exited 0)."""

    message: str | None
    severity: Severity = "information"


@contextlib.contextmanager
def _interrupts_for_the_child() -> Iterator[None]:
    """lswtui ignores SIGINT meanwhile; a handler (not SIG_IGN) so the child, which gets the
    default action at exec, can still be interrupted."""
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    except ValueError:  # not the main thread: nothing to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_handed_over(app: App[object], argv: Sequence[str], env: Mapping[str, str]) -> Ended:
    """Run ``argv`` with the terminal, the app suspended meanwhile."""
    command = shlex.join(argv)
    try:
        with app.suspend(), _interrupts_for_the_child():
            code = subprocess.run(list(argv), env=dict(env), check=False).returncode
    except SuspendNotSupported:
        return Ended("This terminal cannot be handed over: the app cannot suspend here.", "error")
    except FileNotFoundError:
        return Ended(f"{argv[0]}: command not found (ssh_command in the config).", "error")
    except OSError as exc:
        return Ended(f"{argv[0]} could not start: {exc.strerror or type(exc).__name__}.", "error")
    if code:
        return Ended(f"{command} ended with exit status {code}.", "warning")
    return Ended(None)
