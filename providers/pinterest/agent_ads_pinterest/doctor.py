"""``doctor --api``: refresh where the result can be kept, then make one cheap call."""

from __future__ import annotations

from agent_ads_core.context import ProviderContext
from agent_ads_core.declarations import CheckResult
from agent_ads_pinterest.auth import can_refresh, rotate_tokens


def check_api(ctx: ProviderContext) -> CheckResult:
    """Prove the credentials work end to end: refresh (if possible and storable) and list one ad account.

    Without a usable credential store the refresh is skipped (a rotated refresh token that
    cannot be saved would lock the user out) and the access token alone is tried.
    """
    from agent_ads_pinterest.client import PinterestClient

    facts: dict[str, object] = {"refreshed": False}
    if can_refresh(ctx):
        blocker = ctx.credentials.refresh_blocker()
        if blocker is None:
            facts["refreshed"] = bool(rotate_tokens(ctx))
        else:
            facts["refresh_skipped"] = blocker
    client = PinterestClient(ctx)
    body = client.get("ad_accounts/list", {}, {"page_size": 1})
    detail = f"ad_accounts answered ({len(client.rows(body, 'ad_accounts/list'))} item on the first page)"
    if "refresh_skipped" in facts:
        detail += f"; token refresh skipped: {facts['refresh_skipped']}"
    return CheckResult(True, detail, {**facts, "request_id": client.request_id})
