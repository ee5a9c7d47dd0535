"""The house rules hold: ruff's lint and format, mypy strict over lswtui/, the import contracts.

Each tool runs as a subprocess from the repository root with the configuration in
pyproject.toml; a failure shows the tool's own report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RULES = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
    "mypy": [sys.executable, "-m", "mypy"],
    "lint-imports": [
        sys.executable,
        "-c",
        "from importlinter.cli import lint_imports_command as c; c()",
    ],
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_house_rule_holds(rule: str) -> None:
    result = subprocess.run(RULES[rule], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{rule} failed:\n{result.stdout}{result.stderr}"
