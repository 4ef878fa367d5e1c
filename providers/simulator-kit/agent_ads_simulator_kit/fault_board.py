"""Failures that tests arm at run time to exercise a client's error handling.

A fault has a kind, a ``count`` of requests it hits, and optionally a path substring a request
must contain to be hit. What kinds exist, their parameters and what each does are the simulator's
platform facts; the board only validates, keeps and hands them out, first-armed first, across
handler threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[str, dict[str, Any]], None]
"""``check(kind, params)`` raises ``ValueError`` when a kind's (defaults-merged) params are invalid."""


@dataclass
class Fault:
    kind: str
    count: int
    path: str | None
    params: dict[str, Any] = field(default_factory=dict)


class FaultBoard:
    """The armed faults of one simulator (thread-safe).

    ``defaults`` names every kind with its parameters' defaults (a parameter not named there is
    refused); ``aliases`` maps other accepted parameter names onto them. ``path_param`` is what
    the simulator's clients call the path substring, as :meth:`add` and :meth:`pending` show it.
    """

    def __init__(
        self,
        defaults: Mapping[str, Mapping[str, Any]],
        check: Check | None = None,
        *,
        path_param: str = "path",
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._defaults = defaults
        self._check = check
        self._path_param = path_param
        self._aliases = dict(aliases or {})
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, kind: str, count: int = 1, path: str | None = None, **params: Any) -> dict[str, Any]:
        """Arm a fault; returns it as :meth:`pending` will list it, defaults filled in."""
        if kind not in self._defaults:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(self._defaults)}")
        params = {self._aliases.get(name, name): value for name, value in params.items()}
        unknown = set(params) - set(self._defaults[kind])
        if unknown:
            raise ValueError(f"{kind}: unknown parameter(s) {', '.join(sorted(unknown))}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError("count must be a positive integer")
        if path is not None and not isinstance(path, str):
            raise ValueError(f"{self._path_param} must be a string")
        merged = {**self._defaults[kind], **params}
        if self._check is not None:
            self._check(kind, merged)
        fault = Fault(kind, count, path, merged)
        with self._lock:
            self._faults.append(fault)
            return self._describe(fault)

    def take(self, path: str, kinds: Collection[str]) -> Fault | None:
        """Consume one hit of the first armed fault of ``kinds`` whose path substring ``path`` contains."""
        with self._lock:
            for fault in self._faults:
                if fault.kind in kinds and (fault.path is None or fault.path in path):
                    fault.count -= 1
                    if fault.count == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[dict[str, Any]]:
        """The armed faults with their remaining counts, first-armed first."""
        with self._lock:
            return [self._describe(fault) for fault in self._faults]

    def _describe(self, fault: Fault) -> dict[str, Any]:
        return {"kind": fault.kind, "count": fault.count, self._path_param: fault.path, **fault.params}


def check_non_negative(kind: str, params: Mapping[str, Any], name: str, *, optional: bool = False) -> None:
    """Refuse a parameter that is not a non-negative number (``None`` too, unless ``optional``)."""
    value = params[name]
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ValueError(f"{kind}: {name} must be a non-negative number")
