"""Pinterest OAuth: the Bearer header and the refresh-token exchange.

Pinterest rotates refresh tokens, so a refresh is never retried blindly (a repeated
POST could burn the new token), runs only where the rotated token can be stored, and goes
through the core's coordinated refresh (one refresh across parallel runs, persisted before
anything else). Without a usable credential store an expired token is an ``auth`` error
(exit 6: the API refused the token) whose hint says how to get working tokens.
"""

from __future__ import annotations

import time
from typing import Any

from agent_ads_core.context import ProviderContext
from agent_ads_core.errors import ApiError, AuthError, ConfigError, TransportError
from agent_ads_pinterest.plugin import SANDBOX_API_BASE_URL

TOKEN_PATH = "/oauth/token"
# Pinterest answers an expired or revoked access token with 401 and code 2.
EXPIRED_TOKEN_CODE = 2


def no_store_hint(ctx: ProviderContext) -> str:
    """What to do when the rotated refresh token could not be kept, in the declared names and env vars."""
    env_var = ctx.credentials.spec.env_var
    return (f"{ctx.info.title} rotates the refresh token on every refresh, so agent-ads refreshes only where it can "
            f"keep the new one: run 'agent-ads {ctx.name} auth set' on a machine with a usable credential store (see "
            f"the README's Secrets section for a headless Secret Service), or export fresh "
            f"{env_var('access_token')} and {env_var('refresh_token')}")


def sandbox_enabled(ctx: ProviderContext) -> bool:
    """--sandbox (the command's setting override) > the env var > config."""
    return bool(ctx.setting("sandbox"))


def api_root(ctx: ProviderContext) -> str:
    """``{api_base_url}/{api_version}``, following --sandbox and the base-URL override."""
    base, source = ctx.resolve_setting("api_base_url")
    if source == "default" and sandbox_enabled(ctx):
        base = SANDBOX_API_BASE_URL
    return f"{str(base).rstrip('/')}/{ctx.setting('api_version')}"


def can_refresh(ctx: ProviderContext) -> bool:
    return all(ctx.credentials.get(name) for name in ctx.credentials.spec.refreshable_with)


def _post_refresh_grant(ctx: ProviderContext, held: dict[str, str]) -> dict[str, Any]:
    """POST the refresh grant with the credentials this run holds; return the token response."""
    from agent_ads_pinterest.errors import raise_for_response

    response = ctx.http().request(
        "POST", api_root(ctx) + TOKEN_PATH,
        data={"grant_type": "refresh_token", "refresh_token": held["refresh_token"]},
        basic_auth=(held["app_id"], held["app_secret"]),
        authenticate=False, retry_safe=False,
    )
    raise_for_response(ctx, response, "oauth/token")
    return response.json()


def rotate_tokens(ctx: ProviderContext) -> dict[str, Any]:
    """Refresh through the core's coordinated refresh; return the token response ({} if another run refreshed).

    The core holds the credential lock, re-reads the store, sends nothing when another
    process already rotated the tokens this run holds, and persists what comes back before
    anything else happens (Pinterest's refresh token is single-use).
    """
    store = ctx.credentials
    missing = [name for name in store.spec.refreshable_with if not store.get(name)]
    if missing:
        raise AuthError(f"cannot refresh: missing {', '.join(missing)}", provider=ctx.name,
                        hint="set " + ", ".join(store.spec.env_var(m) for m in missing)
                             + f" or run 'agent-ads {ctx.name} auth set'")
    token: dict[str, Any] = {}

    def exchange(held: dict[str, str]) -> dict[str, str]:
        token.update(_post_refresh_grant(ctx, held))
        return {"access_token": token.get("access_token") or "", "refresh_token": token.get("refresh_token") or ""}

    store.refresh(exchange)
    return token


def _facts(token: dict[str, Any], stored_in: str) -> dict[str, Any]:
    facts: dict[str, Any] = {"stored_in": stored_in, "refresh_token_rotated": bool(token.get("refresh_token"))}
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
    blocker = store.refresh_blocker()
    if blocker is not None:
        raise ConfigError(f"cannot refresh: {blocker}", provider=ctx.name, hint=no_store_hint(ctx))
    token = rotate_tokens(ctx)
    if not token:
        return {"stored_in": store.store_info()["backend"], "refreshed_by_another_run": True}
    return _facts(token, store.store_info()["backend"])


class PinterestAuth:
    """The core HTTP client's Authenticator for Pinterest (Bearer token, refresh on 401 code 2)."""

    def __init__(self, ctx: ProviderContext) -> None:
        self.ctx = ctx

    def headers(self) -> dict[str, str]:
        token = self.ctx.credentials.get("access_token")
        if not token:
            raise AuthError(
                f"no {self.ctx.info.title} access token", provider=self.ctx.name,
                hint=f"set {self.ctx.credentials.spec.env_var('access_token')} or run "
                     f"'agent-ads {self.ctx.name} auth set'",
            )
        return {"Authorization": f"Bearer {token}"}

    def should_refresh(self, response: Any) -> bool:
        """Refresh an expired token, unless the rotated result could not be kept (then say what to do)."""
        try:
            body = response.json()
        except ValueError:
            body = None
        code = body.get("code") if isinstance(body, dict) else None  # a gateway's 401 may carry any JSON
        if code not in (EXPIRED_TOKEN_CODE, None) or not can_refresh(self.ctx):
            return False
        blocker = self.ctx.credentials.refresh_blocker()
        if blocker is not None:
            raise AuthError(
                f"the access token was refused and was not refreshed: {blocker}", provider=self.ctx.name,
                http_status=response.status_code, code=code,
                request_id=response.headers.get(self.ctx.info.request_id_header or ""), hint=no_store_hint(self.ctx),
            )
        return True

    def refresh(self) -> bool:
        try:
            rotate_tokens(self.ctx)
        except (ApiError, AuthError, TransportError) as exc:
            self.ctx.warn(f"automatic token refresh failed: {exc.message}")
            return False
        return True
