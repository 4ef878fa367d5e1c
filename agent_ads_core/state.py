"""Small files the CLI remembers between runs, in ``$XDG_STATE_HOME/agent-ads/``.

What lives here only saves work (a config file already validated, the credential store
backend found last time); it is never the only copy of anything. So reading tolerates a
missing or damaged file (``None``: do the work again), and writing is best effort and
atomic (a temporary file renamed over the old one), so two processes racing never leave
half a file and a read-only home never fails a command.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "agent-ads"


def read_json(name: str) -> Any:
    """The JSON value stored under ``name``, or ``None`` when absent or unreadable."""
    try:
        return json.loads((state_dir() / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(name: str, value: Any) -> None:
    """Store ``value`` under ``name``, replacing it atomically; silently skipped if the disk refuses."""
    directory = state_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(value, out)
            os.replace(temp, directory / name)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass
