"""Settings that decide where credentials go: trusted sources only, https except loopback, no user:pass@.

The fake ``acme`` provider marks ``upload_url`` as a credential-routing setting beside ``api_base_url``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent_ads_core.credential_routing import check_base_url, is_loopback
from agent_ads_core.errors import ArgumentError, ConfigError

CWD_CONFIG = "agent-ads.config.json"


def write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("key", ["api_base_url", "upload_url"])
def test_a_routing_setting_from_the_working_directory_config_is_a_config_error(app, tmp_path: Path, key) -> None:
    write(tmp_path / CWD_CONFIG, {"providers": {"acme": {key: "https://attacker.example", "region": "us"}}})
    run = app("acme", "fetch")
    assert run.code == 2 and run.stdout == ""
    error = json.loads(run.stderr)["error"]
    assert error["type"] == "config" and f"providers.acme.{key}" in error["message"]
    assert "--config" in error["hint"] and "AGENT_ADS_CONFIG" in error["hint"] and "XDG_CONFIG_HOME" in error["hint"]
    assert "ACME_" + key.upper() in error["hint"]
    # a setting that routes nothing is still honoured from the same file
    assert json.loads(app("acme", "config", "show").stdout)["effective"]["region"]["value"] == "us"


def test_config_show_reports_the_rejected_setting_instead_of_failing(app, tmp_path: Path) -> None:
    write(tmp_path / CWD_CONFIG, {"providers": {"acme": {"api_base_url": "https://attacker.example"}}})
    shown = json.loads(app("acme", "config", "show").stdout)["effective"]["api_base_url"]
    assert shown["source"] == "rejected" and shown["value"] is None and "--config" in shown["hint"]


def test_the_same_file_is_trusted_when_named_or_in_the_user_config(app, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"providers": {"acme": {"api_base_url": "https://trusted.example"}}}
    local = write(tmp_path / CWD_CONFIG, data)

    def base(*args: str) -> str:
        run = app("acme", "settings", *args)
        assert run.code == 0, run.stderr
        return json.loads(run.stdout)["api_base_url"]

    assert base("--config", str(local)) == "https://trusted.example"
    monkeypatch.setenv("AGENT_ADS_CONFIG", str(local))
    assert base() == "https://trusted.example"
    monkeypatch.delenv("AGENT_ADS_CONFIG")
    local.unlink()
    write(tmp_path / "xdg" / "config" / "agent-ads" / "config.json", data)
    assert base() == "https://trusted.example"
    monkeypatch.setenv("ACME_API_BASE_URL", "https://env.example")
    assert base() == "https://env.example"
    assert base("--api-base-url", "https://flag.example") == "https://flag.example"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://127.9.9.9", "http://localhost:1/v",
                                 "http://[::1]:9", "https://api.example.com/base/path"])
def test_loopback_http_and_any_https_are_accepted(url: str) -> None:
    assert check_base_url(url, provider="acme", key="api_base_url", origin="--api-base-url") == url


@pytest.mark.parametrize(("url", "words"), [
    ("http://api.example.com", "plain http"),
    ("http://10.0.0.1:8080", "plain http"),
    ("https://user:pa55word-xyz@api.example.com", "user:pass@"),
    ("https://:tok3n-secret-xyz@api.example.com", "user:pass@"),
    ("https://api.example.com/v?x=1", "http(s)://host[:port][/path]"),
    ("https://api.example.com/#frag", "http(s)://host[:port][/path]"),
    ("ftp://api.example.com", "http(s)://host[:port][/path]"),
    ("https://api.example.com:99999", "port"),
    ("https://exa mple.com", "http(s)://host[:port][/path]"),
    ("api.example.com", "http(s)://host[:port][/path]"),
])
def test_unsafe_or_malformed_base_urls_are_rejected_without_echoing_them(url: str, words: str) -> None:
    with pytest.raises(ArgumentError) as flag_error:
        check_base_url(url, provider="acme", key="api_base_url", origin="--api-base-url")
    assert words in flag_error.value.message and url not in flag_error.value.message
    with pytest.raises(ConfigError):
        check_base_url(url, provider="acme", key="api_base_url", origin="$ACME_API_BASE_URL")


def test_is_loopback() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"]))
    assert not any(map(is_loopback, ["10.0.0.1", "example.com", "localhost.example.com", "0.0.0.0", "::"]))


def test_flag_and_env_base_urls_are_checked_before_anything_is_sent(app, monkeypatch: pytest.MonkeyPatch) -> None:
    run = app("acme", "fetch", "--api-base-url", "http://api.example.com")
    assert run.code == 2 and json.loads(run.stderr)["error"]["type"] == "argument"
    monkeypatch.setenv("ACME_API_BASE_URL", "https://u:hunter2-secret@api.example.com")
    run = app("acme", "fetch")
    error = json.loads(run.stderr)["error"]
    assert run.code == 2 and error["type"] == "config" and "$ACME_API_BASE_URL" in error["message"]
    assert "hunter2-secret" not in run.stderr
    monkeypatch.setenv("ACME_API_BASE_URL", "https://ok.example")
    monkeypatch.setenv("ACME_UPLOAD_URL", "http://upload.example")  # a provider-marked routing setting
    run = app("acme", "config", "show")
    assert json.loads(run.stdout)["effective"]["upload_url"]["source"] == "rejected"


def test_config_schema_and_resolution_share_the_url_rule(app, tmp_path: Path) -> None:
    path = write(tmp_path / "explicit.json", {"providers": {"pinterest": {"api_base_url": "https://a:b@h.example"}}})
    run = app("config", "validate", "--config", str(path), providers="pinterest")
    assert run.code == 2 and "api_base_url" in run.stderr and "a:b@" not in run.stderr
