"""``meta doctor --api``: one cheap call that proves the token (and appsecret_proof) work."""

from __future__ import annotations

from agent_ads_core.context import ProviderContext
from agent_ads_core.declarations import CheckResult


def check_api(ctx: ProviderContext) -> CheckResult:
    """GET /me?fields=id,name needs no extra permission; with an app secret it also carries appsecret_proof."""
    from agent_ads_meta.client import GraphClient
    from agent_ads_meta.graph import Edge

    client = GraphClient(ctx)
    me = client.get(Edge("User", "GET", "#get"), "me", {"fields": "id,name"})
    signed = bool(ctx.credentials.get("app_secret"))
    detail = f"GET /me answered for {me.get('name') or me.get('id')}"
    if signed:
        detail += "; appsecret_proof accepted"
    return CheckResult(True, detail, {"user_id": me.get("id"), "appsecret_proof": signed,
                                      "request_id": client.request_id})
