"""Every line agent-ads writes passes one redaction step: errors, warnings, doctor details, meta, logs.

The mocked API plays a proxy or gateway that echoes the request it received (headers,
form, query) in its error body, in the encodings such echoes use.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import quote, quote_plus

import pytest

from agent_ads_core.redaction import MASK, redact, redact_data, register_basic, register_secret

ACCOUNT = "549755885175"
TOKEN_URL = "https://api.test/v5/oauth/token"
CAMPAIGNS_URL = f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns"
ACCOUNTS_URL = "https://api.test/v5/ad_accounts"
ACCESS = "acc/tok+en=\"quoted\"-1"
APP_ID, APP_SECRET, REFRESH = "app-id-77", "app-secret-77", "refresh tok/en-77"
BASIC = base64.b64encode(f"{APP_ID}:{APP_SECRET}".encode()).decode()
EXPIRED = {"code": 2, "message": "Authentication failed."}


def echoes(*values: str) -> str:
    """How a gateway might quote what it received."""
    return " | ".join(form for v in values for form in (v, repr(v), json.dumps(v), quote(v, safe=""), quote_plus(v)))


def assert_clean(text: str) -> None:
    for value in (ACCESS, APP_SECRET, REFRESH, BASIC, quote(ACCESS, safe=""), quote_plus(REFRESH),
                  repr(ACCESS)[1:-1], json.dumps(ACCESS)[1:-1]):
        assert value not in text, value


@pytest.fixture
def cli(isolated_env, run_cli, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PINTEREST_ADS_ACCESS_TOKEN", f"  {ACCESS}\n")  # pasted with whitespace: stripped
    monkeypatch.setenv("PINTEREST_ADS_APP_ID", APP_ID)
    monkeypatch.setenv("PINTEREST_ADS_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("PINTEREST_ADS_REFRESH_TOKEN", REFRESH)
    return run_cli


def test_an_error_body_echoing_the_request_is_masked_in_the_error(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=400, json={"code": 1, "message": "bad request: " + echoes(
        f"Bearer {ACCESS}", ACCESS)})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6 and MASK in result.error()["message"]
    assert_clean(result.stderr)
    assert mocked_api.calls[0].request.headers["Authorization"] == f"Bearer {ACCESS}"  # sent stripped


def test_a_failed_refresh_echoing_basic_auth_and_the_form_is_masked_in_the_warning(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, status=401, json=EXPIRED)
    mocked_api.post(TOKEN_URL, status=400, json={"code": 1, "message": "rejected: " + echoes(
        f"Basic {BASIC}", f"grant_type=refresh_token&refresh_token={quote_plus(REFRESH)}")})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT)
    assert result.code == 6
    warning = json.loads(result.stderr.splitlines()[0])["warning"]
    assert warning.startswith("automatic token refresh failed") and MASK in warning
    assert_clean(result.stderr)


def test_doctor_details_are_masked(cli, mocked_api) -> None:
    mocked_api.post(TOKEN_URL, status=400, json={"code": 1, "message": echoes(REFRESH, APP_SECRET)})
    result = cli("pinterest", "doctor", "--api", "-vv")
    api = next(c for c in result.json()["checks"] if c["name"] == "api")
    assert api["ok"] is False and MASK in api["detail"]
    assert_clean(result.stdout + result.stderr)


def test_include_meta_and_envelope_are_masked(cli, mocked_api) -> None:
    mocked_api.get(CAMPAIGNS_URL, json={"items": [{"id": "1"}], "bookmark": ACCESS})
    result = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--include-meta")
    assert result.code == 0 and MASK in result.stderr
    assert_clean(result.stderr)
    enveloped = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--envelope")
    assert_clean(json.dumps(json.loads(enveloped.stdout)["paging"]))


def test_redact_masks_every_common_encoding() -> None:
    secret = 'pa"ss\\word/+= é-secret'
    register_secret(secret + "\n")
    register_basic("someone", secret)
    for form in (secret, repr(secret)[1:-1], json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
                 quote(secret, safe=""), quote_plus(secret),
                 base64.b64encode(f"someone:{secret}".encode()).decode()):
        assert secret not in redact(f"x {form} y") and MASK in redact(f"x {form} y"), form
    assert redact_data({"k": [f"v {secret}"], secret: 1}) == {"k": [f"v {MASK}"], MASK: 1}
    assert redact("short abc") == "short abc"
