"""The Meta provider's hook implementations: declarations only.

Imported at every ``agent-ads`` start, so it imports nothing heavy; commands and callbacks
are ``"module:attr"`` strings loaded when used. Every Meta fact the core needs (names, env
vars, defaults, limits, the report lifecycle) is declared here once.
"""

from __future__ import annotations

from collections.abc import Callable

from agent_ads_core import declarations as decl
from agent_ads_core.hookspecs import hookimpl

NAME = "meta"
API_ERROR_EXIT_CODE = 3
API_VERSION_PATTERN = r"^v[0-9]+\.0$"
_CMD = "agent_ads_meta.commands"
REPORT_RUN_VERBS = {
    "submit": "start an async insights report (POST .../insights; never retried)",
    "status": "show a report run's async_status and async_percent_completion",
    "wait": "wait until the report run completes (--download: emit its rows)",
    "results": "page a completed report run's rows",
}


@hookimpl
def register_provider(register: Callable) -> None:
    register(decl.ProviderInfo(
        name=NAME,
        summary="Meta Marketing API (Graph): ad accounts, campaigns, ad sets, ads, creatives, insights, report runs",
        api_error_exit_code=API_ERROR_EXIT_CODE,
        env_vars={
            "api_base_url": "META_ADS_API_BASE_URL",
            "api_version": "META_ADS_API_VERSION",
            "timeout_seconds": "META_ADS_TIMEOUT_SECONDS",
            "default_ad_account_id": "META_ADS_DEFAULT_AD_ACCOUNT_ID",
            "default_business_id": "META_ADS_DEFAULT_BUSINESS_ID",
        },
        settings={"api_base_url": "https://graph.facebook.com", "api_version": "v26.0", "timeout_seconds": 30.0},
        request_id_header="x-fb-trace-id",
        retry_advisor="agent_ads_meta.errors:advise",
        docs_url="https://developers.facebook.com/docs/marketing-api/",
        guide="agent_ads_meta:guide.md",  # a copy of docs/providers/meta.md (scripts/sync_guides.py)
    ))


def _objects(register: Callable) -> None:
    groups = {
        "ad-accounts": ("ad_accounts", "AdAccounts", "ad accounts the token can read"),
        "campaigns": ("campaigns", "Campaigns", "campaigns of an ad account"),
        "adsets": ("adsets", "AdSets", "ad sets of an ad account or campaign"),
        "ads": ("ads", "Ads", "ads of an ad account, campaign or ad set"),
        "creatives": ("creatives", "Creatives", "ad creatives of an ad account"),
        "pixels": ("pixels", "Pixels", "Meta pixels of an ad account"),
    }
    for group, (module, cls, what) in groups.items():
        target = f"{_CMD}.{module}"
        register(f"{NAME} {group} list", f"{target}:{cls}List", f"list {what}", aliases=(f"{NAME} {group} ls",))
        register(f"{NAME} {group} get", f"{target}:{cls}Get", f"get one by id: {what}")


@hookimpl
def register_commands(register: Callable) -> None:
    p = NAME
    decl.register_standard_commands(register, p, doctor_summary="check config and credentials (--api: GET /me, "
                                                            "appsecret_proof)")
    register(f"{p} me", f"{_CMD}.ad_accounts:Me", "the user (or system user) the access token belongs to")
    register(f"{p} businesses list", f"{_CMD}.ad_accounts:BusinessesList", "businesses the token's user can see",
             aliases=(f"{p} businesses ls",))
    _objects(register)
    register(f"{p} creatives preview", f"{_CMD}.creatives:CreativesPreview",
             "render a creative's (or an ad's) preview in one ad format")
    register(f"{p} pixels stats", f"{_CMD}.pixels:PixelsStats", "a pixel's event counts by event, host, device, ...")
    register(f"{p} activities list", f"{_CMD}.activities:ActivitiesList", "the change history of an ad account",
             aliases=(f"{p} activities ls",))
    register(f"{p} custom-conversions list", f"{_CMD}.activities:CustomConversionsList",
             "custom conversions of an ad account", aliases=(f"{p} custom-conversions ls",))
    register(f"{p} insights query", f"{_CMD}.insights:InsightsQuery",
             "synchronous insights of an ad account, campaign, ad set or ad (paged)")
    for verb, summary in REPORT_RUN_VERBS.items():
        register(f"{p} report-runs {verb}", f"{_CMD}.report_runs:ReportRuns{verb.title()}", summary)


@hookimpl
def register_config_schema(register: Callable) -> None:
    register(NAME, decl.settings_schema(
        API_VERSION_PATTERN,
        default_ad_account_id={"type": "string", "pattern": "^(act_)?[0-9]+$"},
        default_business_id={"type": "string", "pattern": "^[0-9]+$"},
    ))


@hookimpl
def register_auth(register: Callable) -> None:
    # One long-lived token, no refresh pair; the app secret only adds appsecret_proof.
    register(decl.AuthSpec(
        provider=NAME,
        fields=(
            decl.CredentialField("access_token", "META_ADS_ACCESS_TOKEN", "Access token"),
            decl.CredentialField("app_secret", "META_ADS_APP_SECRET", "App secret", optional=True),
        ),
        authenticator="agent_ads_meta.auth:GraphAuth",
    ))


@hookimpl
def register_doctor_checks(register: Callable) -> None:
    register(decl.DoctorCheck(NAME, "api", "agent_ads_meta.doctor:check_api", needs_api=True))


@hookimpl
def register_list(register: Callable) -> None:
    register(decl.ListSpec(NAME, cursor_flag="--after", cursor_param="after",
                           page_size_flags=("--limit", "--page-size"),
                           min_page_size=1, max_page_size=500, default_page_size=25))


@hookimpl
def register_reports(register: Callable) -> None:
    register(decl.ReportSpec(
        NAME,
        success_states=frozenset({"Job Completed"}),
        failure_states=frozenset({"Job Failed", "Job Skipped"}),
        pending_states=frozenset({"Job Not Started", "Job Started", "Job Running"}),
        poll_interval_seconds=5.0,
        max_poll_interval_seconds=30.0,
        backoff_factor=1.5,
        wait_timeout_seconds=600.0,
    ))
