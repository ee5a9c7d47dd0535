"""The layers stay apart: the client knows no UI or simulator, the simulator no client."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lswtui"

FORBIDDEN = {
    "api": ("lswtui.tui", "lswtui.sim", "lswtui.core", "lswtui.cli", "textual"),
    "sim": ("lswtui.api", "lswtui.tui", "lswtui.core", "lswtui.cli", "textual"),
    "core": ("lswtui.tui", "lswtui.sim", "lswtui.cli", "textual"),
    "tui": ("lswtui.sim", "lswtui.cli"),
    "headless": ("lswtui.tui", "lswtui.sim", "lswtui.cli", "textual"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_forbidden(layer):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in _imports(path):
            if name.startswith(FORBIDDEN[layer]):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize(
    "module",
    [
        "lswtui.api",
        "lswtui.sim",
        "lswtui.core.actions",
        "lswtui.config",
        "lswtui.headless.main",
        "lswtui.cli",
    ],
)
def test_headless_modules_do_not_load_textual(module):
    code = (
        f"import sys, {module}; "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'lswtui.tui'))]; "
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
