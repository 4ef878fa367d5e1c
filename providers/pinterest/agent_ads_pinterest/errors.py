"""Turn Pinterest's answers into the core's errors and retry advice.

Pinterest reports failures as ``{"code": N, "message": "..."}`` with the request id in
``x-pinterest-rid``; rate limits come as 429 with ``x-ratelimit-*`` headers and maybe no
``Retry-After``, and some throttling arrives as a 400 whose message says "Retry after N
seconds". The advice function lets the core's retry loop wait the right amount.
"""

from __future__ import annotations

import re
import time
from typing import Any

from agent_ads_core.context import ProviderContext
from agent_ads_core.errors import ApiError, AuthError
from agent_ads_core.http import RetryAdvice, retry_after_seconds, wait_advised
from agent_ads_core.validation import finite_number

RETRY_AFTER_MESSAGE = re.compile(r"retry after ([0-9]{1,9}(?:\.[0-9]+)?) seconds?", re.I)


def _body(response: Any) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _reset_seconds(response: Any) -> float | None:
    """``x-ratelimit-reset`` in seconds; garbage (``nan``, ``inf``, ``1e309``, negative) counts as absent."""
    value = response.headers.get("x-ratelimit-reset")
    try:
        seconds = finite_number(value) if value is not None else None
    except ValueError:
        return None
    return seconds if seconds is not None and seconds >= 0 else None


def rate_limit_wait(response: Any) -> float | None:
    """How long a 429 asks to wait: the longer of ``Retry-After`` and ``x-ratelimit-reset`` when both are sent."""
    waits = [w for w in (retry_after_seconds(response), _reset_seconds(response)) if w is not None]
    return max(waits) if waits else None


def advise(response: Any) -> RetryAdvice | None:
    """How long to wait before retrying, from Pinterest's rate-limit headers or its "Retry after N" message.

    Declared as the provider's ``retry_advisor``: the core's retry loop waits what this returns.
    """
    if response.status_code == 429:
        wait = rate_limit_wait(response)
        return RetryAdvice(wait, "rate limit") if wait is not None else None
    if response.status_code == 400:
        match = RETRY_AFTER_MESSAGE.search(str(_body(response).get("message", "")))
        if match:
            return RetryAdvice(float(match.group(1)), "message")
    return None


def raise_for_response(ctx: ProviderContext, response: Any, operation: str, ids: str | None = None) -> None:
    """Raise the core error matching a non-2xx answer (exit 6 for API errors).

    ``ids`` names the ids in the request's path (``--campaign-id 5``), so a 404 says which was not found.
    """
    if response.status_code < 400:
        return
    body = _body(response)
    message = body.get("message") or f"HTTP {response.status_code} from {operation}"
    common = {"provider": ctx.name, "http_status": response.status_code, "code": body.get("code"),
              "request_id": response.headers.get(ctx.info.request_id_header or "")}
    if response.status_code == 401:
        # Any possible refresh was already tried by the HTTP client: only new tokens help now.
        raise AuthError(message, hint="the credentials were refused and could not be refreshed: re-authorise the "
                        f"app to get new tokens, then store them with 'agent-ads {ctx.name} auth set' (or set "
                        f"{ctx.credentials.spec.env_var('access_token')})", **common)
    hint = None
    if response.status_code == 404 and ids:
        message = f"{message} (looked up {ids})"
        hint = "check the ids; objects of another ad account are not found either"
    wait = wait_advised(response, advise)  # what the API asked for, read from the response itself
    if response.status_code == 429:
        reset = wait
        if reset:
            when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + reset))
            message = f"{message} (rate limit; quota resets in {reset:.0f}s, at {when})"
            hint = f"retry after {when}"
    elif wait is not None:
        hint = f"the API asked to retry after {wait:.0f}s"
    raise ApiError(message, hint=hint, **common)
