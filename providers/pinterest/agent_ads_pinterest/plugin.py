"""The Pinterest provider's hook implementations: declarations only.

This module is imported at every ``agent-ads`` start, so it imports nothing heavy and
names its commands and callbacks as ``"module:attr"`` strings loaded on first use.
"""

from __future__ import annotations

from collections.abc import Callable

from agent_ads_core.credential_routing import BASE_URL_PATTERN
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
from agent_ads_pinterest import dates

NAME = "pinterest"
DISPLAY_NAME = "Pinterest"
API_ERROR_EXIT_CODE = 6
ENV_PREFIX = "PINTEREST_ADS_"
AD_ACCOUNT_ENV = f"{ENV_PREFIX}DEFAULT_AD_ACCOUNT_ID"
REQUEST_ID_HEADER = "x-pinterest-rid"
SANDBOX_API_BASE_URL = "https://api-sandbox.pinterest.com"
_CORE = "agent_ads_core.commands"
_CMD = "agent_ads_pinterest.commands"


@hookimpl
def register_provider(register: Callable) -> None:
    register(ProviderInfo(
        name=NAME,
        summary=f"{DISPLAY_NAME} Ads API v5: accounts, campaigns, ad groups, ads, audiences, analytics, reports",
        api_error_exit_code=API_ERROR_EXIT_CODE,
        env_vars={
            "api_base_url": f"{ENV_PREFIX}API_BASE_URL",
            "api_version": f"{ENV_PREFIX}API_VERSION",
            "timeout_seconds": f"{ENV_PREFIX}TIMEOUT_SECONDS",
            "default_ad_account_id": AD_ACCOUNT_ENV,
            "sandbox": f"{ENV_PREFIX}SANDBOX",
        },
        settings={"api_base_url": "https://api.pinterest.com", "api_version": "v5", "timeout_seconds": 30.0,
                  "sandbox": False},
        request_id_header=REQUEST_ID_HEADER,
        docs_url="https://developers.pinterest.com/docs/api/v5/",
        retry_advisor="agent_ads_pinterest.errors:advise",
        display_name=DISPLAY_NAME,
        guide="agent_ads_pinterest:guide.md",  # a copy of docs/providers/pinterest.md (scripts/sync_guides.py)
    ))


@hookimpl
def register_commands(register: Callable) -> None:
    p = NAME
    register(f"{p} auth set", f"{_CORE}.auth:AuthSet", "store app ID, app secret, access and refresh token (no echo)")
    register(f"{p} auth status", f"{_CORE}.auth:AuthStatus", "where each credential comes from (never its value)")
    register(f"{p} auth delete", f"{_CORE}.auth:AuthDelete", "remove the stored credentials")
    register(f"{p} auth refresh", f"{_CORE}.auth:AuthRefresh", "get a new access token with the refresh token")
    register(f"{p} doctor", f"{_CORE}.doctor:Doctor", "check config and credentials (--api: refresh and call the API)")
    register(f"{p} config path", f"{_CORE}.config:ConfigPath", "show which config file is used")
    register(f"{p} config show", f"{_CORE}.config:ConfigShow", f"show the {DISPLAY_NAME} settings and their sources")
    register(f"{p} config validate", f"{_CORE}.config:ConfigValidate", "validate the config file")
    register(f"{p} enums list", f"{_CORE}.enums:EnumsList",
             "every valid value of enum flags (levels, granularities, columns, ...)")
    objects = {
        "ad-accounts": ("AdAccounts", "ad accounts you can access"),
        "campaigns": ("Campaigns", "campaigns of an ad account"),
        "adgroups": ("AdGroups", "ad groups of an ad account"),
        "ads": ("Ads", "ads of an ad account"),
        "audiences": ("Audiences", "audiences of an ad account"),
    }
    for group, (cls, what) in objects.items():
        module = f"{_CMD}.{group.replace('-', '_')}"
        register(f"{p} {group} list", f"{module}:{cls}List", f"list {what}", aliases=(f"{p} {group} ls",))
        register(f"{p} {group} get", f"{module}:{cls}Get", f"get one of the {what}", aliases=(f"{p} {group} cat",))
    register(f"{p} analytics query", f"{_CMD}.analytics:AnalyticsQuery",
             "metrics by day/hour/... for an ad account, campaigns, ad groups, ads or ad pins")
    register(f"{p} targeting-analytics query", f"{_CMD}.targeting_analytics:TargetingAnalyticsQuery",
             "metrics broken down by targeting type (age, gender, location, ...)")
    register(f"{p} report-runs submit", f"{_CMD}.report_runs:ReportRunsSubmit", "start an async analytics report")
    register(f"{p} report-runs status", f"{_CMD}.report_runs:ReportRunsStatus", "show an async report's status")
    register(f"{p} report-runs wait", f"{_CMD}.report_runs:ReportRunsWait",
             "wait for an async report to finish (--download: emit its rows)")
    register(f"{p} report-runs results", f"{_CMD}.report_runs:ReportRunsResults", "download a finished report's rows")


@hookimpl
def register_config_schema(register: Callable) -> None:
    register(NAME, {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "api_base_url": {"type": "string", "pattern": BASE_URL_PATTERN},
            "api_version": {"type": "string", "pattern": "^v[0-9]+$"},
            "timeout_seconds": {"type": "number", "exclusiveMinimum": 0},
            # A number is taken as the id it spells: JSON users often leave ids unquoted.
            "default_ad_account_id": {"type": ["string", "integer"], "pattern": "^[0-9]+$", "minimum": 0},
            "sandbox": {"type": "boolean"},
        },
    })


@hookimpl
def register_auth(register: Callable) -> None:
    register(AuthSpec(
        provider=NAME,
        fields=(
            CredentialField("app_id", f"{ENV_PREFIX}APP_ID", "App ID"),
            CredentialField("app_secret", f"{ENV_PREFIX}APP_SECRET", "App secret"),
            CredentialField("access_token", f"{ENV_PREFIX}ACCESS_TOKEN", "Access token"),
            CredentialField("refresh_token", f"{ENV_PREFIX}REFRESH_TOKEN", "Refresh token"),
        ),
        refresh="agent_ads_pinterest.auth:refresh_command",
        refreshable_with=("app_id", "app_secret", "refresh_token"),
        authenticator="agent_ads_pinterest.auth:PinterestAuth",
    ))


@hookimpl
def register_doctor_checks(register: Callable) -> None:
    register(DoctorCheck(NAME, "api", "agent_ads_pinterest.doctor:check_api", needs_api=True))


@hookimpl
def register_list(register: Callable) -> None:
    register(ListSpec(NAME, cursor_flag="--bookmark", cursor_param="bookmark", min_page_size=1, max_page_size=250,
                      default_page_size=25))


@hookimpl
def register_analytics(register: Callable) -> None:
    # The numbers, and the spec sentences they come from, are in agent_ads_pinterest.dates.
    register(AnalyticsSpec(
        NAME,
        max_days={"*": dates.ANALYTICS_MAX_RANGE_DAYS, "HOUR": dates.HOURLY_MAX_RANGE_DAYS},
        lookback_days={"*": dates.ANALYTICS_LOOKBACK_DAYS, "HOUR": dates.HOURLY_LOOKBACK_DAYS},
        # The spec's maxItems of the analytics id lists (a test compares them with the spec).
        max_ids_per_request={"*": 250, "pin_ids": 100},
        # Analytics calls share a tight per-user rate limit: two at a time keeps a split range quick
        # without tripping it; --max-concurrency 1 serialises them.
        max_concurrency=2,
    ))


@hookimpl
def register_reports(register: Callable) -> None:
    register(ReportSpec(
        NAME,
        success_states=frozenset({"FINISHED"}),
        failure_states=frozenset({"FAILED", "CANCELLED", "EXPIRED", "DOES_NOT_EXIST"}),
        pending_states=frozenset({"IN_PROGRESS"}),
        poll_interval_seconds=5.0,
        max_poll_interval_seconds=30.0,
        backoff_factor=1.5,
        wait_timeout_seconds=600.0,
    ))
