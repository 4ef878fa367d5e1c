"""Versions of the core and each installed provider, read from package metadata only.

No provider module is imported, so a broken provider still reports its version.
"""

from __future__ import annotations

from typing import Any

from agent_ads_core import __version__
from agent_ads_core.discovery import dist_of, provider_entry_points


def versions() -> dict[str, Any]:
    providers = {}
    for ep in provider_entry_points():
        dist, version = dist_of(ep)
        providers[ep.name] = {"distribution": dist, "version": version}
    return {"agent-ads": __version__, "providers": providers}
