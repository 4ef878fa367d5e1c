"""agent_ads_core.http: retries, backoff, Retry-After, deadline, request ids, redacted logs, refresh.

Waits are recorded by an injected ``sleep``; the jitter is pinned to its upper bound so
backoff values are exact.
"""

from __future__ import annotations

import email.utils
import io
import logging
import time

import pytest
import requests
import responses

from agent_ads_core import http as http_mod
from agent_ads_core.errors import TransportError
from agent_ads_core.http import HttpClient, RetryAdvice, RetryPolicy, retry_after_seconds, wait_advised
from agent_ads_core.redaction import configure_logging

URL = "https://api.test/v1/things"


@pytest.fixture(autouse=True)
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_mod.random, "uniform", lambda low, high: high)


def client(waits: list[float], **kwargs) -> HttpClient:
    kwargs.setdefault("timeout", 5)
    kwargs.setdefault("user_agent", "agent-ads/test")
    return HttpClient(sleep=waits.append, **kwargs)


@responses.activate
@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried_then_succeed(status: int) -> None:
    responses.get(URL, status=status)
    responses.get(URL, json={"ok": True})
    waits: list[float] = []
    response = client(waits).request("GET", URL)
    assert response.status_code == 200 and len(responses.calls) == 2 and len(waits) == 1


@responses.activate
@pytest.mark.parametrize("status", [400, 401, 403, 404, 501])
def test_other_statuses_are_final(status: int) -> None:
    responses.get(URL, status=status)
    waits: list[float] = []
    assert client(waits).request("GET", URL).status_code == status
    assert len(responses.calls) == 1 and waits == []


@responses.activate
def test_backoff_is_exponential_capped_and_bounded_by_attempts() -> None:
    responses.get(URL, status=503)
    waits: list[float] = []
    response = client(waits, policy=RetryPolicy(attempts=6, backoff_base=0.5, backoff_cap=3)).request("GET", URL)
    assert response.status_code == 503 and len(responses.calls) == 6
    assert [round(w - 0.1, 6) for w in waits] == [0.5, 1.0, 2.0, 3.0, 3.0]


@responses.activate
def test_default_is_five_attempts() -> None:
    responses.get(URL, status=500)
    waits: list[float] = []
    client(waits).request("GET", URL)
    assert len(responses.calls) == 5 and len(waits) == 4


@responses.activate
def test_retry_after_seconds_is_honoured() -> None:
    responses.get(URL, status=429, headers={"Retry-After": "7"})
    responses.get(URL, status=200)
    waits: list[float] = []
    client(waits).request("GET", URL)
    assert waits == [pytest.approx(7.1)]


@responses.activate
def test_retry_after_http_date_is_honoured() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    responses.get(URL, status=503, headers={"Retry-After": when})
    responses.get(URL, status=200)
    waits: list[float] = []
    client(waits).request("GET", URL)
    assert 28 <= waits[0] <= 31


def test_retry_after_parsing() -> None:
    def resp(value: str | None) -> requests.Response:
        response = requests.Response()
        if value is not None:
            response.headers["Retry-After"] = value
        return response

    now = 1_700_000_000.0
    assert retry_after_seconds(resp("120")) == 120.0
    assert retry_after_seconds(resp(email.utils.formatdate(now + 90, usegmt=True)), now=now) == pytest.approx(90)
    assert retry_after_seconds(resp(email.utils.formatdate(now - 90, usegmt=True)), now=now) == 0.0
    assert retry_after_seconds(resp("soon")) is None and retry_after_seconds(resp(None)) is None


@responses.activate
def test_wait_beyond_the_deadline_is_not_slept() -> None:
    responses.get(URL, status=429, headers={"Retry-After": "3600"})
    waits: list[float] = []
    response = client(waits, policy=RetryPolicy(deadline_seconds=60)).request("GET", URL)
    assert response.status_code == 429 and waits == [] and len(responses.calls) == 1
    assert wait_advised(response, None) == 3600  # what the provider reads back to say when to return
    assert not hasattr(response, "retry_wait")  # nothing pinned onto the requests object


@responses.activate
def test_provider_advice_overrides_retry_after() -> None:
    responses.get(URL, status=429, headers={"Retry-After": "50", "x-reset": "2"})
    responses.get(URL, status=200)
    waits: list[float] = []
    def advise(response: requests.Response) -> RetryAdvice | None:
        return RetryAdvice(float(response.headers["x-reset"])) if "x-reset" in response.headers else None

    client(waits, advisor=advise).request("GET", URL)
    assert waits == [pytest.approx(2.1)]


@responses.activate
@pytest.mark.parametrize("exc", [requests.ConnectionError("refused"), requests.Timeout("slow")])
def test_connection_errors_and_timeouts_are_retried(exc: Exception) -> None:
    responses.get(URL, body=exc)
    responses.get(URL, json={})
    waits: list[float] = []
    assert client(waits).request("GET", URL).status_code == 200 and len(waits) == 1


@responses.activate
@pytest.mark.parametrize(("exc", "word"), [(requests.ConnectionError("refused"), "connection failed"),
                                           (requests.ReadTimeout("slow"), "timed out")])
def test_transport_failure_after_all_attempts_is_a_transport_error(exc: Exception, word: str) -> None:
    responses.get(URL, body=exc)
    waits: list[float] = []
    with pytest.raises(TransportError) as info:
        client(waits).request("GET", URL)
    assert word in info.value.message and "5 attempt" in info.value.message
    assert len(responses.calls) == 5 and info.value.exit_code() == 1


@responses.activate
def test_post_is_not_retried_unless_retry_safe() -> None:
    responses.post(URL, status=503)
    waits: list[float] = []
    assert client(waits).request("POST", URL, json={}).status_code == 503
    assert len(responses.calls) == 1 and waits == []
    responses.post(URL, body=requests.ConnectionError("refused"))
    with pytest.raises(TransportError):
        client(waits).request("POST", URL, json={})
    assert len(responses.calls) == 2


@responses.activate
def test_post_is_retried_when_retry_safe() -> None:
    responses.post(URL, status=503)
    responses.post(URL, json={"ok": 1})
    waits: list[float] = []
    assert client(waits).request("POST", URL, json={}, retry_safe=True).status_code == 200
    assert len(waits) == 1


@responses.activate
def test_request_id_from_the_providers_header() -> None:
    responses.get(URL, headers={"x-rid": "abc-1"})
    responses.get(URL)
    http = client([], request_id_header="x-rid")
    http.request("GET", URL)
    assert http.last_request_id == "abc-1"
    http.request("GET", URL)  # no id in the next answer keeps the last known one
    assert http.last_request_id == "abc-1"


@responses.activate
def test_user_agent_is_sent() -> None:
    responses.get(URL)
    client([], user_agent="agent-ads/1.0 agent-ads-acme/2.0").request("GET", URL)
    assert responses.calls[0].request.headers["User-Agent"] == "agent-ads/1.0 agent-ads-acme/2.0"


def test_run_context_user_agent_names_core_and_providers(registry_of) -> None:
    import argparse

    from agent_ads_core import __version__
    from agent_ads_core.context import RunContext

    registry = registry_of("acme")
    ctx = RunContext(registry, argparse.Namespace(api_base_url=None, api_version=None, timeout_seconds=None))
    assert ctx.user_agent() == f"agent-ads/{__version__} agent-ads-acme/1.2.3"
    http = ctx.for_provider("acme").http()
    assert http.session.headers["User-Agent"] == ctx.user_agent()
    assert http.timeout == 5.0 and http.request_id_header == "x-acme-rid"
    assert ctx.for_provider("acme").http() is http  # configured once per run
    assert type(http.auth).__name__ == "Bearer"  # from acme's AuthSpec.authenticator


class Auth:
    def __init__(self, refresh_ok: bool = True) -> None:
        self.token = "old-token"
        self.refreshes = 0
        self.refresh_ok = refresh_ok

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def should_refresh(self, response: requests.Response) -> bool:
        return response.status_code == 401

    def refresh(self) -> bool:
        self.refreshes += 1
        self.token = "new-token"
        return self.refresh_ok


@responses.activate
def test_401_refreshes_once_and_retries_once() -> None:
    responses.get(URL, status=401)
    responses.get(URL, json={})
    auth = Auth()
    assert client([], auth=auth).request("GET", URL).status_code == 200
    assert auth.refreshes == 1
    assert [c.request.headers["Authorization"] for c in responses.calls] == ["Bearer old-token", "Bearer new-token"]


@responses.activate
def test_401_after_refresh_is_final() -> None:
    responses.get(URL, status=401)
    auth = Auth()
    assert client([], auth=auth).request("GET", URL).status_code == 401
    assert auth.refreshes == 1 and len(responses.calls) == 2


@responses.activate
def test_no_auth_header_when_authenticate_false() -> None:
    responses.get(URL, status=401)
    auth = Auth()
    assert client([], auth=auth).request("GET", URL, authenticate=False).status_code == 401
    assert "Authorization" not in responses.calls[0].request.headers and auth.refreshes == 0


@pytest.fixture
def log_stream() -> io.StringIO:
    stream = io.StringIO()
    yield stream
    configure_logging(0, io.StringIO())


@responses.activate
def test_v_logs_method_path_status_and_ms(log_stream: io.StringIO) -> None:
    configure_logging(1, log_stream)
    responses.get(URL, status=404)
    client([]).request("GET", URL, params={"page_size": 5})
    line = log_stream.getvalue().strip()
    assert line.startswith("agent-ads: INFO: GET https://api.test/v1/things?page_size=5 404 ") and line.endswith("ms")
    assert "User-Agent" not in log_stream.getvalue()  # headers only at -vv


@responses.activate
def test_vv_logs_headers_with_secrets_redacted(log_stream: io.StringIO) -> None:
    configure_logging(2, log_stream)
    responses.get(URL)
    responses.post(URL)
    http = client([], auth=Auth())
    http.request("GET", URL, params={"access_token": "qs-secret-1", "client_secret": "qs-secret-2", "q": "visible"})
    http.request("POST", URL, data={"refresh_token": "form-secret-3", "grant_type": "refresh_token"},
                 basic_auth=("app-id", "basic-secret-4"), retry_safe=True)
    text = log_stream.getvalue()
    assert "request headers:" in text and "'Authorization': '***'" in text and "User-Agent" in text
    assert "q=visible" in text and "grant_type" in text
    for secret in ("old-token", "qs-secret-1", "qs-secret-2", "form-secret-3", "basic-secret-4"):
        assert secret not in text
    assert logging.getLogger("agent_ads").level == logging.DEBUG


def test_timeout_bounds_the_whole_answer_not_each_read() -> None:
    """Issue 9, point 10: a body trickled a byte at a time fails at --timeout-seconds."""
    import socket
    import threading

    from agent_ads_core.errors import TransportError
    from agent_ads_core.http import HttpClient, RetryPolicy

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n")
        for _ in range(400):  # 400 bytes, each well inside the read timeout: 20 s in all
            if stop.wait(0.05):
                break
            try:
                conn.sendall(b" ")
            except OSError:
                break
        conn.close()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    client = HttpClient(timeout=0.5, user_agent="t", policy=RetryPolicy(attempts=1))
    try:
        with pytest.raises(TransportError, match="timed out"):
            client.request("GET", f"http://127.0.0.1:{server.getsockname()[1]}/slow")
    finally:
        stop.set()
        server.close()


@responses.activate
def test_an_answer_over_the_size_cap_is_refused() -> None:
    from agent_ads_core.errors import TransportError

    responses.get("https://api.test/big", body=b"x" * (3 * 2**20))
    client = HttpClient(timeout=5, user_agent="t", max_body_bytes=2**20)
    with pytest.raises(TransportError, match="over 1 MB"):
        client.request("GET", "https://api.test/big")


class _SigningAuth:
    """An authenticator that signs every request in the query, as some APIs want."""

    def headers(self) -> dict[str, str]:
        return {"Authorization": "Bearer t0ken-value"}

    def params(self) -> dict[str, str]:
        return {"signature_proof": "abc123"}

    def should_refresh(self, response: requests.Response) -> bool:
        return False

    def refresh(self) -> bool:
        return False


@responses.activate
@pytest.mark.parametrize("params", [None, {"q": "1"}, [("q", "1")]])
def test_authenticator_params_join_every_authenticated_request(params) -> None:
    responses.get(URL, json={})
    client([], auth=_SigningAuth()).request("GET", URL, params=params)
    query = responses.calls[0].request.params
    assert query["signature_proof"] == "abc123"
    assert query.get("q") == (None if params is None else "1")


@responses.activate
def test_authenticator_params_stay_off_unauthenticated_requests() -> None:
    responses.get(URL, json={})
    client([], auth=_SigningAuth()).request("GET", URL, authenticate=False)
    assert "signature_proof" not in responses.calls[0].request.url


@responses.activate
def test_an_advisor_can_declare_a_retryable_status_final() -> None:
    responses.get(URL, status=500, json={"error": "too much data"})
    waits: list[float] = []
    final = http_mod.RetryAdvice(0.0, "too much data", final=True)
    response = client(waits, advisor=lambda r: final).request("GET", URL)
    assert response.status_code == 500 and len(responses.calls) == 1 and waits == []
