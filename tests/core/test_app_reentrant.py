"""One process, many runs: the app keeps no per-run state, and each run has its own streams and environment."""

from __future__ import annotations

import io
import json

from agent_ads_core.app import AgentAdsApp


def test_runs_share_a_registry_but_not_streams_environment_or_settings(env, registry_of) -> None:
    registry = registry_of("acme")
    outputs = []
    for region in ("us", "apac", "us"):
        out, err = io.StringIO(), io.StringIO()
        app = AgentAdsApp(stdout=out, stderr=err, registry=registry, environ={**env, "ACME_REGION": region})
        assert app.run(["acme", "settings"]) == 0, err.getvalue()
        outputs.append(json.loads(out.getvalue())["region"])
    assert outputs == ["us", "apac", "us"]


def test_one_app_runs_twice_with_a_fresh_context_each_time(env, registry_of) -> None:
    out, err = io.StringIO(), io.StringIO()
    app = AgentAdsApp(stdout=out, stderr=err, registry=registry_of("acme"), environ=env)
    assert app.run(["--format", "csv", "acme", "items", "list", "--count", "1"]) == 0
    assert app.run(["acme", "items", "list", "--count", "1"]) == 0  # no --format carried over
    assert out.getvalue() == 'id,nested.a\n0,0\n[{"id":"0","nested":{"a":0}}]\n'
    assert app.run(["acme", "fail"]) == 9 and app.run(["acme", "ping"]) == 0


def test_doctor_reports_its_exit_status_through_its_result(env, registry_of) -> None:
    out, err = io.StringIO(), io.StringIO()
    app = AgentAdsApp(stdout=out, stderr=err, registry=registry_of("acme"), environ={**env, "ACME_TOKEN": "t",
                                                                                  "ACME_SECRET": "s"})
    code = app.run(["acme", "doctor", "--api"])  # acme's api check fails by design
    data = json.loads(out.getvalue())
    assert code == 2 and data["ok"] is False and [c["name"] for c in data["checks"] if not c["ok"]] == ["api"]
