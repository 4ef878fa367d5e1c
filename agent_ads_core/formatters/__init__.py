"""Output formatters: stevedore drivers in the ``agent_ads.formatters`` entry-point namespace.

The core registers ``json``, ``jsonl`` and ``csv`` in its own ``pyproject.toml``; any installed
distribution can add another under the same namespace and ``--format <name>`` finds it.
A formatter is looked up by name, and only when a command is about to write, so start-up
(``--version``, ``--help``) never scans for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agent_ads_core.errors import ArgumentError
from agent_ads_core.suggest import canonical, did_you_mean

if TYPE_CHECKING:
    from agent_ads_core.formatters.base import Formatter

NAMESPACE = "agent_ads.formatters"
DEFAULT = "json"


def available() -> list[str]:
    """Names of every installed formatter (for error hints and the config schema)."""
    from importlib import metadata

    return sorted({ep.name for ep in metadata.entry_points(group=NAMESPACE)})


def load(name: str) -> type[Formatter]:
    """The formatter class registered as ``name`` (any case); an unknown name is an argument error."""
    from stevedore import driver
    from stevedore.exception import NoMatches

    names = available()
    try:
        return driver.DriverManager(NAMESPACE, canonical(name, names) or name, invoke_on_load=False).driver
    except (NoMatches, RuntimeError):
        raise ArgumentError(f"unknown output format {name!r}{did_you_mean(name, names)}",
                            hint=f"--format takes one of: {', '.join(names)}") from None
