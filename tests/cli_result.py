"""What one ``agent-ads`` run left behind, as the e2e and unit tests inspect it.

Importable from every test directory: pytest puts ``tests/`` on the path for its conftest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class CliRun:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def error(self) -> dict[str, Any]:
        """The one JSON error object on stderr (warnings may precede it)."""
        lines = [line for line in self.stderr.splitlines() if line.startswith('{"error"')]
        assert len(lines) == 1, self.stderr
        return json.loads(lines[0])["error"]
