"""The simulator builds its JSON from its own data: it must not lean on the client or the UI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lswtui.sim


def test_importing_the_simulator_loads_neither_the_client_nor_the_ui():
    code = (
        "import sys, lswtui.sim, lswtui.sim.server; "
        "print(sorted(m for m in sys.modules if m.startswith(('lswtui.api', 'lswtui.tui', 'textual'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


FORBIDDEN = re.compile(r"^\s*(from|import)\s+(lswtui\.(api|tui)|\.\.)", re.MULTILINE)


def test_no_simulator_module_imports_the_client_or_the_ui():
    for source in Path(lswtui.sim.__file__).parent.glob("*.py"):
        assert not FORBIDDEN.search(source.read_text()), source.name
