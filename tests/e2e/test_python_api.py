"""``agent_ads_core.api`` against the simulator: the same data, errors and limits as the CLI for the same argv."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from agent_ads_core import api

ACCOUNT = "549755885175"  # the simulator's first seeded ad account


def day(days_ago: int) -> str:
    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


ANALYTICS = ["pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "campaign",
             "--campaign-id", "626700000000,626700000001", "--columns", "SPEND_IN_DOLLAR,IMPRESSION_1",
             "--granularity", "DAY", "--start-date", day(5), "--end-date", day(1)]
SAME_AS_CLI = [
    ["pinterest", "ad-accounts", "list"],
    ["pinterest", "ad-accounts", "get", "--ad-account-id", ACCOUNT],
    ["pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--page-size", "100"],
    ["pinterest", "ads", "ls", "--ad-account-id", ACCOUNT, "--max-items", "3"],
    ANALYTICS,
    ["pinterest", "auth", "status"],
    ["providers", "list"],
]


@pytest.mark.parametrize("argv", SAME_AS_CLI, ids=lambda argv: " ".join(argv[:3]))
def test_data_equals_the_cli_stdout(cli, argv: list[str]) -> None:
    run = cli(*argv)
    assert run.code == 0, run.stderr
    expected = run.json()
    if argv[0] == "providers":  # the CLI subprocess sees only pinterest (AGENT_ADS_PROVIDERS); compare that row
        expected = [row for row in expected if row["name"] == "pinterest"]
        assert [row for row in api.run(argv, env=cli.env).data if row["name"] == "pinterest"] == expected
        return
    assert api.run(argv, env=cli.env).data == expected


def test_meta_and_paging_equal_the_cli_envelope(cli) -> None:
    argv = ["pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--max-items", "3"]
    envelope = cli(*argv, "--envelope").json()
    result = api.run(argv, env=cli.env)
    items = list(result)
    assert items == envelope["data"]
    assert result.paging == envelope["paging"] and result.paging["bookmark"]
    assert {k: v for k, v in result.meta.items() if k != "request_id"} == \
        {k: v for k, v in envelope["meta"].items() if k != "request_id"}


@pytest.mark.parametrize("argv", [
    ["pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "999"],
    ["pinterest", "analytics", "query", *ANALYTICS[3:-4], "--granularity", "DAYY", "--start-date", day(3),
     "--end-date", day(1)],
    ["pinterest", "campaigns", "get", "--ad-account-id", ACCOUNT, "--campaign-id", "1"],
    ["pinterest", "campaigns", "lst"],
], ids=["range", "enum", "api-404", "unknown-command"])
def test_errors_are_typed_and_carry_the_cli_json(cli, simulator, argv: list[str]) -> None:
    run = cli(*argv)
    assert run.code != 0
    simulator.reset()
    with pytest.raises(api.AgentAdsError) as caught:
        api.run(argv, env=cli.env)
    got, expected = caught.value.to_dict()["error"], run.error()
    assert ("request_id" in got) == ("request_id" in expected)  # one per request: equal in presence only
    got.pop("request_id", None), expected.pop("request_id", None)
    assert got == expected
    assert api.exit_code(caught.value) == run.code
    expected_type = {"argument": api.ArgumentError, "api": api.ApiError}[run.error()["type"]]
    assert isinstance(caught.value, expected_type)
    if run.error()["type"] == "argument":
        assert simulator.requests() == []  # validated before sending, as the CLI does


def test_missing_credentials_raise_an_auth_error(cli) -> None:
    env = {k: v for k, v in cli.env.items() if k != "PINTEREST_ADS_ACCESS_TOKEN"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    with pytest.raises(api.AuthError):
        api.run(["pinterest", "ad-accounts", "list"], env=env)


def test_pages_stream_lazily(cli, simulator) -> None:
    result = api.run(["pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--page-size", "1"],
                     env=cli.env)
    assert len(simulator.requests()) == 1  # the first page is fetched before run returns (errors come first)
    items = iter(result)
    next(items), next(items)
    assert len(simulator.requests()) == 2
    assert result.paging["pages"] == 2 and not result.paging["complete"]


def test_output_options_are_refused(cli) -> None:
    with pytest.raises(api.ArgumentError, match="--format"):
        api.run(["pinterest", "ad-accounts", "list", "--format", "csv"], env=cli.env)


def test_concurrent_calls_from_threads_match_sequential_ones(cli) -> None:
    accounts = [a["id"] for a in api.run(["pinterest", "ad-accounts", "list"], env=cli.env)]
    jobs = [["pinterest", "campaigns", "list", "--ad-account-id", account, "--max-items", "5", "--page-size", "2"]
            for account in accounts] * 3 + [ANALYTICS] * 4
    sequential = [api.run(argv, env=cli.env).data for argv in jobs]
    start = threading.Barrier(8)

    def call(argv: list[str]):
        start.wait()
        return api.run(argv, env=cli.env).data

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(call, jobs[:8])) == sequential[:8]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda argv: api.run(argv, env=cli.env).data, jobs)) == sequential


def test_the_fan_out_example_in_the_docs_runs(cli, tmp_path) -> None:
    """docs/python-api.md's thread-pool example, verbatim except for recent dates."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "python-api.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```python\n(.*?)```", doc, re.S) if "ThreadPoolExecutor" in block)
    example = re.sub(r'START, END = "[^"]+", "[^"]+"', f'START, END = "{day(6)}", "{day(1)}"', example)
    done = subprocess.run([sys.executable, "-c", example], env=cli.env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    files = sorted((tmp_path / "analytics").glob("*.jsonl"))
    accounts = [line.split()[0] for line in done.stdout.splitlines()]
    assert files and len(files) == len(accounts)
    assert all(len(f.read_text().splitlines()) == 6 for f in files)  # one row per day


def test_progress_lines_go_to_the_callback_not_stderr(cli, capfd) -> None:
    token = api.run(["pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--level", "campaign",
                     "--granularity", "DAY", "--columns", "SPEND_IN_DOLLAR", "--start-date", day(3),
                     "--end-date", day(1)], env=cli.env).data["token"]
    lines: list[str] = []
    waited = api.run(["pinterest", "report-runs", "wait", "--token", token, "--ad-account-id", ACCOUNT,
                      "--poll-interval-seconds", "0.05"], env=cli.env, progress=lines.append)
    assert waited.data["report_status"] == "FINISHED"
    assert lines and all(token in line for line in lines)
    assert capfd.readouterr().err == ""
