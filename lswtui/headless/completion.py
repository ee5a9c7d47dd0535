"""Shell completion by argcomplete: the script a shell sources calls ``lswtui`` back with
``_ARGCOMPLETE`` set, and the parser answers (commands, options, choices) without running."""

from __future__ import annotations

import argparse
import os

PROGRAM = "lswtui"


def completion_script(shell: str) -> str:
    from argcomplete.shell_integration import shellcode

    return shellcode([PROGRAM], shell=shell)


def complete_if_asked(parser: argparse.ArgumentParser) -> None:
    """Answer a completion request and exit; otherwise return at once (argcomplete unloaded)."""
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        argcomplete.autocomplete(parser)
