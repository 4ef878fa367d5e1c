"""One process, many runs: the app keeps no per-run state, and each run has its own streams and environment."""

from __future__ import annotations

import io

from cli_runner import run_in_process

from agent_ads_core.app import AgentAdsApp


def test_runs_share_a_registry_but_not_streams_environment_or_settings(env, registry_of) -> None:
    registry = registry_of("acme")
    outputs = []
    for region in ("us", "apac", "us"):
        run = run_in_process(["acme", "settings"], registry=registry, environ={**env, "ACME_REGION": region})
        assert run.code == 0, run.stderr
        outputs.append(run.json()["region"])
    assert outputs == ["us", "apac", "us"]


def test_one_app_runs_twice_with_a_fresh_context_each_time(env, registry_of) -> None:
    out, err = io.StringIO(), io.StringIO()
    app = AgentAdsApp(stdout=out, stderr=err, registry=registry_of("acme"), environ=env)
    assert app.run(["--format", "csv", "acme", "items", "list", "--count", "1"]) == 0
    assert app.run(["acme", "items", "list", "--count", "1"]) == 0  # no --format carried over
    assert out.getvalue() == 'id,nested.a\n0,0\n[{"id":"0","nested":{"a":0}}]\n'
    assert app.run(["acme", "fail"]) == 9 and app.run(["acme", "ping"]) == 0


def test_doctor_reports_its_exit_status_through_its_result(env, registry_of) -> None:
    run = run_in_process(["acme", "doctor", "--api"], registry=registry_of("acme"),  # its api check fails by design
                         environ={**env, "ACME_TOKEN": "t", "ACME_SECRET": "s"})
    data = run.json()
    assert run.code == 2 and data["ok"] is False and [c["name"] for c in data["checks"] if not c["ok"]] == ["api"]
