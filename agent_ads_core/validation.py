"""Value rules shared by flags, environment variables and config files.

One place decides what a well-formed number, id or pattern-constrained text is, so a
value is judged the same whichever way it arrives. Two traps are closed here: Python's
``\\d`` and ``$`` are looser than the JSON-Schema (ECMA-262) patterns providers declare
(``\\d`` matches Arabic-Indic and fullwidth digits, ``$`` matches before a final
newline), and ``float()`` happily returns ``nan`` and ``inf``, which no timeout or
interval may be. jsonschema is not imported: settings are checked on every data command.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from agent_ads_core.suggest import canonical, did_you_mean


def matches_pattern(pattern: str, value: str) -> bool:
    """``re.search`` with ECMA-262 meaning: ASCII classes, and ``$`` only at the very end."""
    match = re.search(pattern, value, re.ASCII)
    return match is not None and not (pattern.endswith("$") and value.endswith("\n"))


def finite_number(value: Any) -> float:
    """``value`` as a finite float; ValueError for text that is no ASCII number, ``nan``, ``inf`` or ``1e400``."""
    if isinstance(value, bool) or (isinstance(value, str) and not value.isascii()):
        raise ValueError(value)  # float() would read Arabic-Indic or fullwidth digits
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def positive_seconds(text: str) -> float:
    """argparse ``type=`` for durations: a finite number greater than 0."""
    from argparse import ArgumentTypeError  # the --version path imports no argparse

    try:
        number = finite_number(text)
    except (TypeError, ValueError):
        raise ArgumentTypeError(f"must be a finite number of seconds, got {text!r}") from None
    if number <= 0:
        raise ArgumentTypeError(f"must be greater than 0, got {text!r}")
    return number


def schema_problem(value: Any, rules: Mapping[str, Any]) -> str | None:
    """Why ``value`` breaks a setting's schema (type, pattern, bounds, enum), or None.

    Covers the keywords providers use for settings; the config file as a whole is
    checked by jsonschema when it is read.
    """
    kinds = rules.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    if "enum" in rules and value not in rules["enum"]:
        return "must be one of " + ", ".join(map(str, rules["enum"]))
    if isinstance(value, bool):
        return None if not kinds or "boolean" in kinds else "must be " + " or ".join(kinds)
    if isinstance(value, (int, float)):
        if kinds and not {"number", "integer"} & set(kinds):
            return "must be " + " or ".join(kinds)
        if not math.isfinite(value):
            return "must be a finite number"
        low = rules.get("exclusiveMinimum")
        if low is not None and value <= low:
            return f"must be greater than {low}"
        if rules.get("minimum") is not None and value < rules["minimum"]:
            return f"must be at least {rules['minimum']}"
        return None
    if isinstance(value, str):
        if kinds and "string" not in kinds:
            return "must be " + " or ".join(kinds)
        pattern = rules.get("pattern")
        if pattern and not matches_pattern(pattern, value):
            return f"must match {pattern}"
    return None


class Choice:
    """argparse ``type=`` for an enum flag: any case is accepted, a typo gets a "did you mean".

    ``values`` is public so help, completion and ``enums list`` show the same list.
    """

    def __init__(self, values: Iterable[str], synonyms: Mapping[str, str] | None = None) -> None:
        self.values = tuple(values)
        self.synonyms = synonyms

    def __call__(self, text: str) -> str:
        found = canonical(text, self.values)
        if found is None:
            from argparse import ArgumentTypeError

            hint = did_you_mean(text, self.values, synonyms=self.synonyms)
            raise ArgumentTypeError(f"{text!r} is not one of {', '.join(self.values)}{hint}")
        return found
