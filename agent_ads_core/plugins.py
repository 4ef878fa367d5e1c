"""Find providers and plugins through entry points and collect what they register.

Loading is deliberately forgiving: a provider that fails to import, misspells a hook or
raises while registering costs one warning line on stderr and is left out, so one broken
package never takes the whole CLI down. Loading is also cheap: only each provider's
plugin module is imported, never its command modules.

A *plugin* (entry point group ``agent_ads.plugins``) uses the same hooks as a provider but
is not one: it declares no ``ProviderInfo`` and registers commands under its own name
(``agent-ads mcp serve``), typically tools built on every provider's registrations.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, TextIO

import pluggy

from agent_ads_core import hookspecs
from agent_ads_core.declarations import (
    AnalyticsSpec,
    AuthSpec,
    CommandSpec,
    DoctorCheck,
    ListSpec,
    ProviderInfo,
    ReportSpec,
)
from agent_ads_core.discovery import dist_of, plugin_entry_points, provider_entry_points
from agent_ads_core.redaction import redact

CORE_PLUGIN = "agent_ads_core.default_plugin"
GUIDE_COMMAND = "agent_ads_core.commands.guide:Guide"

# hook name -> (capability reported by `providers list`, record type)
CAPABILITY_HOOKS = {
    "register_auth": "auth",
    "register_doctor_checks": "doctor",
    "register_list": "list",
    "register_analytics": "analytics",
    "register_reports": "reports",
}


@dataclass
class PluginRecord:
    """One installed plugin (provider or not) after loading."""

    name: str
    distribution: str | None
    version: str | None
    status: str = "ok"
    error: str | None = None


@dataclass
class ProviderRecord(PluginRecord):
    """Everything known about one provider after loading."""

    info: ProviderInfo | None = None
    capabilities: list[str] = field(default_factory=list)


class Registry:
    """The loaded plugin manager plus every record the hooks registered."""

    def __init__(self, warn: TextIO | None = None) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self._warn_stream = warn if warn is not None else sys.stderr
        self.providers: dict[str, ProviderRecord] = {}
        self.plugins: dict[str, PluginRecord] = {}  # plugins that are not providers
        self.commands: dict[str, CommandSpec] = {}
        self.aliases: dict[str, str] = {}
        self.config_schemas: dict[str, dict] = {}
        self.auth: dict[str, AuthSpec] = {}
        self.doctor_checks: list[DoctorCheck] = []
        self.lists: dict[str, ListSpec] = {}
        self.analytics: dict[str, AnalyticsSpec] = {}
        self.reports: dict[str, ReportSpec] = {}
        self.warnings: list[str] = []

    # -- loading -----------------------------------------------------------------
    def load(self, entry_points: Iterable[metadata.EntryPoint] | None = None,
             plugins: Iterable[metadata.EntryPoint] | None = None) -> Registry:
        """Register the core, the providers' entry points and the other plugins' (discovered when not given)."""
        self._register_plugin(importlib.import_module(CORE_PLUGIN), "core")
        for ep in provider_entry_points() if entry_points is None else entry_points:
            self._load_entry_point(ep, self.providers, ProviderRecord)
        for ep in plugin_entry_points() if plugins is None else plugins:
            if ep.name in self.providers or ep.name == "core":
                self.warn(f"plugin '{ep.name}' ignored: the name is taken")
                continue
            self._load_entry_point(ep, self.plugins, PluginRecord)
        self._collect()
        self._add_guide_commands()
        return self

    def _load_entry_point(self, ep: metadata.EntryPoint, table: dict, record_type: type[PluginRecord]) -> None:
        dist, version = dist_of(ep)
        record = table[ep.name] = record_type(ep.name, dist, version)
        try:
            module = ep.load()
        except Exception as exc:  # a broken plugin must not break the others
            self._fail(record, f"failed to import: {type(exc).__name__}: {exc}")
            return
        self._register_plugin(module, ep.name)

    def _register_plugin(self, module: Any, name: str) -> None:
        try:
            self.pm.register(module, name=name)
            self.pm.check_pending()
        except Exception as exc:
            if self.pm.is_registered(module):
                self.pm.unregister(module)
            record = self.record(name)
            if record is None:
                raise
            self._fail(record, f"rejected: {exc}")

    def record(self, name: str) -> PluginRecord | None:
        """The provider or plugin record of that name."""
        return self.providers.get(name) or self.plugins.get(name)

    def _fail(self, record: PluginRecord, reason: str) -> None:
        record.status = "error"
        record.error = reason
        kind = "provider" if isinstance(record, ProviderRecord) else "plugin"
        self.warn(f"{kind} '{record.name}' {reason}; other providers keep working")

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        self._warn_stream.write(redact(f"agent-ads: warning: {message}") + "\n")

    def _collect(self) -> None:
        """Call every hook implementation separately so a failure is attributed to its plugin."""
        collectors: dict[str, Callable[[str], Callable]] = {
            "register_provider": self._on_provider,
            "register_commands": self._on_command,
            "register_config_schema": self._on_config_schema,
            "register_auth": lambda owner: self._keyed(owner, self.auth, "register_auth"),
            "register_doctor_checks": self._on_doctor_check,
            "register_list": lambda owner: self._keyed(owner, self.lists, "register_list"),
            "register_analytics": lambda owner: self._keyed(owner, self.analytics, "register_analytics"),
            "register_reports": lambda owner: self._keyed(owner, self.reports, "register_reports"),
        }
        failed: set[str] = set()
        for hook_name, make_register in collectors.items():
            for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
                owner = impl.plugin_name
                if owner in failed:
                    continue
                try:
                    impl.function(register=make_register(owner))
                except Exception as exc:
                    if owner == "core":
                        raise
                    failed.add(owner)
                    self._fail(self.record(owner), f"failed in {hook_name}: {type(exc).__name__}: {exc}")
                    continue
                if owner in self.providers and hook_name in CAPABILITY_HOOKS:
                    self.providers[owner].capabilities.append(CAPABILITY_HOOKS[hook_name])
        for owner in failed:
            self._forget(owner)

    def _forget(self, owner: str) -> None:
        """Drop whatever a provider registered before it failed."""
        self.commands = {p: c for p, c in self.commands.items() if c.owner != owner}
        self.aliases = {a: p for a, p in self.aliases.items() if p in self.commands}
        for table in (self.config_schemas, self.auth, self.lists, self.analytics, self.reports):
            table.pop(owner, None)
        self.doctor_checks = [c for c in self.doctor_checks if c.provider != owner]
        if owner in self.providers:
            self.providers[owner].capabilities.clear()

    def _add_guide_commands(self) -> None:
        """``<provider> guide`` for every provider that declares a guide: the provider writes no command."""
        for record in self.usable_providers():
            path = f"{record.name} guide"
            if record.info.guide and path not in self.commands:
                self.commands[path] = CommandSpec(path, GUIDE_COMMAND, "print this provider's guide (Markdown)",
                                                  owner=record.name)

    # -- register callbacks ------------------------------------------------------
    def _check_owner(self, owner: str, provider: str, hook: str) -> None:
        if owner != "core" and provider != owner:
            raise ValueError(f"{hook}: provider '{owner}' registered a record for '{provider}'")

    def _on_provider(self, owner: str) -> Callable[[ProviderInfo], None]:
        def register(info: ProviderInfo) -> None:
            self._check_owner(owner, info.name, "register_provider")
            if owner not in self.providers:
                raise ValueError(f"register_provider: '{owner}' is installed as a plugin, not as a provider")
            self.providers[owner].info = info

        return register

    def _on_command(self, owner: str) -> Callable[..., None]:
        def register(path: str, target: str, summary: str, aliases: Iterable[str] = ()) -> None:
            words = path.split()
            if owner != "core" and words[0] != owner:
                raise ValueError(f"command '{path}' must start with the provider name '{owner}'")
            spec = CommandSpec(" ".join(words), target, summary, tuple(aliases), owner)
            if spec.path in self.commands:
                raise ValueError(f"command '{spec.path}' is already registered by '{self.commands[spec.path].owner}'")
            self.commands[spec.path] = spec
            for alias in spec.aliases:
                self.aliases[" ".join(alias.split())] = spec.path

        return register

    def _on_config_schema(self, owner: str) -> Callable[[str, dict], None]:
        def register(provider: str, fragment: dict) -> None:
            self._check_owner(owner, provider, "register_config_schema")
            self.config_schemas[provider] = fragment

        return register

    def _on_doctor_check(self, owner: str) -> Callable[[DoctorCheck], None]:
        def register(check: DoctorCheck) -> None:
            self._check_owner(owner, check.provider, "register_doctor_checks")
            self.doctor_checks.append(check)

        return register

    def _keyed(self, owner: str, table: dict, hook: str) -> Callable[[Any], None]:
        def register(record: Any) -> None:
            self._check_owner(owner, record.provider, hook)
            table[record.provider] = record

        return register

    # -- queries -----------------------------------------------------------------
    def resolve(self, path: str) -> CommandSpec | None:
        path = self.aliases.get(path, path)
        return self.commands.get(path)

    def all_paths(self) -> list[str]:
        return sorted([*self.commands, *self.aliases])

    def provider_info(self, name: str) -> ProviderInfo | None:
        record = self.providers.get(name)
        return record.info if record else None

    def exit_codes(self) -> dict[str, int]:
        return {n: r.info.api_error_exit_code for n, r in self.providers.items() if r.info}

    def usable_providers(self) -> list[ProviderRecord]:
        return [r for r in self.providers.values() if r.status == "ok" and r.info]
