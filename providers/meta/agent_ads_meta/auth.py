"""How Meta requests are signed: the token in a header, ``appsecret_proof`` in the query.

The access token travels as ``Authorization: Bearer <token>`` (Graph accepts it like the
``access_token`` param), so it is never part of a URL that a proxy, a log line or an
error message could echo. With an app secret, every request also carries
``appsecret_proof`` = hex HMAC-SHA256(key=app secret, message=token), which apps with
"Require App Secret" insist on. Meta tokens are not refreshed: an expired one must be
replaced (``auth set``), which the 190 error's hint says.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from agent_ads_core.context import ProviderContext
from agent_ads_core.errors import AuthError
from agent_ads_core.redaction import register_secret

TOKEN_ENV = "META_ADS_ACCESS_TOKEN"


def appsecret_proof(token: str, app_secret: str) -> str:
    return hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()


class GraphAuth:
    """The core's authenticator protocol for Meta: header, query signature, no refresh."""

    def __init__(self, ctx: ProviderContext) -> None:
        self.ctx = ctx

    def token(self) -> str:
        token = self.ctx.credentials.get("access_token")
        if not token:
            raise AuthError("no Meta access token", provider=self.ctx.name,
                            hint=f"set {TOKEN_ENV} or run 'agent-ads meta auth set'")
        return token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def params(self) -> dict[str, str]:
        secret = self.ctx.credentials.get("app_secret")
        if not secret:
            return {}
        proof = appsecret_proof(self.token(), secret)
        register_secret(proof)  # it unlocks the token's use as much as the token does
        return {"appsecret_proof": proof}

    def should_refresh(self, response: Any) -> bool:
        return False

    def refresh(self) -> bool:
        return False
