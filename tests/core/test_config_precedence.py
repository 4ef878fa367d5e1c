"""Config file location, validation and setting precedence (flag > env > config > default)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """One config per location, each setting a different region."""
    return {
        "flag": write(tmp_path / "flag.json", {"providers": {"acme": {"region": "apac"}}}),
        "env": write(tmp_path / "env.json", {"providers": {"acme": {"region": "us"}}}),
        "cwd": write(tmp_path / "agent-ads.config.json", {"providers": {"acme": {"region": "eu"}}}),
        "user": write(tmp_path / "xdg" / "config" / "agent-ads" / "config.json", {"output_format": "jsonl"}),
    }


def test_location_precedence(app, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENT_ADS_CONFIG", str(files["env"]))
    assert json.loads(app("config", "path", "--config", str(files["flag"])).stdout)["source"] == "flag"
    assert json.loads(app("config", "path").stdout) == {"path": str(files["env"]), "source": "env", "exists": True}
    monkeypatch.delenv("AGENT_ADS_CONFIG")
    assert json.loads(app("config", "path").stdout)["source"] == "cwd"
    files["cwd"].unlink()
    assert json.loads(app("config", "path").stdout) == {"path": str(files["user"]), "source": "user", "exists": True}


def test_the_chosen_file_is_the_one_used(app, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENT_ADS_CONFIG", str(files["env"]))
    assert json.loads(app("acme", "settings", "--config", str(files["flag"])).stdout)["region"] == "apac"
    assert json.loads(app("acme", "settings").stdout)["region"] == "us"
    monkeypatch.delenv("AGENT_ADS_CONFIG")
    assert json.loads(app("acme", "settings").stdout)["region"] == "eu"
    files["cwd"].unlink()
    assert app("acme", "items", "list").stdout.startswith('{"id":"0"')  # output_format jsonl from the user file


def test_explicit_config_must_exist(app, monkeypatch: pytest.MonkeyPatch) -> None:
    run = app("config", "show", "--config", "missing.json")
    assert run.code == 2 and json.loads(run.stderr)["error"]["type"] == "config"
    monkeypatch.setenv("AGENT_ADS_CONFIG", "also-missing.json")
    assert app("config", "validate").code == 2


def test_invalid_file_lists_every_error_with_its_path(cli, tmp_path: Path) -> None:
    write(tmp_path / "agent-ads.config.json", {
        "output_format": "xml",
        "colour": "blue",
        "providers": {"acme": {"region": "mars", "timeout_seconds": -1, "api_base_url": 5}, "nope": {}},
    })
    run = cli("config", "validate")
    assert run.code == 2 and run.stdout == ""
    error = json.loads(run.stderr)["error"]
    assert error["type"] == "config"
    for path in ("$.output_format", "$: Additional properties", "'colour'", "$.providers.acme.region",
                 "$.providers.acme.timeout_seconds", "$.providers.acme.api_base_url", "'nope'"):
        assert path in error["message"], path


def test_invalid_json_is_a_config_error(app, tmp_path: Path) -> None:
    (tmp_path / "agent-ads.config.json").write_text("{not json")
    run = app("acme", "ping")
    assert run.code == 2 and "not valid JSON" in json.loads(run.stderr)["error"]["message"]


@pytest.mark.parametrize(("section", "key"), [
    ("acme", "api_token"), ("acme", "client_secret"), ("pinterest", "password"), (None, "access_token")])
def test_secret_looking_key_is_rejected_with_a_hint(cli, tmp_path: Path, section: str | None, key: str) -> None:
    data = {key: "s3cr3t-value"} if section is None else {"providers": {section: {key: "s3cr3t-value"}}}
    write(tmp_path / "agent-ads.config.json", data)
    run = cli("config", "validate", providers="acme,pinterest")
    assert run.code == 2
    error = json.loads(run.stderr)["error"]
    assert "looks like a secret" in error["message"] and key in error["message"]
    assert "auth set" in error["hint"] and "environment variables" in error["hint"]
    assert "s3cr3t-value" not in run.stderr


def test_setting_precedence_flag_env_config_default(app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def effective(*args: str) -> dict:
        return json.loads(app("acme", "config", "show", *args).stdout)["effective"]

    assert effective()["api_base_url"] == {"value": "https://api.acme.test", "source": "default",
                                           "env_var": "ACME_API_BASE_URL"}
    write(tmp_path / "xdg" / "config" / "agent-ads" / "config.json",  # the user config: trusted for api_base_url
          {"providers": {"acme": {"api_base_url": "https://config.test", "region": "us", "timeout_seconds": 9}}})
    assert effective()["api_base_url"]["source"] == "config" and effective()["region"]["value"] == "us"
    monkeypatch.setenv("ACME_API_BASE_URL", "https://env.test")
    monkeypatch.setenv("ACME_REGION", "apac")
    monkeypatch.setenv("ACME_TIMEOUT_SECONDS", "12.5")
    shown = effective()
    assert shown["api_base_url"] == {"value": "https://env.test", "source": "env", "env_var": "ACME_API_BASE_URL"}
    assert shown["region"]["value"] == "apac" and shown["timeout_seconds"] == {
        "value": 12.5, "source": "env", "env_var": "ACME_TIMEOUT_SECONDS"}
    shown = effective("--api-base-url", "https://flag.test", "--timeout-seconds", "3")
    assert shown["api_base_url"]["value"] == "https://flag.test" and shown["api_base_url"]["source"] == "flag"
    assert shown["timeout_seconds"] == {"value": 3.0, "source": "flag", "env_var": "ACME_TIMEOUT_SECONDS"}
    assert json.loads(app("acme", "settings", "--api-base-url", "https://flag.test").stdout) == {
        "api_base_url": "https://flag.test", "region": "apac", "timeout_seconds": 12.5}


def test_pinterest_api_base_url_precedence(cli, env, tmp_path: Path) -> None:
    def shown(*args: str, extra: dict | None = None) -> dict:
        run = cli("pinterest", "config", "show", *args, providers="pinterest", env={**env, **(extra or {})})
        return json.loads(run.stdout)["effective"]["api_base_url"]

    assert shown()["source"] == "default"
    write(tmp_path / "xdg" / "config" / "agent-ads" / "config.json",
          {"providers": {"pinterest": {"api_base_url": "https://config.test"}}})
    assert shown() == {"value": "https://config.test", "source": "config", "env_var": "PINTEREST_ADS_API_BASE_URL"}
    extra = {"PINTEREST_ADS_API_BASE_URL": "https://env.test"}
    assert shown(extra=extra)["value"] == "https://env.test"
    assert shown("--api-base-url", "https://flag.test", extra=extra) == {
        "value": "https://flag.test", "source": "flag", "env_var": "PINTEREST_ADS_API_BASE_URL"}


def test_bad_env_value_is_a_config_error(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACME_TIMEOUT_SECONDS", "soon")
    run = app("acme", "settings")
    assert run.code == 2 and json.loads(run.stderr)["error"]["type"] == "config"


def test_no_config_file_means_no_jsonschema(cli, env) -> None:
    import subprocess
    import sys

    code = ("import sys; from agent_ads_core.app import main\n"
            "main(['acme', 'settings']); print('jsonschema' in sys.modules, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], env={**env, "AGENT_ADS_PROVIDERS": "acme"},
                          capture_output=True, text=True, timeout=30)
    assert proc.stderr.strip() == "False"


def test_validation_never_echoes_a_rejected_value(cli, tmp_path: Path) -> None:
    write(tmp_path / "agent-ads.config.json", {"providers": {"acme": {
        "region": {"token": "s3cr3t-nested-value"}, "timeout_seconds": "s3cr3t-as-timeout",
        "api_base_url": "https://user:s3cr3t-pass@h.example"}}})
    run = cli("config", "validate")
    error = json.loads(run.stderr)["error"]
    assert run.code == 2 and "$.providers.acme.region" in error["message"] and "must be" in error["message"]
    assert "s3cr3t" not in run.stderr
