"""The demo credentials and the access-token / ``appsecret_proof`` checks.

``ACCESS_TOKEN`` is the only token the simulator accepts (from the ``access_token`` query or
form parameter, or an ``Authorization: Bearer`` header); ``appsecret_proof`` must be the hex
HMAC-SHA256 of that token keyed by ``APP_SECRET``. ``expire()`` makes the token answer
190/463 "Session has expired" until ``reset()``.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from typing import Any

ACCESS_TOKEN = "demo-meta-access-token"
APP_SECRET = "demo-meta-app-secret"

INVALID_TOKEN: dict[str, Any] = {
    "message": "Invalid OAuth access token - Cannot parse access token",
    "type": "OAuthException",
    "code": 190,
}
EXPIRED_TOKEN: dict[str, Any] = {
    "message": "Error validating access token: Session has expired on Tuesday, 01-Dec-26 23:00:00 PST. "
    "The current time is Wednesday, 02-Dec-26 00:00:00 PST.",
    "type": "OAuthException",
    "code": 190,
    "error_subcode": 463,
}


def appsecret_proof(token: str, secret: str = APP_SECRET) -> str:
    """hex HMAC-SHA256(key=app secret, message=access token), as Meta's SDKs compute it."""
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def token_from(params: dict[str, str], authorization: str | None) -> str | None:
    """The access token of a request: the ``access_token`` parameter, else a Bearer header."""
    if params.get("access_token"):
        return params["access_token"]
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() in ("bearer", "oauth") and value.strip():
            return value.strip()
    return None


class TokenStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._expired = False

    def expire(self) -> None:
        with self._lock:
            self._expired = True

    def reset(self) -> None:
        with self._lock:
            self._expired = False

    def check(self, token: str | None) -> dict[str, Any] | None:
        """None when ``token`` is good, else the Graph error body (without ``fbtrace_id``)."""
        if token is None or not hmac.compare_digest(token.encode(), ACCESS_TOKEN.encode()):
            return dict(INVALID_TOKEN)
        with self._lock:
            if self._expired:
                return dict(EXPIRED_TOKEN)
        return None

    @staticmethod
    def proof_problem(token: str, proof: str | None, required: bool) -> str | None:
        """A message when ``appsecret_proof`` is wrong, or missing while required; else None."""
        if proof is None or proof == "":
            return "API calls from the server require an appsecret_proof argument" if required else None
        if not hmac.compare_digest(proof.lower().encode(), appsecret_proof(token).encode()):
            return "Invalid appsecret_proof provided in the API argument"
        return None
