"""The ``/_sim/`` test controls every simulator answers, as one route table.

Tests drive a simulator that runs in another process through these: ``GET requests``, ``GET
violations``, ``GET health``, ``POST reset``, ``POST expire-token``, ``POST faults`` (JSON
``{"kind": ..., ...params}``), plus routes a simulator adds (its latency control). Controls are
neither validated nor recorded. An unknown action answers 404, a known one with another method
405, a bad argument 400 ``{"error": ...}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, Protocol

Route = Callable[[bytes], Any]
"""A control: takes the request body, returns the JSON-ready answer (``ValueError``/``TypeError`` → 400)."""


class Controllable(Protocol):
    """What every simulator offers its tests in Python, and so over ``/_sim/`` too."""

    def requests(self) -> list[dict[str, Any]]: ...

    def violations(self) -> list[dict[str, Any]]: ...

    def health(self) -> dict[str, Any]: ...

    def reset(self) -> None: ...

    def add_fault(self, kind: str, **params: Any) -> dict[str, Any]: ...


class Controls:
    """The route table of one simulator: the common controls, ``expire_token`` (each platform names
    its own method) and the simulator's ``more`` routes."""

    def __init__(
        self,
        sim: Controllable,
        *,
        expire_token: Callable[[], None],
        more: Mapping[tuple[str, str], Route] | None = None,
    ) -> None:
        self._routes: dict[tuple[str, str], Route] = {
            ("GET", "requests"): lambda body: sim.requests(),
            ("GET", "violations"): lambda body: sim.violations(),
            ("GET", "health"): lambda body: sim.health(),
            ("POST", "reset"): lambda body: ok(sim.reset),
            ("POST", "expire-token"): lambda body: ok(expire_token),
            ("POST", "faults"): lambda body: {"fault": sim.add_fault(**json_object(body, "kind"))},
            **(more or {}),
        }

    def answer(self, method: str, action: str, body: bytes) -> tuple[int, Any]:
        """(HTTP status, JSON-ready payload) of ``method /_sim/<action>``."""
        route = self._routes.get((method, action))
        if route is None:
            known = any(name == action for _, name in self._routes)
            return (405, {"error": "method not allowed"}) if known else (404, {"error": "unknown control"})
        try:
            return 200, route(body)
        except (ValueError, TypeError) as error:
            return 400, {"error": str(error)}


def ok(action: Callable[[], object]) -> dict[str, bool]:
    """Run ``action``; the answer of a control that has nothing else to say."""
    action()
    return {"ok": True}


def json_object(body: bytes, required: str) -> dict[str, Any]:
    """The request body as a JSON object that has ``required``, else ``ValueError``."""
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        value = None
    if not isinstance(value, dict) or required not in value:
        raise ValueError(f"expected a JSON object with {required!r}")
    return value
