"""The ``python -m agent_ads_pinterest_simulator`` entry point, including the 100k-campaign benchmark setup."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
import requests
from sim_helpers import ACCOUNT, AUTH
from simulator_harness import reset_connections, running

MODULE = "agent_ads_pinterest_simulator"


def test_cli_prints_one_json_line_and_stops_on_sigterm() -> None:
    with running("-m", MODULE, "--port", "0") as (process, info):
        assert set(info) == {"url", "port"} and info["url"] == f"http://127.0.0.1:{info['port']}"
        assert requests.get(f"{info['url']}/v5/ad_accounts", headers=AUTH, timeout=5).status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0  # the timeout only guards against a hang
        assert process.stdout is not None and process.stdout.read() == ""


def test_cli_refuses_non_loopback_host() -> None:
    result = subprocess.run(
        [sys.executable, "-m", MODULE, "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and result.stdout == "" and "loopback" in result.stderr


@pytest.mark.parametrize("order, first_id", [("ASCENDING", "626700000000"), ("DESCENDING", "626700099999")])
def test_hundred_thousand_campaigns_start_and_page_in_order(order: str, first_id: str) -> None:
    """The benchmark's setup: how fast it starts is the benchmarks' business (ratios), not a test's."""
    with running("-m", MODULE, "--campaigns", "100000", "--seed", "7") as (process, info):
        url = f"{info['url']}/v5/ad_accounts/{ACCOUNT}/campaigns"
        params = {"page_size": 250, "order": order, "entity_statuses": ["ACTIVE", "PAUSED", "ARCHIVED"]}
        seen: list[str] = []
        bookmark = None
        for _ in range(4):
            page = requests.get(
                url, params={**params, **({"bookmark": bookmark} if bookmark else {})}, headers=AUTH, timeout=5
            )
            assert page.status_code == 200
            seen += [c["id"] for c in page.json()["items"]]
            bookmark = page.json()["bookmark"]
        assert seen[0] == first_id and len(seen) == len(set(seen)) == 1000 and bookmark
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_port_out_of_range_is_a_one_line_error(port: str) -> None:
    done = subprocess.run([sys.executable, "-m", MODULE, "--port", port],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and "--port" in done.stderr.strip().splitlines()[-1]


def test_a_client_resetting_its_connection_prints_no_traceback() -> None:
    with running("-m", MODULE, "--port", "0") as (process, info):
        reset_connections(int(info["port"]), "/v5/ad_accounts")
        assert requests.get(f"{info['url']}/_sim/health", timeout=5).ok
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=10)
        assert "Traceback" not in err and "ConnectionResetError" not in err, err
