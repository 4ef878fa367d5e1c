"""The hooks a provider implements; each hands the provider a ``register`` callback.

Hooks collect *declarations*, never behaviour: a provider registers small frozen records
(see :mod:`agent_ads_core.declarations`) whose code lives behind ``"module:attr"`` strings. That
keeps a provider's plugin module cheap to import at start-up, while the command modules
and their heavy dependencies load only when a command actually runs.

Every hook takes a single ``register`` argument (the simonw/llm style) instead of
returning values, so one implementation can register any number of records and the
core can attribute each record to the plugin that made it.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

PROJECT_NAME = "agent_ads"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_provider(register: Callable) -> None:
    """Describe the provider: ``register(ProviderInfo(...))``.

    Its name becomes the first command word; its ``api_error_exit_code`` is the exit code
    for errors its API returns; its ``env_vars`` map setting names to environment variables.
    """


@hookspec
def register_commands(register: Callable) -> None:
    """Add commands lazily: ``register("acme campaigns list", "pkg.mod:Class", "summary",
    aliases=("acme campaigns ls",))``.

    The class is imported only when its command runs; help listings use ``summary``.
    """


@hookspec
def register_config_schema(register: Callable) -> None:
    """Add the JSON Schema of the provider's config section: ``register("acme", {...})``.

    It is validated under ``providers.<name>`` in ``agent-ads.config.json``.
    """


@hookspec
def register_auth(register: Callable) -> None:
    """Declare the credential set: ``register(AuthSpec(provider, fields, refresh="mod:func"))``.

    The core resolves each field from its env var, then the OS credential store, and
    implements ``auth set|status|delete|refresh`` from this declaration.
    """


@hookspec
def register_doctor_checks(register: Callable) -> None:
    """Add health checks: ``register(DoctorCheck(provider, name, "mod:func", needs_api=False))``.

    ``doctor`` runs them all; checks with ``needs_api`` run only with ``--api``.
    """


@hookspec
def register_list(register: Callable) -> None:
    """Declare how the provider's APIs page: ``register(ListSpec(provider, ...))``.

    The core's pagination runner and list flags (cursor, page size, ``--all``,
    ``--max-items``) are built from it.
    """


@hookspec
def register_analytics(register: Callable) -> None:
    """Declare synchronous analytics limits: ``register(AnalyticsSpec(provider, ...))``.

    The core splits long date ranges and long id lists into requests the API accepts.
    """


@hookspec
def register_reports(register: Callable) -> None:
    """Declare the async report lifecycle: ``register(ReportSpec(provider, ...))``.

    The core's poll loop uses its pending/success/failure states and default timings.
    """
