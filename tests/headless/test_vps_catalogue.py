"""Every action of the catalogue has a ``vps`` command, every command a handler, every schema
name a shape: the command line, the dispatch and the shapes are written apart, so this holds
them together."""

from __future__ import annotations

import argparse

from lswtui.cli import build_parser
from lswtui.core.actions import ACTIONS
from lswtui.headless.commands import ACTION_COMMANDS, READS
from lswtui.headless.parser import SCHEMA_NAMES
from lswtui.headless.shapes import SHAPES


def _leaves(parser: argparse.ArgumentParser):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _leaves(sub)
            return
    yield parser


def _vps_commands() -> set[str]:
    [vps] = [
        a.choices["vps"]
        for a in build_parser()._actions
        if isinstance(a, argparse._SubParsersAction)
    ]
    return {leaf.get_default("vps_command") for leaf in _leaves(vps)}


def test_every_command_has_a_handler_and_every_handler_a_command():
    assert _vps_commands() == {*READS, *ACTION_COMMANDS, "schema"}


def test_every_action_of_the_catalogue_is_a_command():
    assert set(ACTION_COMMANDS.values()) == {action.id for action in ACTIONS}


def test_every_schema_name_is_a_shape():
    assert set(SCHEMA_NAMES) == set(SHAPES)
