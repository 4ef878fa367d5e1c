"""The records providers register through the hooks in :mod:`agent_ads_core.hookspecs`.

They are plain frozen dataclasses so that a provider's plugin module can build them
without importing anything heavy; behaviour is referenced as ``"module:attr"`` strings
and loaded with :func:`load_target` only when it is needed.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from agent_ads_core.credential_routing import BASE_URL_PATTERN


def load_target(target: str) -> Any:
    """Import ``"package.module:attr"`` on demand."""
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr) if attr else module


@dataclass(frozen=True)
class ProviderInfo:
    """Who a provider is and the conventions of its API.

    ``settings`` holds defaults for the non-secret settings every provider has
    (``api_base_url``, ``api_version``, ``timeout_seconds``) plus its own; ``env_vars``
    maps setting names to the environment variables that override the config file.
    ``credential_routing_settings`` names the provider's own settings (beyond
    ``api_base_url``, which always counts) whose value is a base URL credentials are sent
    to: they obey the trust rule of :mod:`agent_ads_core.credential_routing`.
    ``guide`` names the provider's Markdown guide as package data, ``"package:file.md"``
    (read with :mod:`importlib.resources`, so an installed wheel has it); the core then
    registers ``<name> guide`` and puts the guide into the exported agent skill.
    """

    name: str
    summary: str
    api_error_exit_code: int
    env_vars: Mapping[str, str] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    request_id_header: str | None = None
    docs_url: str | None = None
    credential_routing_settings: tuple[str, ...] = ()
    # "module:attr" of ``advise(response) -> RetryAdvice | None``: waits the API asks for
    # outside ``Retry-After`` (a rate-limit reset header, a "retry after N seconds" message).
    retry_advisor: str | None = None
    # How messages name the platform (its brand capitalised); defaults to ``name``.
    display_name: str | None = None
    guide: str | None = None

    @property
    def title(self) -> str:
        return self.display_name or self.name


@dataclass(frozen=True)
class CommandSpec:
    """A command known by its words, importable later from ``target``."""

    path: str
    target: str
    summary: str
    aliases: tuple[str, ...] = ()
    owner: str = ""

    @property
    def provider(self) -> str | None:
        """Provider commands start with the provider's name; core commands have none."""
        return None if self.owner == "core" else self.owner

    def load(self) -> type:
        return load_target(self.target)


@dataclass(frozen=True)
class CredentialField:
    """One secret of a provider's credential set (never stored in config files).

    An ``optional`` field may be left unset: ``auth set`` lets the user skip it and
    ``doctor`` does not fail without it (e.g. an app secret that only adds a signature).
    """

    name: str
    env_var: str
    label: str
    optional: bool = False


@dataclass(frozen=True)
class AuthSpec:
    """A provider's credential set and how to refresh it.

    ``refresh`` names ``func(ctx: ProviderContext) -> dict`` which obtains new credentials,
    saves them through ``ctx.credentials`` and returns non-secret facts (expiry, scope).
    ``refreshable_with`` lists the fields a refresh needs. ``authenticator`` names
    ``factory(ctx: ProviderContext) -> Authenticator``, which signs the provider's requests.
    """

    provider: str
    fields: tuple[CredentialField, ...]
    refresh: str | None = None
    refreshable_with: tuple[str, ...] = ()
    authenticator: str | None = None

    def env_var(self, name: str) -> str:
        """The environment variable of credential ``name`` (for hints)."""
        return next(f.env_var for f in self.fields if f.name == name)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one doctor check; ``detail`` never holds a secret."""

    ok: bool
    detail: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DoctorCheck:
    """A named check ``func(ctx: ProviderContext) -> CheckResult``."""

    provider: str
    name: str
    target: str
    needs_api: bool = False


@dataclass(frozen=True)
class ListSpec:
    """How a provider's list endpoints page, so the core can drive them.

    ``cursor_flag`` is the provider's native name for the cursor on the command line and
    ``cursor_param`` its name in the envelope's ``paging``; the page-size bounds are checked
    before anything is sent. ``page_size_flags`` names the page-size flag and its aliases,
    the first being the one shown in errors (an API whose parameter is ``limit`` may want
    ``("--limit", "--page-size")``).
    """

    provider: str
    cursor_flag: str = "--cursor"
    cursor_param: str = "cursor"
    page_size_flags: tuple[str, ...] = ("--page-size",)
    min_page_size: int = 1
    max_page_size: int = 100
    default_page_size: int | None = None


@dataclass(frozen=True)
class AnalyticsSpec:
    """Limits of a provider's synchronous analytics endpoints, for the core's analytics runner.

    ``max_days`` is the longest range one request may span (``(end - start).days``) and
    ``lookback_days`` how far back a start date may be, per granularity; ``"*"`` holds the
    default for granularities not listed. ``max_ids_per_request`` caps an id list: one
    number, or per id list name (``{"*": 250, "pin_ids": 100}``). ``max_concurrency`` is the
    most requests the API tolerates in flight at once: runs use ``--max-concurrency`` or 4,
    never more than this, and the HTTP client pools that many keep-alive connections.
    """

    provider: str
    max_days: Mapping[str, int]
    lookback_days: Mapping[str, int] = field(default_factory=dict)
    max_ids_per_request: int | Mapping[str, int] | None = None
    max_concurrency: int = 1

    def window_days(self, granularity: str) -> int:
        return self.max_days.get(granularity.upper(), self.max_days["*"])

    def lookback(self, granularity: str) -> int | None:
        return self.lookback_days.get(granularity.upper(), self.lookback_days.get("*"))

    def ids_per_request(self, id_name: str | None = None) -> int | None:
        limit = self.max_ids_per_request
        if isinstance(limit, Mapping):
            return limit.get(id_name, limit.get("*")) if id_name else limit.get("*")
        return limit


@dataclass(frozen=True)
class ReportSpec:
    """The lifecycle of a provider's async reports, for the core's report runner.

    States are the platform's own words. A state in none of the three sets is treated as
    pending (platforms add states). Polls start ``poll_interval_seconds`` apart and the gap
    grows by ``backoff_factor`` up to ``max_poll_interval_seconds``; ``wait_timeout_seconds``
    is the default deadline of a wait.
    """

    provider: str
    success_states: frozenset[str]
    failure_states: frozenset[str]
    pending_states: frozenset[str] = frozenset()
    poll_interval_seconds: float = 5.0
    max_poll_interval_seconds: float = 60.0
    backoff_factor: float = 1.0
    wait_timeout_seconds: float = 600.0


def settings_schema(api_version_pattern: str, **properties: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON Schema of a provider's config section: the settings every provider has, plus its own.

    ``api_base_url``, ``api_version`` (in the provider's form, e.g. ``^v[0-9]+$``) and
    ``timeout_seconds`` are declared here once; ``properties`` adds the provider's other settings.
    """
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "api_base_url": {"type": "string", "pattern": BASE_URL_PATTERN},
            "api_version": {"type": "string", "pattern": api_version_pattern},
            "timeout_seconds": {"type": "number", "exclusiveMinimum": 0},
            **properties,
        },
    }


def register_standard_commands(register: Any, provider: str, *, refresh: bool = False,
                               doctor_summary: str = "check config and credentials (--api: call the API once)") -> None:
    """Register the core's provider-scoped commands under ``provider``: auth, doctor and config.

    ``refresh`` adds ``auth refresh`` for providers whose :class:`AuthSpec` can refresh.
    """
    core = "agent_ads_core.commands"
    register(f"{provider} auth set", f"{core}.auth:AuthSet", "store the credentials (prompted without echo)")
    register(f"{provider} auth status", f"{core}.auth:AuthStatus", "where each credential comes from (never its value)")
    register(f"{provider} auth delete", f"{core}.auth:AuthDelete", "remove the stored credentials")
    if refresh:
        register(f"{provider} auth refresh", f"{core}.auth:AuthRefresh", "get a new access token and store it")
    register(f"{provider} doctor", f"{core}.doctor:Doctor", doctor_summary)
    register(f"{provider} config path", f"{core}.config:ConfigPath", "show which config file is used")
    register(f"{provider} config show", f"{core}.config:ConfigShow", f"show the {provider} settings and their sources")
    register(f"{provider} config validate", f"{core}.config:ConfigValidate", "validate the config file")
