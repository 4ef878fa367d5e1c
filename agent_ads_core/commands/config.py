"""``config path|show|validate``, for the whole file or (under a provider) its section."""

from __future__ import annotations

import argparse
from typing import Any

from agent_ads_core.command import Command
from agent_ads_core.config import CORE_SETTINGS
from agent_ads_core.result import Result


class ConfigCommand(Command):
    status_output = True

    def location(self) -> dict[str, Any]:
        loc = self.ctx.config_location
        return {"path": str(loc.path), "source": loc.source, "exists": loc.exists}


class ConfigPath(ConfigCommand):
    """Show which config file is used and why (--config, AGENT_ADS_CONFIG, ./, user dir)."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        return Result(data=self.location(), meta=self.base_meta())


class ConfigShow(ConfigCommand):
    """Show the config file's content and each setting's effective value and source."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        config = self.ctx.config
        registry = self.registry
        if self.provider:
            data = {**self.location(), "config": config.get("providers", {}).get(self.provider, {}),
                    "effective": self.ctx.effective_settings(self.provider)}
        else:
            data = {**self.location(), "config": config,
                    "effective": {r.name: self.ctx.effective_settings(r.name) for r in registry.usable_providers()}}
            for key, (_flag, env_var, _default) in CORE_SETTINGS.items():
                value, source = self.ctx.resolve_core_setting(key)
                data["effective"][key] = {"value": value, "source": source, "env_var": env_var}
        return Result(data=data, meta=self.base_meta())


class ConfigValidate(ConfigCommand):
    """Validate the config file against the core's and the providers' schemas (exit 2 listing every error)."""

    def execute(self, parsed_args: argparse.Namespace) -> Result:
        _ = self.ctx.config  # reading validates: a ConfigError lists every problem
        return Result(data={**self.location(), "valid": True}, meta=self.base_meta())
