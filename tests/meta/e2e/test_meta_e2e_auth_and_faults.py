"""Credentials, doctor and failures end to end: keyring, appsecret_proof, expiry, retries, rate limits."""

from __future__ import annotations

from cli_runner import run_process
from meta_cli import sandbox_env

from agent_ads_meta_simulator import ACCESS_TOKEN, APP_SECRET, Simulator

NO_ENV_TOKEN = {"META_ADS_ACCESS_TOKEN": None}


def test_auth_set_status_delete_in_the_keyring(meta, meta_sim) -> None:
    stored = meta("auth", "set", "--stdin", stdin=f"{ACCESS_TOKEN}\n{APP_SECRET}\n", env=NO_ENV_TOKEN)
    assert stored.code == 0 and stored.json()["stored"] == ["access_token", "app_secret"]
    assert ACCESS_TOKEN not in stored.stdout + stored.stderr
    status = meta("auth", "status", env=NO_ENV_TOKEN).json()
    assert {c["name"]: c["source"] for c in status["credentials"]} == {"access_token": "store",
                                                                       "app_secret": "store"}
    me = meta("me", env=NO_ENV_TOKEN)
    assert me.code == 0 and "appsecret_proof" in meta_sim.requests()[-1]["query"]
    assert meta("auth", "delete", env=NO_ENV_TOKEN).json()["deleted"] is True
    missing = meta("me", env=NO_ENV_TOKEN)
    assert missing.code == 2 and "auth set" in missing.error()["hint"]


def test_doctor_api_proves_appsecret_proof_to_an_app_that_requires_it(tmp_path) -> None:
    with Simulator(require_appsecret_proof=True) as strict:
        env = sandbox_env(tmp_path, strict.url)
        unsigned = run_process(["meta", "doctor", "--api"], env, cwd=tmp_path)
        assert unsigned.code == 3 and not unsigned.json()["ok"]
        signed = run_process(["meta", "doctor", "--api"], {**env, "META_ADS_APP_SECRET": APP_SECRET}, cwd=tmp_path)
        assert signed.code == 0, signed.stdout
        api = next(c for c in signed.json()["checks"] if c["name"] == "api")
        assert api["appsecret_proof"] is True and api["ok"]


def test_config_commands_show_meta_settings(meta, meta_sim, tmp_path) -> None:
    (tmp_path / "agent-ads.config.json").write_text('{"providers": {"meta": {"default_business_id": "77"}}}')
    shown = meta("config", "show")
    assert shown.code == 0 and "77" in shown.stdout and "META_ADS_API_VERSION" in shown.stdout
    assert meta("config", "validate").code == 0 and meta("config", "path").code == 0
    (tmp_path / "agent-ads.config.json").write_text('{"providers": {"meta": {"api_version": "26"}}}')
    assert meta("config", "validate").code == 2


def test_an_expired_token_is_exit_3_with_the_auth_set_hint(meta, meta_sim) -> None:
    meta_sim.expire_token()
    result = meta("campaigns", "list")
    error = result.error()
    assert result.code == 3 and error["type"] == "auth" and error["code"] == 190 and error["request_id"]
    assert "auth set" in error["hint"]


def test_transient_errors_and_dropped_connections_are_retried_for_gets(meta, meta_sim) -> None:
    meta_sim.add_fault("transient")
    meta_sim.add_fault("server_error", status=503)
    meta_sim.add_fault("drop_connection")
    result = meta("campaigns", "list", "--limit", "2")
    assert result.code == 0 and len(result.json()) == 2


def test_permission_errors_exit_3_with_the_permission_hint(meta, meta_sim) -> None:
    meta_sim.add_fault("permission", code=200)
    result = meta("businesses", "list")
    assert result.code == 3 and "business_management" in result.error()["hint"]


def test_a_long_rate_limit_fails_fast_with_the_wait(meta, meta_sim) -> None:
    meta_sim.add_fault("rate_limit", code=80000, minutes=30)
    result = meta("insights", "query", "--date-preset", "yesterday")
    error = result.error()
    assert result.code == 3 and "30 min" in error["message"] and "retry after" in error["hint"]
    assert len(meta_sim.requests()) == 1


def test_envelope_meta_carries_usage_and_the_trace_id(meta, meta_sim) -> None:
    body = meta("insights", "query", "--date-preset", "yesterday", "--envelope").json()
    assert body["meta"]["request_id"] and body["meta"]["usage"]
    assert body["meta"]["endpoint"].startswith("GET /v26.0/act_")



def test_a_truncated_body_is_retried_for_a_get(meta, meta_sim) -> None:
    meta_sim.add_fault("truncated_body")
    result = meta("me")
    assert result.code == 0 and result.json()["id"] and len(meta_sim.requests()) == 2
