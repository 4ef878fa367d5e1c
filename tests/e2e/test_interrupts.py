"""Issue 9, point 3: SIGINT/SIGTERM/SIGHUP end a run cleanly, with one ``interrupted`` error.

The real ``agent-ads`` process is stopped while the simulator holds one of its requests
(a ``slow`` fault), so the signal always lands mid-run, never before or after it.
"""

from __future__ import annotations

import json
import signal
import subprocess
import time

import pytest
from cli_runner import AGENT_ADS

ACCOUNT = "549755885175"


def start(cli, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([AGENT_ADS, *args], env=cli.env, cwd=cli.tmp_path, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_until_held(simulator) -> None:
    """Until the armed slow fault has caught a request (the simulator now holds it for 30 s)."""
    for _ in range(600):
        if not simulator.faults.pending():
            return
        time.sleep(0.05)
    raise AssertionError("the CLI never sent its request")


def one_error(stderr: str) -> dict:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return json.loads(lines[0])["error"]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 143), (signal.SIGINT, 130)])
def test_a_signal_leaves_the_old_output_file_intact_and_no_temp_file(cli, simulator, signum, code) -> None:
    old = cli.tmp_path / "campaigns.json"
    old.write_text("old content\n")
    simulator.add_fault("slow", delay=30)
    process = start(cli, "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--output", str(old))
    wait_until_held(simulator)
    process.send_signal(signum)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == code
    assert one_error(err)["type"] == "interrupted"
    assert old.read_text() == "old content\n"
    assert not list(cli.tmp_path.glob(".agent-ads-*.tmp"))


def test_ctrl_c_in_a_cut_all_listing_says_which_bookmark_resumes(cli, simulator) -> None:
    process = start(cli, "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--page-size", "5",
                    "--format", "jsonl")
    first = process.stdout.readline()  # the first page is written: hold the next request
    simulator.add_fault("slow", delay=30)
    wait_until_held(simulator)
    process.send_signal(signal.SIGINT)
    rest = process.stdout.read()  # the same buffered reader: nothing after the first line is lost
    err = process.stderr.read()
    assert process.wait(30) == 130
    error = one_error(err)
    written = [first, *rest.splitlines()]
    assert error["type"] == "interrupted" and "--bookmark " in error["hint"]
    resumed = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "5",
                  "--bookmark", error["hint"].rsplit(" ", 1)[1], "--format", "jsonl")
    ids = [json.loads(line)["id"] for line in written if line.strip()]
    assert len(ids) % 5 == 0 and json.loads(resumed.stdout.splitlines()[0])["id"] > max(ids)


def test_ctrl_c_while_waiting_for_a_report_gives_the_resume_command(cli, simulator) -> None:
    token = cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--level", "CAMPAIGN",
                "--granularity", "DAY", "--start-date", time.strftime("%Y-%m-%d", time.gmtime(time.time() - 9 * 86400)),
                "--end-date", time.strftime("%Y-%m-%d", time.gmtime(time.time() - 8 * 86400)),
                "--columns", "SPEND_IN_DOLLAR").json()["token"]
    simulator.add_fault("slow", delay=30)
    process = start(cli, "pinterest", "report-runs", "wait", "--ad-account-id", ACCOUNT, "--token", token)
    wait_until_held(simulator)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert f"report-runs wait --token {token} --ad-account-id {ACCOUNT}" in one_error(err)["hint"]
