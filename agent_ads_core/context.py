"""Per-run state shared by the core and providers: settings, secrets, HTTP, warnings.

Everything here is created on first use, so a command pays only for what it touches:
no config file is read, no keyring imported and no HTTP session opened until needed.
Non-secret settings resolve as flag > environment > config file > provider default.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO

from agent_ads_core import __version__, credential_routing, formatters
from agent_ads_core import config as config_mod
from agent_ads_core.declarations import ProviderInfo
from agent_ads_core.errors import AgentAdsError, ArgumentError, ConfigError
from agent_ads_core.plugins import Registry
from agent_ads_core.suggest import canonical
from agent_ads_core.validation import schema_problem

if TYPE_CHECKING:
    from agent_ads_core.credentials import CredentialStore
    from agent_ads_core.http import HttpClient
    from agent_ads_core.progress import Progress
    from agent_ads_core.terminal import TerminalSettings

# Settings that have a global flag of the same name.
GLOBAL_SETTING_FLAGS = ("api_base_url", "api_version", "timeout_seconds")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _coerce(value: str, like: Any, env_var: str) -> Any:
    """Environment values are text; give them the type of the setting's default."""
    try:
        if isinstance(like, bool):
            lowered = value.strip().lower()
            if lowered not in _TRUE | _FALSE:
                raise ValueError(value)
            return lowered in _TRUE
        if isinstance(like, int):
            return int(value)
        if isinstance(like, float):
            return float(value)
    except ValueError:
        expected = ("true or false (also 1/0, yes/no, on/off)" if isinstance(like, bool)
                    else "a number" if isinstance(like, (int, float)) else "text")
        raise ConfigError(f"environment variable {env_var} must be {expected}, got {value!r}",
                          hint=f"fix or unset {env_var}") from None
    return value


class RunContext:
    """What one invocation of ``agent-ads`` knows; commands reach it as ``self.ctx``."""

    def __init__(
        self,
        registry: Registry,
        options: argparse.Namespace,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        environ: Mapping[str, str] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.registry = registry
        self.options = options
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.environ = os.environ if environ is None else environ
        self._progress = progress
        self.warnings: list[str] = []
        self._stores: dict[str, CredentialStore] = {}
        self._providers: dict[str, ProviderContext] = {}

    # -- config ------------------------------------------------------------------
    @cached_property
    def config_location(self) -> config_mod.ConfigLocation:
        return config_mod.locate(getattr(self.options, "config", None), self.environ)

    @cached_property
    def config(self) -> dict[str, Any]:
        return config_mod.load(self.config_location, self.registry.config_schemas)

    @property
    def output_format(self) -> str:
        return self.resolve_core_setting("output_format")[0]

    def resolve_core_setting(self, key: str) -> tuple[Any, str]:
        """``(value, source)`` of a core setting (:data:`config.CORE_SETTINGS`): flag > env > config > default."""
        flag_dest, env_var, default = config_mod.CORE_SETTINGS[key]
        flag = getattr(self.options, flag_dest, None)
        if flag is not None:
            return flag, "flag"
        text = self.environ.get(env_var)
        if text:
            if key != "output_format":
                rules = config_mod.CORE_RULES.get(key, {})
                return self._checked(_coerce(text, default, env_var), rules, f"environment variable {env_var}",
                                     ConfigError, f"fix or unset {env_var}"), "env"
            names = formatters.available()
            found = canonical(text.strip(), names)
            if found is None:
                raise ConfigError(f"environment variable {env_var} must be one of {', '.join(names)}, got {text!r}",
                                  hint=f"fix or unset {env_var}")
            return found, "env"
        if key in self.config:
            return self.config[key], "config"
        return default, "default"

    def terminal_settings(self) -> TerminalSettings:
        """The human view's flags over the config file's ``terminal`` section."""
        from agent_ads_core.terminal import TerminalSettings, name_list

        section = self.config.get("terminal", {})
        return TerminalSettings(
            table_columns=name_list(getattr(self.options, "table_columns", None)),
            chart_metrics=name_list(getattr(self.options, "chart_metric", None)),
            chart_type=getattr(self.options, "chart_type", None) or section.get("chart_type", "line"),
            chart_height=section.get("chart_height"),
            chart_max_series=section.get("chart_max_series"),
            stderr=self.stderr,
            quiet=bool(getattr(self.options, "quiet", False)),
        )

    @property
    def max_concurrency(self) -> int | None:
        """The user's cap on requests in flight (--max-concurrency > config), or None for the providers' own."""
        value = getattr(self.options, "max_concurrency", None)
        if value is not None and value < 1:
            raise ArgumentError("--max-concurrency must be at least 1")
        return value if value is not None else self.config.get("max_concurrency")

    # -- settings ----------------------------------------------------------------
    def provider(self, name: str) -> ProviderInfo:
        info = self.registry.provider_info(name)
        if info is None:
            raise ConfigError(f"provider '{name}' is not available")
        return info

    def resolve_setting(self, provider: str, key: str, flag: Any = None,
                        flag_name: str | None = None) -> tuple[Any, str]:
        """Return ``(value, source)``; source is flag, env, config, default or unset.

        A value from a flag, the environment or the file is checked against the setting's
        schema, and an error names where it came from (``flag_name`` for a command's own
        flag), so nothing malformed is ever sent. A setting that decides where credentials
        go is checked here too, before anything can be sent: see
        :mod:`agent_ads_core.credential_routing`.
        """
        info = self.provider(provider)
        if flag is None and key in GLOBAL_SETTING_FLAGS:
            flag = getattr(self.options, key, None)
            flag_name = "--" + key.replace("_", "-")
        default = info.settings.get(key)
        env_var = info.env_vars.get(key)
        routing = key in credential_routing.routing_settings(info.credential_routing_settings)
        # where credentials may go has its own, stricter check (below); the schema covers the rest
        rules = {} if routing else self.registry.config_schemas.get(provider, {}).get("properties", {}).get(key, {})
        if flag is not None:
            origin = flag_name or "--" + key.replace("_", "-")
            value = self._checked(flag, rules, origin, ArgumentError, f"fix {origin}")
            source = "flag"
        elif env_var and self.environ.get(env_var):
            origin = f"${env_var}"
            value = self._checked(_coerce(self.environ[env_var], default, env_var), rules,
                                  f"environment variable {env_var}", ConfigError, f"fix or unset {env_var}")
            source = "env"
        elif key in (section := self.config.get("providers", {}).get(provider, {})):
            origin = f"providers.{provider}.{key} in {self.config_location.path}"
            value, source = self._checked(section[key], rules, origin, ConfigError, "fix the config file"), "config"
        elif default is not None:
            value, source, origin = default, "default", f"the default {key}"
        else:
            return None, "unset"
        if routing:
            if source == "config" and self.config_location.source not in credential_routing.TRUSTED_CONFIG_SOURCES:
                raise credential_routing.untrusted_config_error(provider, key, env_var, self.config_location.path)
            value = credential_routing.check_base_url(value, provider=provider, key=key, origin=origin)
        return value, source

    @staticmethod
    def _checked(value: Any, rules: dict[str, Any], name: str, error: type[ArgumentError | ConfigError],
                 hint: str) -> Any:
        problem = schema_problem(value, rules)
        if problem:
            raise error(f"{name} {problem}, got {value!r}", hint=hint)
        return value

    def setting(self, provider: str, key: str, flag: Any = None, flag_name: str | None = None) -> Any:
        return self.resolve_setting(provider, key, flag, flag_name)[0]

    def effective_settings(self, provider: str) -> dict[str, dict[str, Any]]:
        info = self.provider(provider)
        keys = dict.fromkeys([*info.settings, *info.env_vars, *self.registry.config_schemas.get(provider, {})
                              .get("properties", {})])
        result = {}
        for key in keys:
            try:
                value, source = self.resolve_setting(provider, key)
            except AgentAdsError as exc:  # shown, not raised: this is how the user finds out what to fix
                result[key] = {"value": None, "source": "rejected", "env_var": info.env_vars.get(key),
                               "error": exc.message, "hint": exc.hint}
                continue
            result[key] = {"value": value, "source": source, "env_var": info.env_vars.get(key)}
        return result

    # -- secrets and HTTP --------------------------------------------------------
    def credentials(self, provider: str) -> CredentialStore:
        if provider not in self._stores:
            from agent_ads_core.credentials import CredentialStore

            spec = self.registry.auth.get(provider)
            if spec is None:
                raise ConfigError(f"provider '{provider}' declares no credentials")
            self._stores[provider] = CredentialStore(spec, self.environ, warn=self.warn)
        return self._stores[provider]

    def user_agent(self) -> str:
        parts = [f"agent-ads/{__version__}"]
        for record in self.registry.usable_providers():
            if record.distribution and record.version:
                parts.append(f"{record.distribution}/{record.version}")
        return " ".join(parts)

    def for_provider(self, name: str, overrides: Mapping[str, Any] | None = None) -> ProviderContext:
        """The run's one :class:`ProviderContext` for ``name``; the command's setting overrides are fixed here."""
        if name not in self._providers:
            self.provider(name)  # an unknown provider is a config error here, not later
            self._providers[name] = ProviderContext(self, name, overrides or {})
        return self._providers[name]

    # -- stderr channel ----------------------------------------------------------
    def warn(self, message: str) -> None:
        """Record a warning: in the envelope with ``--envelope``, else one JSON line on stderr."""
        self.warnings.append(message)

    @cached_property
    def progress(self) -> Progress:
        """The run's status line on stderr (drawn only for a person at a terminal, see :mod:`progress`),
        or, when the Python API's caller passed ``progress=``, every status text handed to that callback."""
        from agent_ads_core.progress import Progress

        if self._progress is not None:
            return Progress.for_callback(self._progress)
        from agent_ads_core import terminal

        return Progress.for_stream(self.stderr, quiet=bool(getattr(self.options, "quiet", False)),
                                   verbose=getattr(self.options, "verbose", 0) or 0,
                                   width=terminal.size(self.stderr, environ=self.environ)[0])


class ProviderContext:
    """A :class:`RunContext` seen from one provider: what its commands and hook targets receive.

    ``overrides`` are settings the command's own flags set (``--sandbox``); they rank with
    the global flags, above the environment and the config file. The HTTP client is built
    once, on first use, from what the provider declared: its authenticator
    (``AuthSpec.authenticator``) and retry advisor (``ProviderInfo.retry_advisor``).
    """

    def __init__(self, run: RunContext, name: str, overrides: Mapping[str, Any] | None = None) -> None:
        self.run = run
        self.name = name
        self.overrides = dict(overrides or {})
        self._http: HttpClient | None = None

    @property
    def info(self) -> ProviderInfo:
        return self.run.provider(self.name)

    def resolve_setting(self, key: str, flag: Any = None, flag_name: str | None = None) -> tuple[Any, str]:
        """``(value, source)``: a flag given here, else the command's override, then env, config, default."""
        return self.run.resolve_setting(self.name, key, self.overrides.get(key) if flag is None else flag, flag_name)

    def setting(self, key: str, flag: Any = None, flag_name: str | None = None) -> Any:
        return self.resolve_setting(key, flag, flag_name)[0]

    @property
    def credentials(self) -> CredentialStore:
        return self.run.credentials(self.name)

    def http(self) -> HttpClient:
        """The run's HTTP client for this provider, configured once from its declarations."""
        if self._http is None:
            from agent_ads_core.declarations import load_target
            from agent_ads_core.http import HttpClient

            for key in credential_routing.routing_settings(self.info.credential_routing_settings):
                self.resolve_setting(key)  # where credentials may go is settled before any request
            timeout = self.setting("timeout_seconds")  # checked against the schema: finite, > 0
            auth_spec = self.run.registry.auth.get(self.name)
            analytics = self.run.registry.analytics.get(self.name)
            info = self.info
            self._http = HttpClient(
                timeout=float(timeout) if timeout is not None else 30.0,
                max_parallel=analytics.max_concurrency if analytics else 1,
                max_body_bytes=int(self.run.resolve_core_setting("max_download_mb")[0]) * 2**20,
                user_agent=self.run.user_agent(),
                request_id_header=info.request_id_header,
                auth=load_target(auth_spec.authenticator)(self) if auth_spec and auth_spec.authenticator else None,
                advisor=load_target(info.retry_advisor) if info.retry_advisor else None,
            )
        return self._http

    def warn(self, message: str) -> None:
        self.run.warn(message)

    @property
    def progress(self) -> Progress:
        return self.run.progress

    @property
    def max_concurrency(self) -> int | None:
        return self.run.max_concurrency
