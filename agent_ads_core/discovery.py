"""Which providers and plugins are installed: entry points of ``agent_ads.providers`` and ``agent_ads.plugins``.

Kept apart from :mod:`plugins` (and pluggy) so that ``--version`` can list providers and
their versions from package metadata alone.
"""

from __future__ import annotations

import os
from importlib import metadata

ENTRY_POINT_GROUP = "agent_ads.providers"
PLUGIN_ENTRY_POINT_GROUP = "agent_ads.plugins"  # plugins that add commands but are no provider (e.g. a server)
PROVIDERS_ENV = "AGENT_ADS_PROVIDERS"


def provider_entry_points() -> list[metadata.EntryPoint]:
    """Entry points of installed providers, filtered by ``AGENT_ADS_PROVIDERS`` (empty: none)."""
    eps = sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)
    wanted = os.environ.get(PROVIDERS_ENV)
    if wanted is not None:
        names = {n.strip() for n in wanted.split(",") if n.strip()}
        eps = [ep for ep in eps if ep.name in names]
    return eps


def plugin_entry_points() -> list[metadata.EntryPoint]:
    """Entry points of installed non-provider plugins (``AGENT_ADS_PROVIDERS`` does not filter them)."""
    return sorted(metadata.entry_points(group=PLUGIN_ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def dist_of(ep: metadata.EntryPoint) -> tuple[str | None, str | None]:
    """The distribution name and version that installed an entry point."""
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None, None
    return dist.metadata["Name"], dist.version
