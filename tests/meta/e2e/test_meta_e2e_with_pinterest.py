"""Both providers in one venv: separate commands, settings, keyring entries and exit codes."""

from __future__ import annotations

import json

import pytest
from cli_runner import run_process
from meta_cli import sandbox_env

from agent_ads_core.plugins import Registry
from agent_ads_meta_simulator import ACCESS_TOKEN

pytest.importorskip("agent_ads_pinterest")


def test_both_providers_work_side_by_side(tmp_path, meta_sim) -> None:
    meta_sim.reset()
    env = {**sandbox_env(tmp_path, meta_sim.url, providers="meta,pinterest"), "META_ADS_ACCESS_TOKEN": ""}
    listed = run_process(["providers", "list"], env, cwd=tmp_path)
    rows = {row["name"]: row for row in listed.json()}
    assert listed.code == 0 and set(rows) >= {"meta", "pinterest"}

    stored = run_process(["meta", "auth", "set", "--stdin"], env, cwd=tmp_path, stdin=f"{ACCESS_TOKEN}\n")
    assert stored.code == 0, stored.stderr
    status = {row["provider"]: row for row in run_process(["auth", "status"], env, cwd=tmp_path).json()}
    assert [c["source"] for c in status["meta"]["credentials"] if c["name"] == "access_token"] == ["store"]
    assert all(c["source"] == "missing" for c in status["pinterest"]["credentials"])

    assert run_process(["meta", "campaigns", "list", "--limit", "1"], env, cwd=tmp_path).code == 0
    meta_sim.expire_token()
    meta_error = run_process(["meta", "me"], env, cwd=tmp_path)
    assert meta_error.code == 3 and meta_error.error()["provider"] == "meta"
    assert Registry().load().exit_codes() == {"meta": 3, "pinterest": 6}

    shown = json.loads(run_process(["config", "show"], env, cwd=tmp_path).stdout)
    assert "META_ADS_API_BASE_URL" in json.dumps(shown) and "PINTEREST_ADS_API_BASE_URL" in json.dumps(shown)
    commands = run_process(["--help"], env, cwd=tmp_path).stdout
    assert "meta" in commands and "pinterest" in commands
