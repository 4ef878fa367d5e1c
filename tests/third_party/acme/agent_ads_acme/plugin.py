"""Hook implementations of the fake ``acme`` provider: declarations only, like a real provider."""

from __future__ import annotations

from collections.abc import Callable

from agent_ads_core.declarations import (
    AnalyticsSpec,
    AuthSpec,
    CredentialField,
    DoctorCheck,
    ListSpec,
    ProviderInfo,
    ReportSpec,
)
from agent_ads_core.hookspecs import hookimpl

_CORE = "agent_ads_core.commands"
_CMD = "agent_ads_acme.commands"


@hookimpl
def register_provider(register: Callable) -> None:
    register(ProviderInfo(
        name="acme",
        summary="Acme Ads (test double)",
        api_error_exit_code=9,
        env_vars={"api_base_url": "ACME_API_BASE_URL", "timeout_seconds": "ACME_TIMEOUT_SECONDS",
                  "region": "ACME_REGION", "upload_url": "ACME_UPLOAD_URL"},
        settings={"api_base_url": "https://api.acme.test", "api_version": "v1", "timeout_seconds": 5.0,
                  "region": "eu"},
        request_id_header="x-acme-rid",
        credential_routing_settings=("upload_url",),
        guide="agent_ads_acme:guide.md",
    ))


@hookimpl
def register_commands(register: Callable) -> None:
    register("acme ping", f"{_CMD}:Ping", "answer pong")
    register("acme fail", f"{_CMD}:Fail", "raise an API error")
    register("acme boom", f"{_CMD}:Boom", "raise an unexpected exception")
    register("acme broken", "agent_ads_acme.broken_cmd:Broken", "a command whose module fails to import")
    register("acme items list", f"{_CMD}:ItemsList", "list items page by page", aliases=("acme items ls",))
    register("acme whoami", f"{_CMD}:WhoAmI", "read every credential (presence only)")
    register("acme settings", f"{_CMD}:Settings", "effective settings")
    register("acme stats", f"{_CMD}:Stats", "daily metrics per widget")
    register("acme fetch", f"{_CMD}:Fetch", "GET {api_base_url}/v1/ping with the token")
    register("acme stats query", "agent_ads_acme.reporting:StatsQuery", "item stats over any range (analytics runner)")
    register("acme exports run", "agent_ads_acme.reporting:ExportsRun", "create, await, read an export (report runner)")
    register("acme auth set", f"{_CORE}.auth:AuthSet", "store credentials")
    register("acme auth status", f"{_CORE}.auth:AuthStatus", "credential presence")
    register("acme config show", f"{_CORE}.config:ConfigShow", "acme config section and effective settings")
    register("acme doctor", f"{_CORE}.doctor:Doctor", "acme checks")


@hookimpl
def register_config_schema(register: Callable) -> None:
    register("acme", {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "api_base_url": {"type": "string", "pattern": "^https?://"},
            "timeout_seconds": {"type": "number", "exclusiveMinimum": 0},
            "region": {"enum": ["eu", "us", "apac"]},
            "upload_url": {"type": "string"},
        },
    })


@hookimpl
def register_auth(register: Callable) -> None:
    register(AuthSpec("acme", fields=(CredentialField("token", "ACME_TOKEN", "Token"),
                                      CredentialField("secret", "ACME_SECRET", "Secret")),
                      authenticator="agent_ads_acme.commands:Bearer"))


@hookimpl
def register_doctor_checks(register: Callable) -> None:
    register(DoctorCheck("acme", "local", "agent_ads_acme.checks:local_check"))
    register(DoctorCheck("acme", "api", "agent_ads_acme.checks:api_check", needs_api=True))


@hookimpl
def register_list(register: Callable) -> None:
    register(ListSpec("acme", cursor_flag="--page-token", cursor_param="page_token",
                      min_page_size=1, max_page_size=5, default_page_size=3))


@hookimpl
def register_analytics(register: Callable) -> None:
    register(AnalyticsSpec("acme", max_days={"DAY": 30, "*": 7}, lookback_days={"*": 365}, max_ids_per_request=2,
                           max_concurrency=3))


@hookimpl
def register_reports(register: Callable) -> None:
    register(ReportSpec("acme", success_states=frozenset({"DONE"}), failure_states=frozenset({"FAILED"}),
                        pending_states=frozenset({"QUEUED", "RUNNING"}), poll_interval_seconds=0.01,
                        max_poll_interval_seconds=0.02, backoff_factor=2.0, wait_timeout_seconds=1.0))
