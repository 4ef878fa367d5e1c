"""Meta's answers as the core's errors, retry advice and usage figures.

Graph reports failures as ``{"error": {"message", "type", "code", "error_subcode",
"error_user_title", "error_user_msg", "fbtrace_id", "is_transient"}}``, often with HTTP
400 whatever the cause, so the code decides: 190/102 are dead tokens, 10 and 200-299
missing permissions, 1/2/``is_transient`` temporary, 4/17/32/341/613/80000-80014 rate
limits. Rate limits announce their wait in usage headers, in **minutes**; the advice
below turns them into seconds for the core's retry loop, which does not sleep past the
command's deadline but hands the response back, so the error can say when to return.
"""

from __future__ import annotations

import json
import time
from typing import Any

from agent_ads_core.errors import AgentAdsError, ApiError, AuthError
from agent_ads_core.http import RetryAdvice

PROVIDER = "meta"
TRACE_HEADER = "x-fb-trace-id"
TOKEN_CODES = frozenset({102, 190})
TRANSIENT_CODES = frozenset({1, 2})
RATE_LIMIT_CODES = frozenset({4, 17, 32, 341, 613, *range(80000, 80015)})
TOO_MUCH_DATA = frozenset({(100, 1487534), (100, 1504018), (2, 1504038)})
DEPRECATED_VERSION_SUBCODE = 2635
USAGE_HEADERS = {"x-business-use-case-usage": "business_use_case", "x-app-usage": "app",
                 "x-ad-account-usage": "ad_account"}
APP_USAGE_WINDOW_SECONDS = 3600  # X-App-Usage is a rolling one-hour window


def graph_error(response: Any) -> dict[str, Any]:
    """The ``error`` object of a Graph answer, or {} when the body is not one."""
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _json_header(response: Any, name: str) -> Any:
    value = response.headers.get(name)
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def usage(response: Any) -> dict[str, Any]:
    """The usage headers' percentages (for ``--envelope`` meta), keyed by what they measure."""
    found = {}
    for header, key in USAGE_HEADERS.items():
        value = _json_header(response, header)
        if isinstance(value, dict):
            found[key] = value
    return found


def regain_seconds(response: Any) -> float | None:
    """How long the usage headers say to wait before calling again, or None when they say nothing.

    ``estimated_time_to_regain_access`` (business use case) is in minutes and
    ``reset_time_duration`` (ad account) in seconds; app usage over 100 % of its rolling hour
    implies waiting out the excess share of that hour.
    """
    waits: list[float] = []
    buc = _json_header(response, "x-business-use-case-usage")
    if isinstance(buc, dict):
        for entries in buc.values():
            for entry in entries if isinstance(entries, list) else []:
                minutes = entry.get("estimated_time_to_regain_access") if isinstance(entry, dict) else None
                if isinstance(minutes, (int, float)) and minutes > 0:
                    waits.append(minutes * 60.0)
    account = _json_header(response, "x-ad-account-usage")
    if isinstance(account, dict) and _number(account.get("acc_id_util_pct")) >= 100:
        waits.append(_number(account.get("reset_time_duration")))
    app = _json_header(response, "x-app-usage")
    if isinstance(app, dict):
        peak = max((_number(v) for v in app.values()), default=0.0)
        if peak >= 100:
            waits.append(max(60.0, (peak - 100) / 100 * APP_USAGE_WINDOW_SECONDS))
    positive = [w for w in waits if w > 0]
    return max(positive) if positive else None


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def advise(response: Any) -> RetryAdvice | None:
    """The provider's retry advisor: how long to wait before repeating a GET, or None when the answer is final."""
    if response.status_code < 400:
        return None
    error = graph_error(response)
    code = error.get("code")
    if (code, error.get("error_subcode")) in TOO_MUCH_DATA:
        return RetryAdvice(0.0, "too much data", final=True)  # fails the same way again, even as a 500
    if code in RATE_LIMIT_CODES:
        return RetryAdvice(regain_seconds(response) or 0.0, f"rate limit (code {code})")
    if code in TRANSIENT_CODES or error.get("is_transient") is True:
        return RetryAdvice(0.0, f"temporary error (code {code})")  # 0: the core's backoff
    return None


def to_error(response: Any, endpoint: str) -> AgentAdsError:
    """The core error for a Graph failure; API errors exit 3, as the provider declares."""
    error = graph_error(response)
    code, subcode = error.get("code"), error.get("error_subcode")
    message = str(error.get("message") or f"HTTP {response.status_code} from {endpoint}")
    if subcode is not None:
        message += f" (code {code}, subcode {subcode})"
    if error.get("error_user_msg"):
        title = error.get("error_user_title")
        message += f": {title + ' - ' if title else ''}{error['error_user_msg']}"
    common = {"provider": PROVIDER, "http_status": response.status_code, "code": code,
              "request_id": error.get("fbtrace_id") or response.headers.get(TRACE_HEADER)}
    if code in RATE_LIMIT_CODES and (wait := regain_seconds(response)):
        message += f" (rate limited: access returns in about {wait / 60:.0f} min, at {_reset_time(wait)})"
    if code in TOKEN_CODES:
        return AuthError(message, hint="the access token is invalid or expired (Meta tokens are not refreshed): "
                                       "store a new one with 'agent-ads meta auth set' or set META_ADS_ACCESS_TOKEN",
                         **common)
    return ApiError(message, hint=_hint(response, code, subcode), **common)


def _hint(response: Any, code: Any, subcode: Any) -> str | None:
    if code == 10 or (isinstance(code, int) and 200 <= code <= 299):
        return ("the token lacks a permission: reads need ads_read (businesses and business-owned ad accounts also "
                "business_management), and the user needs a role on the ad account")
    if (code, subcode) in TOO_MUCH_DATA:
        return ("too much data for one synchronous call: narrow --since/--until, fewer --breakdowns or --fields, "
                "or use 'agent-ads meta report-runs submit' with the same flags")
    if code == 100 and subcode == DEPRECATED_VERSION_SUBCODE:
        return "this API version is no longer served: pass a newer --api-version (or META_ADS_API_VERSION)"
    if code in RATE_LIMIT_CODES:
        wait = regain_seconds(response)
        if wait:
            return f"retry after {_reset_time(wait)}; --envelope meta.usage shows how close calls are to the limits"
        return "rate limited: wait a few minutes before calling again (see the usage in --envelope meta)"
    return None




def _reset_time(wait: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + wait))
