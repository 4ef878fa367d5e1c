"""The refresh-token exchange: ``auth refresh`` and the automatic refresh on a 401, against a mocked API.

Credentials live in a plaintext file keyring under tmp_path (``isolated_env``), never the real keychain.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import parse_qs

import pytest
import responses

ACCOUNT = "549755885175"
TOKEN_URL = "https://api.test/v5/oauth/token"
CAMPAIGNS_URL = f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns"
APP_ID, APP_SECRET = "app-id-1", "app-secret-1"
OLD_REFRESH, NEW_ACCESS, NEW_REFRESH = "old-refresh-token", "new-access-token", "new-refresh-token"
TOKEN_BODY = {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH, "token_type": "bearer", "expires_in": 2592000,
              "refresh_token_expires_in": 31536000, "scope": "ads:read,user_accounts:read"}
EXPIRED = {"code": 2, "message": "Authentication failed."}
REFRESH_ENV = {"PINTEREST_ADS_APP_ID": APP_ID, "PINTEREST_ADS_APP_SECRET": APP_SECRET,
               "PINTEREST_ADS_REFRESH_TOKEN": OLD_REFRESH}


@pytest.fixture
def cli(isolated_env, run_cli):
    """run_cli with a file keyring: isolated_env first (it clears PINTEREST_ADS_*), then run_cli's token and URL."""
    return run_cli


@pytest.fixture
def refresh_env(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in REFRESH_ENV.items():
        monkeypatch.setenv(name, value)


def stored() -> dict[str, str]:
    import keyring

    raw = keyring.get_password("agent-ads", "pinterest")
    return json.loads(raw) if raw else {}


def store(values: dict[str, str]) -> None:
    import keyring

    keyring.set_password("agent-ads", "pinterest", json.dumps(values))


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def form(call: responses.Call) -> dict[str, list[str]]:
    body = call.request.body
    return parse_qs(body.decode() if isinstance(body, bytes) else body)


def calls_to(mock: responses.RequestsMock, url: str) -> list[responses.Call]:
    return [call for call in mock.calls if call.request.url.split("?")[0] == url]


def stderr_lines(stderr: str) -> list[dict]:
    return [json.loads(line) for line in stderr.strip().splitlines()]


# -- auth refresh ------------------------------------------------------------------------


@pytest.mark.usefixtures("refresh_env")
def test_auth_refresh_posts_the_refresh_grant_and_stores_rotated_tokens(cli, mocked_api) -> None:
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY, headers={"x-pinterest-rid": "rid-oauth"})
    result = cli("pinterest", "auth", "refresh")
    assert result.code == 0, result.stderr
    assert len(mocked_api.calls) == 1
    request = mocked_api.calls[0].request
    assert request.method == "POST" and request.url == TOKEN_URL
    assert request.headers["Authorization"] == basic(APP_ID, APP_SECRET)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form(mocked_api.calls[0]) == {"grant_type": ["refresh_token"], "refresh_token": [OLD_REFRESH]}
    assert stored() == {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH}
    data = result.json()
    assert data["refreshed"] is True and data["stored_in"] == "keyrings.alt PlaintextKeyring"
    assert data["refresh_token_rotated"] is True
    assert data["scope"] == TOKEN_BODY["scope"] and data["expires_in"] == 2592000
    assert data["expires_at"].endswith("Z") and data["expires_at"][:2] == "20"
    for secret in (NEW_ACCESS, NEW_REFRESH, OLD_REFRESH, APP_SECRET):
        assert secret not in result.stdout and secret not in result.stderr


def test_auth_refresh_with_credentials_from_the_keyring(cli, mocked_api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PINTEREST_ADS_ACCESS_TOKEN")
    store({"app_id": APP_ID, "app_secret": APP_SECRET, "refresh_token": OLD_REFRESH, "access_token": "old-access"})
    mocked_api.post(TOKEN_URL, json={**TOKEN_BODY, "refresh_token": None})  # no rotation this time
    result = cli("pinterest", "auth", "refresh")
    assert result.code == 0, result.stderr
    assert form(mocked_api.calls[0])["refresh_token"] == [OLD_REFRESH]
    assert stored() == {"app_id": APP_ID, "app_secret": APP_SECRET, "refresh_token": OLD_REFRESH,
                        "access_token": NEW_ACCESS}
    assert result.json()["refresh_token_rotated"] is False


@pytest.mark.usefixtures("refresh_env")
def test_auth_refresh_honours_the_sandbox_host(cli, mocked_api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PINTEREST_ADS_API_BASE_URL")
    mocked_api.post("https://api-sandbox.pinterest.com/v5/oauth/token", json=TOKEN_BODY)
    monkeypatch.setenv("PINTEREST_ADS_SANDBOX", "1")
    assert cli("pinterest", "auth", "refresh").code == 0
    assert mocked_api.calls[0].request.url == "https://api-sandbox.pinterest.com/v5/oauth/token"


@pytest.mark.usefixtures("refresh_env")
def test_auth_refresh_refuses_without_a_usable_credential_store(cli, mocked_api,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core.init_backend()
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    result = cli("pinterest", "auth", "refresh")
    assert result.code == 2
    error = result.error()
    assert error["type"] == "config" and "no usable credential store" in error["message"]
    assert len(mocked_api.calls) == 0  # the refresh token was not burnt


def test_auth_refresh_names_the_missing_env_vars(cli, mocked_api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_ADS_APP_ID", APP_ID)
    result = cli("pinterest", "auth", "refresh")
    assert result.code == 2
    error = result.error()
    assert error["type"] == "auth"
    assert "app_secret" in error["message"] and "refresh_token" in error["message"]
    assert "PINTEREST_ADS_APP_SECRET" in error["hint"] and "PINTEREST_ADS_REFRESH_TOKEN" in error["hint"]
    assert "PINTEREST_ADS_APP_ID" not in error["hint"]
    assert len(mocked_api.calls) == 0


@pytest.mark.usefixtures("refresh_env")
def test_auth_refresh_rejected_by_the_api_exits_6(cli, mocked_api) -> None:
    mocked_api.post(TOKEN_URL, status=401, json={"code": 1, "message": "Invalid refresh token."},
                    headers={"x-pinterest-rid": "rid-bad"})
    result = cli("pinterest", "auth", "refresh")
    assert result.code == 6
    error = result.error()
    assert (error["type"], error["http_status"], error["request_id"]) == ("auth", 401, "rid-bad")
    assert stored() == {}


@pytest.mark.usefixtures("refresh_env")
def test_oauth_post_is_never_retried_on_5xx(cli, mocked_api) -> None:
    mocked_api.post(TOKEN_URL, status=503, json={"code": 12, "message": "unavailable"})
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    result = cli("pinterest", "auth", "refresh")
    assert result.code == 6
    assert result.error()["http_status"] == 503
    assert len(mocked_api.calls) == 1
    assert stored() == {}


# -- automatic refresh on 401 -----------------------------------------------------------------


@pytest.mark.usefixtures("refresh_env")
def test_401_code_2_refreshes_once_then_retries_with_the_new_token(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED)
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    mocked_api.get(CAMPAIGNS_URL, json={"items": [{"id": "1"}], "bookmark": None})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 0, result.stderr
    assert result.json() == [{"id": "1"}]
    assert [call.request.method for call in mocked_api.calls] == ["GET", "POST", "GET"]
    first, oauth, retry = mocked_api.calls
    assert first.request.headers["Authorization"] == "Bearer test-access-token"
    assert oauth.request.url == TOKEN_URL and "Bearer" not in oauth.request.headers["Authorization"]
    assert retry.request.headers["Authorization"] == f"Bearer {NEW_ACCESS}"
    assert retry.request.url == first.request.url
    assert stored() == {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH}
    assert NEW_ACCESS not in result.stderr


@pytest.mark.usefixtures("refresh_env")
def test_a_second_401_after_refreshing_is_final(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED)
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6
    assert len(calls_to(mocked_api, TOKEN_URL)) == 1
    assert len(calls_to(mocked_api, CAMPAIGNS_URL)) == 2


@pytest.mark.usefixtures("refresh_env")
def test_401_with_another_code_is_not_refreshed(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json={"code": 3, "message": "Authorization failed."})
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6
    assert result.error()["code"] == 3
    assert calls_to(mocked_api, TOKEN_URL) == []


def test_401_without_refresh_credentials_is_an_api_auth_error(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED, headers={"x-pinterest-rid": "rid-401"})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6
    assert result.stdout == ""
    error = result.error()
    assert (error["type"], error["http_status"], error["code"], error["request_id"]) == ("auth", 401, 2, "rid-401")
    assert "auth set" in error["hint"] and "auth refresh" not in error["hint"]
    assert len(mocked_api.calls) == 1


@pytest.mark.usefixtures("refresh_env")
def test_failed_automatic_refresh_warns_before_the_error(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED)
    mocked_api.post(TOKEN_URL, status=400, json={"code": 1, "message": "Invalid refresh token."})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6
    lines = stderr_lines(result.stderr)
    assert len(lines) == 2
    assert lines[0]["warning"].startswith("automatic token refresh failed")
    assert "Invalid refresh token." in lines[0]["warning"]
    assert lines[1]["error"]["http_status"] == 401  # the original refusal is what is reported
    assert [call.request.method for call in mocked_api.calls] == ["GET", "POST"]
    assert stored() == {}


@pytest.mark.usefixtures("refresh_env")
def test_automatic_refresh_oauth_5xx_is_not_retried(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED)
    mocked_api.post(TOKEN_URL, status=503, json={"code": 12, "message": "unavailable"})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6
    assert len(calls_to(mocked_api, TOKEN_URL)) == 1
    assert "automatic token refresh failed" in stderr_lines(result.stderr)[0]["warning"]


@pytest.fixture
def no_store(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    keyring.core.init_backend()


@pytest.mark.usefixtures("refresh_env", "no_store")
def test_without_a_store_an_expired_token_is_not_refreshed_and_the_hint_says_what_to_do(cli, mocked_api) -> None:
    """Refreshing would burn the env refresh token: its rotated successor could not be kept anywhere."""
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED, headers={"x-pinterest-rid": "rid-expired"})
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6 and result.stdout == ""
    error = result.error()
    assert (error["type"], error["http_status"], error["request_id"]) == ("auth", 401, "rid-expired")
    assert "not refreshed" in error["message"] and "credential store" in error["message"]
    assert "auth set" in error["hint"] and "PINTEREST_ADS_REFRESH_TOKEN" in error["hint"]
    assert calls_to(mocked_api, TOKEN_URL) == []


@pytest.mark.usefixtures("refresh_env", "no_store")
def test_doctor_api_without_a_store_pings_with_the_access_token_and_reports_the_skipped_refresh(
        cli, mocked_api) -> None:
    mocked_api.get("https://api.test/v5/ad_accounts", json={"items": [{"id": ACCOUNT}], "bookmark": None})
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    result = cli("pinterest", "doctor", "--api")
    assert result.code == 0, result.stderr
    api = next(c for c in result.json()["checks"] if c["name"] == "api")
    assert api["ok"] is True and api["refreshed"] is False
    assert "credential store" in api["refresh_skipped"] and "refresh skipped" in api["detail"]
    assert calls_to(mocked_api, TOKEN_URL) == []
    assert mocked_api.calls[0].request.headers["Authorization"] == "Bearer test-access-token"


@pytest.mark.parametrize("body", [["Unauthorized"], "Unauthorized"])
def test_401_with_a_body_that_is_not_an_object_is_an_auth_error(cli, mocked_api, body) -> None:
    """A gateway may answer 401 with any JSON; it must not crash the refresh decision."""
    mocked_api.get(CAMPAIGNS_URL, status=401, json=body)
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6, result.stderr
    assert result.error()["type"] == "auth" and result.error()["http_status"] == 401


@pytest.mark.usefixtures("refresh_env")
def test_401_with_a_body_that_is_not_an_object_still_refreshes(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json=["Unauthorized"])
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    mocked_api.get(CAMPAIGNS_URL, json={"items": [], "bookmark": None})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 0, result.stderr
    assert mocked_api.calls[2].request.headers["Authorization"] == f"Bearer {NEW_ACCESS}"


@pytest.mark.usefixtures("refresh_env")
def test_a_401_mid_all_after_another_process_refreshed_uses_the_stored_token_without_refreshing(
        cli, mocked_api) -> None:
    from agent_ads_core.credentials import CredentialStore
    from agent_ads_pinterest import plugin

    specs: list = []
    plugin.register_auth(specs.append)

    def first_page_while_another_process_refreshes(request):
        CredentialStore(specs[0], {}).save({"access_token": "other-access", "refresh_token": "other-refresh"},
                                           replaced={"access_token": "test-access-token",
                                                     "refresh_token": OLD_REFRESH})
        return 200, {}, json.dumps({"items": [{"id": "1"}], "bookmark": "b1"})

    mocked_api.add_callback(responses.GET, CAMPAIGNS_URL, callback=first_page_while_another_process_refreshes)
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED)
    mocked_api.get(CAMPAIGNS_URL, json={"items": [{"id": "2"}], "bookmark": None})
    mocked_api.post(TOKEN_URL, json=TOKEN_BODY)
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all")
    assert result.code == 0, result.stderr
    assert [item["id"] for item in result.json()] == ["1", "2"]
    assert calls_to(mocked_api, TOKEN_URL) == []
    assert mocked_api.calls[2].request.headers["Authorization"] == "Bearer other-access"
    assert stored()["refresh_token"] == "other-refresh"
