"""``doctor --api``: refresh when possible, then make one cheap call."""

from __future__ import annotations

from agent_ads_core.context import ProviderContext
from agent_ads_core.declarations import CheckResult
from agent_ads_pinterest.auth import can_refresh, exchange_refresh_token, store_tokens


def check_api(ctx: ProviderContext) -> CheckResult:
    """Prove the credentials work end to end: refresh (if possible) and list one ad account."""
    from agent_ads_pinterest.client import PinterestClient

    refreshed = False
    if can_refresh(ctx):
        store_tokens(ctx, exchange_refresh_token(ctx), strict=False)
        refreshed = True
    client = PinterestClient(ctx)
    body = client.get("ad_accounts/list", {}, {"page_size": 1})
    detail = f"ad_accounts answered ({len(body.get('items', []))} item on the first page)"
    return CheckResult(True, detail, {"refreshed": refreshed, "request_id": client.request_id})
