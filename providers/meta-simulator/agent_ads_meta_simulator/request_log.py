"""What clients sent: a bounded request log and the list of violations.

Benchmarks push many requests through one simulator, so only the most recent requests are
kept; violations (requests Meta's description rejects) are client bugs that tests must see,
so every one of them is kept.
"""

from __future__ import annotations

import copy
import threading
from collections import deque
from typing import Any

MAX_REQUESTS = 10_000


class RequestLog:
    def __init__(self, max_requests: int = MAX_REQUESTS) -> None:
        self._lock = threading.Lock()
        self._requests: deque[dict[str, Any]] = deque(maxlen=max_requests)
        self._violations: list[dict[str, Any]] = []

    def request(self, entry: dict[str, Any]) -> None:
        """Keep ``entry``: method, path, query (dict), form (dict), status, and a few extras."""
        with self._lock:
            self._requests.append(entry)

    def violation(self, method: str, path: str, message: str, query: dict[str, str], form: dict[str, str]) -> None:
        with self._lock:
            self._violations.append(
                {"method": method, "path": path, "message": message, "query": dict(query), "form": dict(form)}
            )

    def requests(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(list(self._requests))

    def violations(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._violations)

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()
            self._violations.clear()
