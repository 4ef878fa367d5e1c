"""Pinterest OAuth: the Bearer header and the refresh-token exchange.

Pinterest rotates refresh tokens, so a refresh is never retried blindly (a repeated
POST could burn the new token) and the rotated token is stored before anything else
happens. When the credential store is unusable during an automatic refresh, the new
tokens serve this run from memory and a warning says so.
"""

from __future__ import annotations

import time
from typing import Any

from agent_ads_core.context import ProviderContext
from agent_ads_core.errors import AgentAdsError, AuthError, ConfigError

TOKEN_PATH = "/oauth/token"
# Pinterest answers an expired or revoked access token with 401 and code 2.
EXPIRED_TOKEN_CODE = 2


def sandbox_enabled(ctx: ProviderContext) -> bool:
    """--sandbox (set on the run's options by the command) > PINTEREST_ADS_SANDBOX > config."""
    return bool(ctx.setting("sandbox", getattr(ctx.options, "sandbox", None)))


def api_root(ctx: ProviderContext) -> str:
    """``{api_base_url}/{api_version}``, following --sandbox and the base-URL override."""
    base, source = ctx.run.resolve_setting(ctx.name, "api_base_url")
    if source == "default" and sandbox_enabled(ctx):
        base = "https://api-sandbox.pinterest.com"
    return f"{str(base).rstrip('/')}/{ctx.setting('api_version')}"


def can_refresh(ctx: ProviderContext) -> bool:
    return all(ctx.credentials.get(name) for name in ctx.credentials.spec.refreshable_with)


def exchange_refresh_token(ctx: ProviderContext) -> dict[str, Any]:
    """POST the refresh grant; return the token response (raises on any failure)."""
    from agent_ads_pinterest.errors import raise_for_response

    store = ctx.credentials
    missing = [name for name in store.spec.refreshable_with if not store.get(name)]
    if missing:
        env = {f.name: f.env_var for f in store.spec.fields}
        raise AuthError(f"cannot refresh: missing {', '.join(missing)}", provider=ctx.name,
                        hint="set " + ", ".join(env[m] for m in missing) + " or run 'agent-ads pinterest auth set'")
    response = ctx.http().request(
        "POST", api_root(ctx) + TOKEN_PATH,
        data={"grant_type": "refresh_token", "refresh_token": store.get("refresh_token")},
        basic_auth=(store.get("app_id"), store.get("app_secret")),
        authenticate=False, retry_safe=False,
    )
    raise_for_response(ctx, response, "oauth/token")
    return response.json()


def store_tokens(ctx: ProviderContext, token: dict[str, Any], strict: bool) -> str:
    """Store the new tokens; return where they went (keychain or memory).

    The values they replace are handed to the store as superseded, so an env var still
    holding a rotated-away token is skipped by later runs instead of being sent.
    """
    store = ctx.credentials
    values = {"access_token": token.get("access_token")}
    if token.get("refresh_token"):
        values["refresh_token"] = token["refresh_token"]
    replaced = {name: old for name in values if (old := store.get(name)) and old != values[name]}
    try:
        store.save(values, replaced=replaced)
    except ConfigError:
        if strict:
            raise
        store.use_in_memory(values)
        ctx.warn("refreshed tokens could not be stored (no usable credential store); they serve this run only")
        return "memory"
    return "keychain"


def _facts(token: dict[str, Any], stored: str) -> dict[str, Any]:
    facts: dict[str, Any] = {"stored_in": stored, "refresh_token_rotated": bool(token.get("refresh_token"))}
    if "expires_in" in token:
        facts["expires_in"] = token["expires_in"]
        facts["expires_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + token["expires_in"]))
    for key in ("scope", "token_type", "refresh_token_expires_in"):
        if key in token:
            facts[key] = token[key]
    return facts


def refresh_command(ctx: ProviderContext) -> dict[str, Any]:
    """``auth refresh``: refuses to start when the new tokens could not be stored.

    The old refresh token stops working once Pinterest rotates it, so refreshing with no
    place to keep the new one would lock the user out.
    """
    store = ctx.credentials
    if store.store_error is not None:
        raise ConfigError(f"cannot store refreshed tokens: {store.store_error}", provider=ctx.name,
                          hint="refresh needs a usable OS credential store (or install keyrings.alt)")
    token = exchange_refresh_token(ctx)
    return _facts(token, store_tokens(ctx, token, strict=True))


class PinterestAuth:
    """The core HTTP client's Authenticator for Pinterest (Bearer token, refresh on 401 code 2)."""

    def __init__(self, ctx: ProviderContext) -> None:
        self.ctx = ctx

    def headers(self) -> dict[str, str]:
        token = self.ctx.credentials.get("access_token")
        if not token:
            raise AuthError(
                "no Pinterest access token", provider=self.ctx.name,
                hint="set PINTEREST_ADS_ACCESS_TOKEN or run 'agent-ads pinterest auth set'",
            )
        return {"Authorization": f"Bearer {token}"}

    def should_refresh(self, response: Any) -> bool:
        try:
            body = response.json()
        except ValueError:
            body = None
        code = body.get("code") if isinstance(body, dict) else None  # a gateway's 401 may carry any JSON
        return code in (EXPIRED_TOKEN_CODE, None) and can_refresh(self.ctx)

    def refresh(self) -> bool:
        try:
            token = exchange_refresh_token(self.ctx)
        except AgentAdsError as exc:
            self.ctx.warn(f"automatic token refresh failed: {exc.message}")
            return False
        store_tokens(self.ctx, token, strict=False)
        return True
