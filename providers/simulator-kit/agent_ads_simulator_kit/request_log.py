"""What clients sent: a bounded request log and the full list of violations.

Benchmarks push hundreds of thousands of requests through one simulator, so only the most recent
requests are kept; violations (requests the platform's API description rejects) are client bugs
that tests must see, so every one of them is kept. Entries are plain JSON-ready dicts whose keys
the simulator chooses; readers get deep copies, so a test cannot change what was recorded.

A request that arrived before :meth:`RequestLog.clear` is never recorded after it: a handler held
by a ``slow`` fault (whose client was killed long ago) would otherwise land in the next test's log.
Each handler thread calls :meth:`RequestLog.begin` when its request arrives.
"""

from __future__ import annotations

import copy
import threading
from collections import deque
from typing import Any

MAX_REQUESTS = 10_000


class RequestLog:
    """Thread-safe: every handler thread of a simulator records into the one log."""

    def __init__(self, max_requests: int = MAX_REQUESTS) -> None:
        self._lock = threading.Lock()
        self._requests: deque[dict[str, Any]] = deque(maxlen=max_requests)
        self._violations: list[dict[str, Any]] = []
        self._generation = 0
        self._arrival = threading.local()

    def begin(self) -> None:
        """Mark the start of this thread's request: what it records counts only until the next clear()."""
        with self._lock:
            self._arrival.generation = self._generation

    def _current(self) -> bool:
        return getattr(self._arrival, "generation", self._generation) == self._generation

    def request(self, entry: dict[str, Any]) -> None:
        with self._lock:
            if self._current():
                self._requests.append(entry)

    def violation(self, entry: dict[str, Any]) -> None:
        with self._lock:
            if self._current():
                self._violations.append(entry)

    def requests(self) -> list[dict[str, Any]]:
        """The most recent ``max_requests`` requests, oldest first."""
        with self._lock:
            return copy.deepcopy(list(self._requests))

    def violations(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._violations)

    def clear(self) -> None:
        with self._lock:
            self._generation += 1
            self._requests.clear()
            self._violations.clear()
