"""Bearer tokens and the OAuth refresh flow, with Pinterest's rotation semantics.

Demo credentials (used by ``make demo`` and the tests; all fake):

* app id ``demo-app-id``, app secret ``demo-app-secret``
* access token ``demo-access-token``, refresh token ``demo-refresh-token``

``POST /v5/oauth/token`` with HTTP Basic ``app_id:app_secret`` and the form
``grant_type=refresh_token&refresh_token=...`` issues ``sim-access-<n>`` and a rotated
``sim-refresh-<n>``; the previous access and refresh tokens stop working at once, so a
client that forgets to persist the new refresh token fails on its next refresh.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from dataclasses import dataclass
from typing import Any

DEMO_APP_ID = "demo-app-id"
DEMO_APP_SECRET = "demo-app-secret"
DEMO_ACCESS_TOKEN = "demo-access-token"
DEMO_REFRESH_TOKEN = "demo-refresh-token"

ACCESS_TOKEN_TTL = 30 * 86_400
REFRESH_TOKEN_TTL = 60 * 86_400
SCOPE = "ads:read,ads:write,user_accounts:read"

AUTH_FAILED = {"code": 2, "message": "Authentication failed."}


@dataclass(frozen=True)
class Credentials:
    """The app and the initial token pair the simulator accepts."""

    app_id: str = DEMO_APP_ID
    app_secret: str = DEMO_APP_SECRET
    access_token: str = DEMO_ACCESS_TOKEN
    refresh_token: str = DEMO_REFRESH_TOKEN


class TokenStore:
    """The one valid access token and refresh token at any moment (thread-safe)."""

    def __init__(self, credentials: Credentials) -> None:
        self._initial = credentials
        self._lock = threading.Lock()
        self._access: str | None = credentials.access_token
        self._refresh: str | None = credentials.refresh_token
        self._issued = 0

    def reset(self) -> None:
        with self._lock:
            self._access = self._initial.access_token
            self._refresh = self._initial.refresh_token
            self._issued = 0

    def expire_access_token(self) -> None:
        """The current access token stops working; only a refresh gets a new one."""
        with self._lock:
            self._access = None

    def bearer_ok(self, authorization: str | None) -> bool:
        if not authorization or not authorization.startswith("Bearer "):
            return False
        with self._lock:
            return self._access is not None and authorization[len("Bearer ") :] == self._access

    def _basic_ok(self, authorization: str | None) -> bool:
        if not authorization or not authorization.startswith("Basic "):
            return False
        try:
            decoded = base64.b64decode(authorization[len("Basic ") :], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return decoded == f"{self._initial.app_id}:{self._initial.app_secret}"

    def token_request(self, authorization: str | None, form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer ``POST /oauth/token``: (HTTP status, JSON body)."""
        if not self._basic_ok(authorization):
            return 401, AUTH_FAILED
        if form.get("grant_type") != "refresh_token":
            return 400, {"code": 1, "message": "The simulator only supports grant_type=refresh_token."}
        with self._lock:
            if self._refresh is None or form.get("refresh_token") != self._refresh:
                return 400, {"code": 1, "message": "Invalid refresh token."}
            self._issued += 1
            self._access = f"sim-access-{self._issued}"
            self._refresh = f"sim-refresh-{self._issued}"
            access, refresh = self._access, self._refresh
        return 200, {
            "access_token": access,
            "token_type": "bearer",
            "expires_in": ACCESS_TOKEN_TTL,
            "scope": SCOPE,
            "response_type": "refresh_token",
            "refresh_token": refresh,
            "refresh_token_expires_in": REFRESH_TOKEN_TTL,
            "refresh_token_expires_at": int(time.time()) + REFRESH_TOKEN_TTL,
        }
