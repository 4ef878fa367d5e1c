"""``python -m agent_ads_meta_simulator``: one JSON line, SIGTERM/SIGINT stop, argument checks, quiet resets."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
from meta_sim_client import Reply, get_url
from simulator_harness import reset_connections, running

from agent_ads_meta_simulator import ACCESS_TOKEN

MODULE = "agent_ads_meta_simulator"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_prints_one_json_line_and_stops_on_signal(stop: signal.Signals) -> None:
    with running("-m", MODULE, "--port", "0", "--seed", "0", "--report-polls", "1") as (process, info):
        assert set(info) == {"url", "port"} and info["url"] == f"http://127.0.0.1:{info['port']}"
        reply: Reply = get_url(f"{info['url']}/v25.0/me?access_token={ACCESS_TOKEN}")
        assert reply.status == 200 and reply.body["name"]
        process.send_signal(stop)
        assert process.wait(timeout=10) == 0
        assert process.stdout is not None and process.stdout.read() == ""
        assert process.stderr is not None and process.stderr.read() == ""


@pytest.mark.parametrize("args, message", [(["--host", "0.0.0.0"], "loopback"), (["--port", "70000"], "out of range")])
def test_refuses_bad_host_and_port(args: list[str], message: str) -> None:
    result = subprocess.run([sys.executable, "-m", MODULE, *args], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_client_resets_print_no_traceback() -> None:
    with running("-m", MODULE, "--require-appsecret-proof") as (process, info):
        reset_connections(int(info["port"]), "/v25.0/me")
        reply = get_url(f"{info['url']}/_sim/health")
        assert reply.body["ok"] is True
        assert get_url(f"{info['url']}/_sim/requests").body == []
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stderr is not None and process.stderr.read() == ""
