"""Pinterest's error answers: retry advice, the core errors they become, and retries through the CLI."""

from __future__ import annotations

import calendar
import json
import re
import time
from types import SimpleNamespace

import pytest
import requests
import responses

from agent_ads_core.errors import ApiError, AuthError
from agent_ads_core.http import HttpClient
from agent_ads_pinterest.errors import advise, raise_for_response

ACCOUNT = "549755885175"
CAMPAIGNS_URL = f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns"
LIST = ("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
# What raise_for_response reads of a ProviderContext: the name and declared facts.
TOKEN_SPEC = SimpleNamespace(env_var=lambda name: "PINTEREST_ADS_ACCESS_TOKEN")
CTX = SimpleNamespace(name="pinterest", info=SimpleNamespace(request_id_header="x-pinterest-rid"),
                      credentials=SimpleNamespace(spec=TOKEN_SPEC))
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def response(status: int, body: object = None, headers: dict[str, str] | None = None) -> requests.Response:
    made = requests.Response()
    made.status_code = status
    made._content = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    made.headers.update(headers or {})
    return made


@pytest.fixture(autouse=True)
def _no_keychain(isolated_env) -> None:
    """A file keyring under tmp_path: nothing here may reach the real keychain."""


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the HTTP client's waits instead of sleeping them."""
    waited: list[float] = []
    monkeypatch.setitem(HttpClient.__init__.__kwdefaults__, "sleep", waited.append)
    return waited


# -- retry advice ----------------------------------------------------------------------
def retry_advice(response: requests.Response) -> float | None:
    advice = advise(response)
    return None if advice is None else advice.wait_seconds



def test_429_without_retry_after_waits_for_the_rate_limit_reset() -> None:
    assert retry_advice(response(429, {"code": 8}, {"x-ratelimit-reset": "12"})) == 12.0


@pytest.mark.parametrize(("retry_after", "reset", "wait"), [("5", "12", 12.0), ("30", "12", 30.0), ("7", None, 7.0)])
def test_when_retry_after_and_the_reset_disagree_the_longer_wait_wins(retry_after, reset, wait) -> None:
    headers = {"Retry-After": retry_after, **({"x-ratelimit-reset": reset} if reset else {})}
    assert retry_advice(response(429, {"code": 8}, headers)) == wait


@pytest.mark.parametrize("garbage", ["nan", "inf", "1e309", "-5", "soon", "١٢"])
def test_rate_limit_headers_that_are_no_finite_number_count_as_absent(garbage: str) -> None:
    assert retry_advice(response(429, {"code": 8}, {"x-ratelimit-reset": garbage, "Retry-After": garbage})) is None
    error = raised(response(429, {"code": 8, "message": "slow down"}, {"x-ratelimit-reset": garbage}))
    assert error.type == "api" and error.message == "slow down"


def test_the_rate_limit_hint_states_the_longer_wait() -> None:
    headers = {"Retry-After": "300", "x-ratelimit-reset": "60"}
    error = raised(response(429, {"code": 8, "message": "slow down"}, headers))
    assert "resets in 300s" in error.message


def test_429_without_any_header_gives_no_advice() -> None:
    assert retry_advice(response(429, {"code": 8})) is None


def test_429_with_garbled_reset_gives_no_advice() -> None:
    assert retry_advice(response(429, {}, {"x-ratelimit-reset": "soon"})) is None


@pytest.mark.parametrize(("message", "expected"), [
    ("Retry after 3 seconds.", 3.0),
    ("Too many requests. retry after 1 second", 1.0),
    ("Please RETRY AFTER 2.5 seconds", 2.5),
])
def test_400_asking_to_retry_after_n_seconds(message: str, expected: float) -> None:
    assert retry_advice(response(400, {"code": 1, "message": message})) == expected


@pytest.mark.parametrize("body", [{"code": 1, "message": "Invalid parameters."}, b"not json", [1, 2], None])
def test_other_400s_give_no_advice(body) -> None:
    assert retry_advice(response(400, body)) is None


@pytest.mark.parametrize("status", [200, 404, 500, 503])
def test_other_statuses_give_no_advice(status: int) -> None:
    assert retry_advice(response(status, {"message": "Retry after 3 seconds."}, {"x-ratelimit-reset": "9"})) is None


# -- raise_for_response ----------------------------------------------------------------


def raised(made: requests.Response) -> Exception:
    with pytest.raises((ApiError, AuthError)) as info:
        raise_for_response(CTX, made, "campaigns/list")
    return info.value


def test_2xx_and_3xx_raise_nothing() -> None:
    raise_for_response(CTX, response(200, {}), "x")
    raise_for_response(CTX, response(304), "x")


def test_401_is_an_auth_error_that_exits_with_the_provider_code() -> None:
    error = raised(response(401, {"code": 2, "message": "Authentication failed."}, {"x-pinterest-rid": "rid-1"}))
    assert isinstance(error, AuthError)
    assert (error.http_status, error.code, error.request_id, error.provider) == (401, 2, "rid-1", "pinterest")
    assert error.message == "Authentication failed."
    assert "re-authorise" in error.hint and "auth refresh" not in error.hint
    assert error.exit_code({"pinterest": 6}) == 6


def test_provider_declares_exit_code_6(monkeypatch: pytest.MonkeyPatch) -> None:
    from agent_ads_core.plugins import Registry

    monkeypatch.setenv("AGENT_ADS_PROVIDERS", "pinterest")
    codes = Registry().load().exit_codes()
    assert codes["pinterest"] == 6
    assert raised(response(404, {"code": 3, "message": "nope"})).exit_code(codes) == 6


def test_daily_quota_429_says_when_it_resets() -> None:
    made = response(429, {"code": 8, "message": "Daily quota exceeded."}, {"x-ratelimit-reset": "18000"})
    before = time.time()
    error = raised(made)
    assert isinstance(error, ApiError) and error.http_status == 429 and error.code == 8
    assert "resets in 18000s" in error.message
    when = ISO_TIME.search(error.message).group(0)
    assert abs(calendar.timegm(time.strptime(when, "%Y-%m-%dT%H:%M:%SZ")) - (before + 18000)) <= 2
    assert error.hint == f"retry after {when}"


def test_429_without_reset_uses_the_core_retry_wait() -> None:
    error = raised(response(429, {"code": 8, "message": "Too many requests."}, {"Retry-After": "600"}))
    assert "resets in 600s" in error.message and ISO_TIME.search(error.hint)


def test_429_with_nothing_to_go_on_keeps_the_message() -> None:
    error = raised(response(429, {"code": 8, "message": "Too many requests."}))
    assert error.message == "Too many requests." and error.hint is None


def test_non_429_retry_wait_beyond_the_deadline_becomes_a_hint() -> None:
    error = raised(response(400, {"code": 1, "message": "Retry after 300 seconds."}))
    assert error.hint and "300s" in error.hint


def test_5xx_keeps_pinterest_code() -> None:
    error = raised(response(503, {"code": 12, "message": "Service unavailable."}, {"x-pinterest-rid": "rid-5"}))
    assert isinstance(error, ApiError)
    assert (error.http_status, error.code, error.request_id) == (503, 12, "rid-5")


def test_error_without_a_json_body_names_the_status_and_operation() -> None:
    error = raised(response(502, b"<html>Bad gateway</html>"))
    assert error.message == "HTTP 502 from campaigns/list" and error.code is None


# -- retries through the CLI --------------------------------------------------------------


def test_429_with_rate_limit_reset_is_retried_after_the_reset(run_cli, mocked_api, sleeps) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=429, json={"code": 8, "message": "slow down"},
                   headers={"x-ratelimit-reset": "7"})
    mocked_api.get(CAMPAIGNS_URL, json={"items": [{"id": "1"}], "bookmark": None})
    result = run_cli(*LIST)
    assert result.code == 0, result.stderr
    assert result.json() == [{"id": "1"}]
    assert len(mocked_api.calls) == 2
    assert mocked_api.calls[0].request.url == mocked_api.calls[1].request.url
    assert len(sleeps) == 1 and 7 <= sleeps[0] <= 7.1


def test_400_retry_after_message_is_retried(run_cli, mocked_api, sleeps) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=400, json={"code": 1, "message": "Retry after 3 seconds."})
    mocked_api.get(CAMPAIGNS_URL, json={"items": [], "bookmark": None})
    result = run_cli(*LIST)
    assert result.code == 0, result.stderr
    assert len(mocked_api.calls) == 2
    assert len(sleeps) == 1 and 3 <= sleeps[0] <= 3.1


def test_429_really_waits_a_tiny_reset(run_cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=429, json={"code": 8}, headers={"x-ratelimit-reset": "0.01"})
    mocked_api.get(CAMPAIGNS_URL, json={"items": [{"id": "1"}], "bookmark": None})
    result = run_cli(*LIST)
    assert result.code == 0, result.stderr
    assert len(mocked_api.calls) == 2


def test_daily_quota_beyond_the_deadline_fails_at_once(run_cli, mocked_api, sleeps) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=429, json={"code": 8, "message": "Daily quota exceeded."},
                   headers={"x-ratelimit-reset": "18000", "x-pinterest-rid": "rid-q"})
    result = run_cli(*LIST)
    assert result.code == 6
    assert sleeps == [] and len(mocked_api.calls) == 1
    error = result.error()
    assert error["http_status"] == 429 and error["request_id"] == "rid-q"
    assert "resets in 18000s" in error["message"] and ISO_TIME.search(error["hint"])


def test_5xx_is_retried_then_reported_with_its_code(run_cli, mocked_api, sleeps) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=503, json={"code": 12, "message": "Service unavailable."},
                   headers={"x-pinterest-rid": "rid-503"})
    result = run_cli(*LIST)
    assert result.code == 6
    assert len(mocked_api.calls) == 5 and len(sleeps) == 4  # the core's attempt limit
    error = result.error()
    assert (error["type"], error["http_status"], error["code"], error["request_id"]) == ("api", 503, 12, "rid-503")


def test_5xx_then_success(run_cli, mocked_api, sleeps) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=500, json={"code": 12})
    mocked_api.get(CAMPAIGNS_URL, json={"items": [{"id": "9"}], "bookmark": None})
    result = run_cli(*LIST)
    assert result.code == 0 and result.json() == [{"id": "9"}]
    assert len(mocked_api.calls) == 2 and len(sleeps) == 1


def test_plain_400_is_not_retried(run_cli, mocked_api, sleeps) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=400, json={"code": 1, "message": "Invalid ad account id."})
    result = run_cli(*LIST)
    assert result.code == 6
    assert len(mocked_api.calls) == 1 and sleeps == []
    assert result.error()["message"] == "Invalid ad account id."


def test_a_success_that_is_not_json_is_a_transport_error(run_cli, mocked_api) -> None:
    mocked_api.add(responses.GET, "https://api.test/v5/ad_accounts", body="<html>portal</html>", status=200,
                   content_type="text/html")
    result = run_cli("pinterest", "ad-accounts", "list")
    assert result.code == 1 and result.stdout == ""
    error = result.error()
    assert error["type"] == "transport" and "text/html" in error["message"]


@pytest.mark.parametrize("body", [{"items": {"id": "1"}}, {"items": "1,2"}, {"items": 3}, ["not", "an", "object"]])
def test_a_list_answer_whose_items_is_not_a_list_is_refused_naming_the_endpoint(run_cli, mocked_api, body) -> None:
    mocked_api.get(CAMPAIGNS_URL, json=body, headers={"x-pinterest-rid": "rid-shape"})
    result = run_cli(*LIST)
    assert result.code == 1 and result.stdout == ""
    error = result.error()
    assert error["type"] == "transport" and error["request_id"] == "rid-shape"
    assert error["message"].startswith("GET /v5/ad_accounts/{ad_account_id}/campaigns answered with ")
    assert "not a list" in error["message"] or "not an object" in error["message"]


def test_a_list_answer_without_items_is_an_empty_page(run_cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, json={"items": None, "bookmark": None})
    result = run_cli(*LIST)
    assert result.code == 0 and json.loads(result.stdout) == []


@pytest.mark.parametrize(("url", "args", "body"), [
    (f"https://api.test/v5/ad_accounts/{ACCOUNT}/analytics", ("analytics", "query", "--level", "ad_account"),
     {"DATE": "2024-06-01"}),
    (f"https://api.test/v5/ad_accounts/{ACCOUNT}/targeting_analytics",
     ("targeting-analytics", "query", "--level", "ad_account", "--targeting-type", "GENDER"), {"data": {"x": 1}}),
])
def test_analytics_rows_that_are_not_a_list_are_refused_naming_the_endpoint(run_cli, mocked_api, url, args,
                                                                            body) -> None:
    mocked_api.get(url, json=body)
    today = time.strftime("%Y-%m-%d", time.gmtime())
    result = run_cli("pinterest", *args, "--ad-account-id", ACCOUNT, "--start-date", today, "--end-date", today,
                     "--columns", "SPEND_IN_DOLLAR", "--granularity", "DAY")
    assert result.code == 1 and result.stdout == ""
    error = result.error()
    assert error["type"] == "transport" and "not a list" in error["message"]
    assert error["message"].startswith(f"GET /v5/ad_accounts/{{ad_account_id}}/{url.rsplit('/', 1)[1]} answered")
