"""Failures that tests switch on at run time to exercise a client's error handling.

``add(kind, count=1, path=None, **params)`` arms a fault; each matching API request consumes
one hit until ``count`` is used up. ``path`` is a substring the request path must contain
(e.g. ``"insights"``). Armed faults are consumed first-armed first. Kinds (params, defaults):

========================= ==============================================================================
kind                      effect
========================= ==============================================================================
``rate_limit``            HTTP 400, ``{"code": 17, "message": "(#17) User request limit reached",
                          "is_transient": true, ...}``. ``code`` may be 4, 17, 32, 341, 613 or
                          80000-80014 (80000 = ads_insights, 80004 = ads_management); the usage
                          headers show 100 % and ``estimated_time_to_regain_access`` (minutes,
                          param ``estimated_time_to_regain_access`` or its alias ``minutes``, default 0).
``transient``             HTTP 500, code 2 "An unexpected error has occurred...", ``is_transient: true``.
``server_error``          HTTP ``status`` (500 default; 500/502/503/504), code 1 "An unknown error
                          occurred", subcode 99.
``timeout_too_much_data`` HTTP 500, code 100, subcode 1487534 "Please reduce the amount of data
                          you're asking for, then retry your request".
``permission``            HTTP 403, code 10 (default) or ``code`` 200-299, "(#10) ... permission".
``drop_connection``       the socket is closed without a byte of response.
``slow``                  sleeps ``seconds`` (default 1.0), then answers normally.
``truncated_body``        a 200 whose ``Content-Length`` promises the whole body but only half is
                          sent before the connection closes.
``empty_page``            the next list answer on a matching path has ``"data": []`` but still a
                          ``paging.next`` (to the same position), as Graph sometimes does.
``report_failed``         the next submitted report run (``POST .../insights``) ends "Job Failed".
``report_skipped``        the next submitted report run ends "Job Skipped".
========================= ==============================================================================

The first eight hit any ``/vNN.0/...`` request whose path matches; ``empty_page`` hits the
next paged list; the report kinds hit the next ``POST .../insights``.
"""

from __future__ import annotations

from typing import Any

from agent_ads_simulator_kit import fault_board as board
from agent_ads_simulator_kit.fault_board import check_non_negative

DEFAULTS: dict[str, dict[str, Any]] = {
    "rate_limit": {"code": 17, "estimated_time_to_regain_access": 0},
    "transient": {},
    "server_error": {"status": 500},
    "timeout_too_much_data": {},
    "permission": {"code": 10},
    "drop_connection": {},
    "slow": {"seconds": 1.0},
    "truncated_body": {},
    "empty_page": {},
    "report_failed": {},
    "report_skipped": {},
}
ALIASES = {"minutes": "estimated_time_to_regain_access"}
REQUEST_KINDS = (
    "rate_limit",
    "transient",
    "server_error",
    "timeout_too_much_data",
    "permission",
    "drop_connection",
    "slow",
    "truncated_body",
)
REPORT_KINDS = ("report_failed", "report_skipped")

RATE_LIMIT_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    341: "(#341) Application limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80000: "(#80000) There have been too many calls from this ad-account. Wait a bit and try again. "
    "For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
    80004: "(#80004) There have been too many calls to this ad-account. Wait a bit and try again. "
    "For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.",
}


class FaultBoard(board.FaultBoard):
    """The kit's board with Meta's kinds (and the ``minutes`` alias)."""

    def __init__(self) -> None:
        super().__init__(DEFAULTS, _check, aliases=ALIASES)


def canned_error(fault: board.Fault) -> tuple[int, dict[str, Any]]:
    """(HTTP status, Graph error body without fbtrace_id) of a fault that answers with an error."""
    p = fault.params
    if fault.kind == "rate_limit":
        code = p["code"]
        message = RATE_LIMIT_MESSAGES.get(
            code, f"(#{code}) There have been too many calls. Wait a bit and try again."
        )
        error = {"message": message, "type": "OAuthException", "code": code, "is_transient": True}
        if code in (17,) or code >= 80000:
            error["error_subcode"] = 2446079
        return 400, error
    if fault.kind == "transient":
        message = "An unexpected error has occurred. Please retry your request later."
        return 500, {"message": message, "type": "OAuthException", "code": 2, "is_transient": True}
    if fault.kind == "server_error":
        return p["status"], {
            "message": "An unknown error occurred",
            "type": "OAuthException",
            "code": 1,
            "error_subcode": 99,
            "is_transient": False,
        }
    if fault.kind == "timeout_too_much_data":
        return 500, {
            "message": "Please reduce the amount of data you're asking for, then retry your request",
            "type": "OAuthException",
            "code": 100,
            "error_subcode": 1487534,
            "is_transient": False,
            "error_user_title": "Too much data",
            "error_user_msg": "Please reduce the amount of data you're asking for, then retry your request",
        }
    if fault.kind == "permission":
        code = p["code"]
        message = (
            "(#10) Application does not have permission for this action"
            if code == 10
            else f"(#{code}) Ad account owner has NOT grant ads_management or ads_read permission"
        )
        return 403, {"message": message, "type": "OAuthException", "code": code}
    raise ValueError(f"fault {fault.kind} has no canned error")


def _check(kind: str, params: dict[str, Any]) -> None:
    if kind == "rate_limit":
        code = params["code"]
        if code not in (4, 17, 32, 341, 613) and not (isinstance(code, int) and 80000 <= code <= 80014):
            raise ValueError("rate_limit: code must be 4, 17, 32, 341, 613 or 80000-80014")
        check_non_negative(kind, params, "estimated_time_to_regain_access")
    elif kind == "slow":
        check_non_negative(kind, params, "seconds")
    elif kind == "server_error" and params["status"] not in (500, 502, 503, 504):
        raise ValueError("server_error: status must be 500, 502, 503 or 504")
    elif kind == "permission":
        code = params["code"]
        if isinstance(code, bool) or not isinstance(code, int) or not (code == 10 or 200 <= code <= 299):
            raise ValueError("permission: code must be 10 or 200-299")
