"""The one HTTP layer every provider uses: timeouts, retries, request ids, redacted logs.

Retry rules live here once: 429/500/502/503/504, connection errors and timeouts are
retried with capped exponential backoff plus jitter, honouring ``Retry-After`` (seconds
or an HTTP date) or the provider's own advice (e.g. a rate-limit reset header), bounded
by a number of attempts and an overall deadline. A wait that would overrun the deadline
is not slept: the response is returned at once, and the provider, reading the same
advice from it (:func:`wait_advised`), can say when to come back (a daily quota) instead
of hanging.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from requests.adapters import DEFAULT_POOLSIZE, HTTPAdapter

from agent_ads_core.errors import TransportError
from agent_ads_core.redaction import redact_headers, redact_pairs, register_basic

LOG = logging.getLogger("agent_ads.http")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Failures that say nothing about the request itself, so an idempotent one is sent again:
# no answer, no answer in time, or a body cut short (shorter than its Content-Length).
BROKEN_ANSWERS = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                  requests.exceptions.ContentDecodingError)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    backoff_base: float = 0.5
    backoff_cap: float = 20.0
    deadline_seconds: float = 120.0

    def backoff(self, attempt: int) -> float:
        """Full jitter: spreads the retries of many parallel agents apart."""
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * 2**attempt))


class Authenticator(Protocol):
    """How a provider signs requests and renews an expired credential.

    An authenticator may also define ``params() -> dict[str, str]``: query parameters added
    to every authenticated request (an API that wants a signature of the token in the
    query). Their names are redacted in logs when they look secret.
    """

    def headers(self) -> dict[str, str]: ...

    def should_refresh(self, response: requests.Response) -> bool: ...

    def refresh(self) -> bool: ...


@dataclass(frozen=True)
class RetryAdvice:
    """What a provider's advisor returns: wait this long before sending again.

    ``final`` says the answer must not be retried whatever its status (a 500 that says the
    request asks for too much data fails the same way again); ``wait_seconds`` is then unused.
    """

    wait_seconds: float
    reason: str | None = None
    final: bool = False


RetryAdvisor = Callable[[requests.Response], "RetryAdvice | None"]


def retry_after_seconds(response: requests.Response, now: float | None = None) -> float | None:
    """Parse ``Retry-After`` as delta-seconds or an HTTP date."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        seconds = float(value)
        return seconds if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def wait_advised(response: requests.Response, advisor: RetryAdvisor | None) -> float | None:
    """Seconds the API asked to wait: the provider's advice first, then ``Retry-After``."""
    advice = advisor(response) if advisor else None
    return advice.wait_seconds if advice is not None else retry_after_seconds(response)


class HttpClient:
    """A requests.Session with the project's retry, timeout and logging rules."""

    def __init__(
        self,
        *,
        timeout: float,
        user_agent: str,
        request_id_header: str | None = None,
        policy: RetryPolicy | None = None,
        advisor: RetryAdvisor | None = None,
        auth: Authenticator | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_body_bytes: int = 1024 * 1024 * 1024,
        max_parallel: int = 1,
    ) -> None:
        self.timeout = timeout
        self.max_body_bytes = max_body_bytes
        self.request_id_header = request_id_header
        self.policy = policy or RetryPolicy()
        self.advisor = advisor
        self.auth = auth
        self.sleep = sleep
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent
        # One keep-alive pool per host shared by every worker thread, holding a connection
        # for each of the ``max_parallel`` requests that may be in flight: a smaller pool
        # would close connections as they come back ("Connection pool is full") and open new ones.
        pool = HTTPAdapter(pool_maxsize=max(max_parallel, DEFAULT_POOLSIZE))
        for scheme in ("https://", "http://"):
            self.session.mount(scheme, pool)
        # Per thread: the analytics runner sends from worker threads, and each request's id
        # must be read by the code that sent it.
        self._local = threading.local()
        # One token refresh at a time: a provider that rotates refresh tokens must not spend
        # the same one twice when parallel requests meet the same expired access token.
        self._refresh_lock = threading.Lock()

    @property
    def last_request_id(self) -> str | None:
        """The request id of the last response this thread received."""
        return getattr(self._local, "request_id", None)

    def request_id(self, response: requests.Response) -> str | None:
        return response.headers.get(self.request_id_header) if self.request_id_header else None

    def _wait_for(self, response: requests.Response) -> float | None:
        """Seconds to wait before retrying this response, or None when it is final."""
        advice = self.advisor(response) if self.advisor else None
        if advice is not None:
            return None if advice.final else advice.wait_seconds
        if response.status_code in RETRY_STATUSES:
            return retry_after_seconds(response) or 0.0  # 0: no advice, back off
        return None

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Any = None,
        json: Any = None,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        basic_auth: tuple[str, str] | None = None,
        authenticate: bool = True,
        retry_safe: bool | None = None,
        stream: bool = False,
    ) -> requests.Response:
        """Send with retries; return the final response whatever its status.

        ``retry_safe`` defaults to True for idempotent methods only: a POST is retried
        only where the provider says repeating it does no harm. ``authenticate=False``
        sends no Authorization header (presigned download URLs refuse one).
        """
        method = method.upper()
        safe = method in IDEMPOTENT if retry_safe is None else retry_safe
        started = time.monotonic()
        refreshed = False
        attempt = 0
        while True:
            send_headers = dict(headers or {})
            signed: dict[str, str] = {}
            send_params = params
            if authenticate and self.auth is not None:
                signed = self.auth.headers()
                send_headers.update(signed)
                send_params = _with_auth_params(params, self.auth)
            try:
                response = self._send(method, url, send_params, json, data, send_headers, basic_auth, stream)
            except BROKEN_ANSWERS as exc:
                kind = ("timed out" if isinstance(exc, requests.Timeout) else
                        "connection failed" if isinstance(exc, requests.ConnectionError) else "answer was cut short")
                wait = self.policy.backoff(attempt)
                if not safe or attempt + 1 >= self.policy.attempts or self._past_deadline(started, wait):
                    raise TransportError(
                        f"{method} {_short(url)} {kind} after {attempt + 1} attempt(s): {type(exc).__name__}",
                        hint="check the network and --api-base-url, or raise --timeout-seconds",
                    ) from None
                LOG.info("%s %s %s; retrying in %.1fs", method, _short(url), kind, wait)
                self.sleep(wait)
                attempt += 1
                continue
            if response.status_code == 401 and not refreshed and authenticate and self.auth is not None:
                if self.auth.should_refresh(response) and self._refresh(signed):
                    refreshed = True
                    continue
            wait = self._wait_for(response)
            if wait is None or not safe:
                return response
            if wait <= 0:
                wait = self.policy.backoff(attempt)
            if attempt + 1 >= self.policy.attempts:
                return response
            if self._past_deadline(started, wait):
                return response
            LOG.info("%s %s -> %s; retrying in %.1fs", method, _short(url), response.status_code, wait)
            self.sleep(wait + random.uniform(0, 0.1))
            attempt += 1

    def _refresh(self, signed: dict[str, str]) -> bool:
        """Refresh the credential, unless another thread already did since this request was signed."""
        assert self.auth is not None
        with self._refresh_lock:
            if self.auth.headers() != signed:
                return True
            return self.auth.refresh()

    def _past_deadline(self, started: float, wait: float) -> bool:
        return time.monotonic() - started + wait > self.policy.deadline_seconds

    def _send(self, method, url, params, json_body, data, headers, basic_auth, stream) -> requests.Response:
        if basic_auth:
            register_basic(*basic_auth)  # its base64 form must be masked wherever it is echoed
        begin = time.monotonic()
        response = self.session.request(
            method, url, params=params, json=json_body, data=data, headers=headers,
            auth=basic_auth, timeout=self.timeout, stream=True,
        )
        if not stream:
            self._read_body(response, begin, _short(url))
        elapsed_ms = (time.monotonic() - begin) * 1000
        self._local.request_id = self.request_id(response) or self.last_request_id
        shown_url = _redacted_url(response.request.url or url)
        LOG.info("%s %s %s %.0fms", method, shown_url, response.status_code, elapsed_ms)
        if LOG.isEnabledFor(logging.DEBUG):
            LOG.debug("request headers: %s", redact_headers(dict(response.request.headers)))
            if isinstance(data, (dict, list)):
                LOG.debug("request form: %s", redact_pairs(data))
            LOG.debug("response headers: %s", redact_headers(dict(response.headers)))
        return response


    def _read_body(self, response: requests.Response, begin: float, where: str) -> None:
        """Read the whole body within ``timeout`` seconds of sending and under the size cap.

        requests' own timeout bounds each socket read, so a body trickled a byte at a time
        would never time out; this bounds the whole answer. The body is kept where requests
        keeps a body it read itself (``_content``), so ``.json()`` and ``.text`` work as usual.
        """
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > self.max_body_bytes:
                    raise TransportError(f"{where}: the answer is over {self.max_body_bytes // 2**20} MB; stopped "
                                         "reading it", hint="raise AGENT_ADS_MAX_DOWNLOAD_MB if it is expected")
                if time.monotonic() - begin > self.timeout:
                    raise requests.Timeout(f"answer not complete after {self.timeout:g}s")
                chunks.append(chunk)
        except BaseException:
            response.close()
            raise
        response._content = b"".join(chunks)  # noqa: SLF001 - requests' own cache of a read body
        response._content_consumed = True  # noqa: SLF001
        response.close()  # fully read: the connection goes back to the pool


def response_json(response: requests.Response, what: str, *, provider: str | None = None,
                  request_id: str | None = None) -> Any:
    """The JSON of a success; one that is not JSON came from something in between (a proxy, a portal)."""
    try:
        return response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "unknown content type")
        raise TransportError(f"{what}: HTTP {response.status_code} answered with {kind}, not JSON",
                             provider=provider, http_status=response.status_code, request_id=request_id,
                             hint="check --api-base-url and any proxy between you and the API") from None


def _with_auth_params(params: Any, auth: Authenticator) -> Any:
    """``params`` plus the authenticator's own query parameters, if it has any."""
    extra = auth.params() if hasattr(auth, "params") else None
    if not extra:
        return params
    if isinstance(params, Mapping):
        return {**params, **extra}
    return [*(params or []), *extra.items()]


def _short(url: str) -> str:
    return url.split("?", 1)[0]


def _redacted_url(url: str) -> str:
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    if not parts.query:
        return url
    query = urlencode(redact_pairs(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit(parts._replace(query=query))
