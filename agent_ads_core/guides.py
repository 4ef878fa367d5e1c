"""Provider guides: Markdown shipped as package data and named by ``ProviderInfo.guide``.

Read through :mod:`importlib.resources`, so the guide a user sees is the one inside the
installed distribution (a wheel from an index has it), never a file of this repository.
"""

from __future__ import annotations

from importlib import resources

from agent_ads_core.declarations import ProviderInfo
from agent_ads_core.errors import ConfigError, InternalError


def read_guide(info: ProviderInfo) -> str:
    """The guide's Markdown text; a config error when the provider declares none."""
    if not info.guide:
        raise ConfigError(f"provider '{info.name}' ships no guide", hint=f"see 'agent-ads {info.name} --help'")
    package, _, name = info.guide.partition(":")
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise InternalError(f"provider '{info.name}' declares guide {info.guide!r}, which is not installed: {exc}",
                            provider=info.name, hint="reinstall the provider's distribution") from None
