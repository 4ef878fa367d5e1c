"""The rate-limit usage headers Graph puts on every answer.

* ``x-app-usage``: ``{"call_count", "total_cputime", "total_time"}`` (percentages), on every answer.
* ``x-business-use-case-usage``: ``{"<business id>": [{"type", "call_count", "total_cputime",
  "total_time", "estimated_time_to_regain_access"}]}`` on requests about an ad account's objects;
  the type is ``ads_insights`` for insights requests, else ``ads_management``; the wait is minutes.
* ``x-ad-account-usage``: ``{"acc_id_util_pct", "reset_time_duration"}`` on the same requests.

The percentages grow slowly with the number of calls (1 % per 20 calls, at most 99) so a
benchmark never throttles; the ``rate_limit`` fault reports 100 % and its wait.
"""

from __future__ import annotations

import json
import threading
from typing import Any


class UsageMeter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls = 0
        self._per_owner: dict[str, int] = {}

    def reset(self) -> None:
        with self._lock:
            self._calls = 0
            self._per_owner.clear()

    def headers(self, owner: str | None, insights: bool, throttled_minutes: float | None = None) -> dict[str, str]:
        """Headers for one answer; ``owner`` is the business (or account) id of an ad-account request."""
        with self._lock:
            self._calls += 1
            app_pct = min(99, self._calls // 20)
            owner_pct = 0
            if owner is not None:
                self._per_owner[owner] = self._per_owner.get(owner, 0) + 1
                owner_pct = min(99, self._per_owner[owner] // 20)
        if throttled_minutes is not None:
            app_pct = owner_pct = 100
        headers = {
            "x-app-usage": _json({"call_count": app_pct, "total_cputime": app_pct // 2, "total_time": app_pct // 2})
        }
        if owner is not None:
            wait = 0 if throttled_minutes is None else throttled_minutes
            usage = {
                "type": "ads_insights" if insights else "ads_management",
                "call_count": owner_pct,
                "total_cputime": owner_pct // 2,
                "total_time": owner_pct // 2,
                "estimated_time_to_regain_access": int(wait) if float(wait).is_integer() else wait,
            }
            headers["x-business-use-case-usage"] = _json({owner: [usage]})
            headers["x-ad-account-usage"] = _json(
                {"acc_id_util_pct": float(owner_pct), "reset_time_duration": int(wait * 60)}
            )
        return headers


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))
