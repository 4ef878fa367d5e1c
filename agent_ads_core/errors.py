"""The one error type every command raises, and how it becomes JSON on stderr.

Agents parse stderr, so every failure, whatever its origin, is reduced to a single
``{"error": {...}}`` object with a stable ``type`` and an exit code derived from it.
Providers raise these (or subclasses) instead of inventing their own reporting.
"""

from __future__ import annotations

import json
from typing import Any

from agent_ads_core.exit_codes import ExitCode

ERROR_TYPES = ("argument", "config", "auth", "api", "transport", "interrupted", "internal")


class AgentAdsError(Exception):
    """A failure that is reported to the user as one JSON object.

    ``type`` is one of :data:`ERROR_TYPES`. ``exit_code`` is fixed by the type, except
    for ``api`` errors (and ``auth`` errors that came back from an API), whose code the
    provider declares in its metadata; the app fills that in from ``provider``.
    """

    type = "internal"

    def __init__(
        self,
        message: str,
        *,
        provider: str | None = None,
        http_status: int | None = None,
        code: Any = None,
        request_id: str | None = None,
        hint: str | None = None,
        exit_code: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider
        self.http_status = http_status
        self.code = code
        self.request_id = request_id
        self.hint = hint
        self._exit_code = exit_code

    @property
    def from_api(self) -> bool:
        """True when the remote API answered with this error (so the provider's code applies)."""
        return self.type == "api" or (self.type == "auth" and self.http_status is not None)

    def exit_code(self, provider_exit_codes: dict[str, int] | None = None) -> int:
        if self._exit_code is not None:
            return self._exit_code
        if self.from_api:
            codes = provider_exit_codes or {}
            return codes.get(self.provider or "", ExitCode.TRANSPORT)
        if self.type in ("argument", "config", "auth"):
            return ExitCode.USAGE
        return ExitCode.TRANSPORT

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "message": self.message}
        for key in ("provider", "http_status", "code", "request_id", "hint"):
            value = getattr(self, key)
            if value is not None:
                body[key] = value
        return {"error": body}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, default=str)


class ArgumentError(AgentAdsError):
    """A flag or argument the user gave is wrong; nothing was sent."""

    type = "argument"


class ConfigError(AgentAdsError):
    """The configuration (file, env or flags) is unusable."""

    type = "config"


class AuthError(AgentAdsError):
    """Credentials are missing, unusable, or were refused by the API."""

    type = "auth"


class ApiError(AgentAdsError):
    """The remote API answered with an error; exits with the provider's declared code."""

    type = "api"


class TransportError(AgentAdsError):
    """The API could not be reached or did not answer in time."""

    type = "transport"


class InternalError(AgentAdsError):
    """A bug or an unexpected state in agent-ads or a provider."""

    type = "internal"


class Interrupted(AgentAdsError):
    """The run was stopped (Ctrl-C, SIGTERM, SIGHUP); ``hint`` says how to pick up where it stopped."""

    type = "interrupted"

    def __init__(self, message: str = "interrupted", **kwargs: Any) -> None:
        kwargs.setdefault("exit_code", ExitCode.INTERRUPTED)
        super().__init__(message, **kwargs)
