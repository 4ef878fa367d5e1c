"""The rate-limit headers every normal /v5 answer carries.

Pinterest advertises its per-minute budget on each response; clients are expected to
read these headers, so the simulator keeps a real fixed-window count. It never
enforces the limit (the ``rate_limit``/``daily_quota`` faults do that on demand), so
benchmarks are not throttled.
"""

from __future__ import annotations

import threading
import time

RATE_LIMIT = 1000  # requests per window
RATE_WINDOW = 60  # seconds


class RateMeter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._window_start = time.monotonic()
        self._used = 0

    def reset(self) -> None:
        with self._lock:
            self._window_start = time.monotonic()
            self._used = 0

    def headers(self) -> dict[str, str]:
        """Count one request and describe the window it fell in."""
        with self._lock:
            now = time.monotonic()
            if now - self._window_start >= RATE_WINDOW:
                self._window_start, self._used = now, 0
            self._used += 1
            reset = max(1, int(self._window_start + RATE_WINDOW - now + 0.999))
            remaining = max(0, RATE_LIMIT - self._used)
        return {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": str(remaining),
            "x-ratelimit-reset": str(reset),
        }
