"""lswtui's own log: a private file in the state dir. Never the terminal, which the TUI owns."""

from __future__ import annotations

import logging
from pathlib import Path

from lswtui.core.audit import write_private

LOG_NAME = "lswtui.log"


class PrivateFileHandler(logging.Handler):
    """Appends each record to a file created with mode 0600 (tracebacks stay the user's own)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            write_private(self.path, self.format(record) + "\n", append=True)
        except Exception:
            self.handleError(record)


def log_to_file(directory: Path) -> Path:
    """Send lswtui's warnings and worse to ``directory/lswtui.log`` (once per path). With a handler
    in place, ``logging`` no longer falls back to printing them on stderr."""
    path = directory / LOG_NAME
    logger = logging.getLogger("lswtui")
    if not any(isinstance(h, PrivateFileHandler) and h.path == path for h in logger.handlers):
        handler = PrivateFileHandler(path)
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
    return path
