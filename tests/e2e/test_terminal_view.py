"""The human view end to end: progress on a real pseudo-terminal, tables and charts from real runs.

Progress must appear only for a person at a terminal and vanish when done; with stderr not
a terminal the same commands write byte-identical stdout and nothing on stderr.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import tempfile
import time

import pytest
from cli_runner import AGENT_ADS

from agent_ads_core import chart_data
from agent_ads_core.formatters.chart import draw
from agent_ads_core.progress import ERASE_LINE

ACCOUNT = "549755885175"  # the simulator's first seeded ad account
CAMPAIGN = "626700000000"
ERASE = ERASE_LINE.encode()


def run_with_tty_stderr(cli, *args: str) -> tuple[int, bytes, bytes]:
    """Run agent-ads with stderr on a pseudo-terminal and stdout on a pipe; return (code, stdout, terminal)."""
    primary, secondary = pty.openpty()
    stdout_file = tempfile.TemporaryFile()  # a file, not a pipe: a full pipe nobody reads would stall the child
    proc = subprocess.Popen([AGENT_ADS, *args], stdin=subprocess.DEVNULL, stdout=stdout_file, stderr=secondary,
                            env=cli.env, cwd=cli.tmp_path, close_fds=True)
    os.close(secondary)
    screen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 1)
            if ready:
                try:
                    chunk = os.read(primary, 4096)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                screen += chunk
            elif proc.poll() is not None:
                break
        code = proc.wait(timeout=30)
        stdout_file.seek(0)
        stdout = stdout_file.read()
    finally:
        proc.kill()
        stdout_file.close()
        os.close(primary)
    return code, stdout, screen


def assert_drawn_then_erased(screen: bytes, text: bytes) -> None:
    assert text in screen, screen
    assert b"\n" not in screen  # a status line, never a log
    assert screen.endswith(ERASE) and text not in screen.rsplit(ERASE, 1)[1]


def test_all_listing_shows_pages_on_a_terminal_and_nothing_off_it(cli):
    args = ("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--page-size", "25",
            "--format", "jsonl")
    code, stdout, screen = run_with_tty_stderr(cli, *args)
    assert code == 0
    assert_drawn_then_erased(screen, b"agent-ads: fetching page 2 (25 items so far)")
    plain = cli(*args)
    assert plain.code == 0 and plain.stderr == ""
    assert stdout == plain.stdout.encode()  # byte-identical data whether or not a person watches


def test_quiet_silences_progress_even_on_a_terminal(cli):
    code, _, screen = run_with_tty_stderr(cli, "-q", "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT,
                                          "--all", "--page-size", "25")
    assert code == 0 and screen == b""


def test_report_wait_shows_its_state_on_a_terminal_and_nothing_off_it(cli):
    submitted = cli("pinterest", "report-runs", "submit", "--ad-account-id", ACCOUNT, "--level", "campaign",
                    "--granularity", "day", "--columns", "SPEND_IN_DOLLAR", "--start-date", day(3),
                    "--end-date", day(1)).json()
    args = ("pinterest", "report-runs", "wait", "--ad-account-id", ACCOUNT, "--token", submitted["token"],
            "--poll-interval-seconds", "0.2", "--download")
    code, stdout, screen = run_with_tty_stderr(cli, *args)
    assert code == 0, screen
    assert_drawn_then_erased(screen, f"agent-ads: report {submitted['token']}: IN_PROGRESS".encode())
    assert b"downloading" in screen
    again = cli(*args)  # the report is finished now: same rows, no progress
    assert again.code == 0 and again.stderr == "" and json.loads(stdout) == again.json()


def day(days_ago: int) -> str:
    from datetime import datetime, timedelta, timezone

    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


def test_table_of_a_streamed_listing_fits_80_columns(cli):
    listed = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--page-size", "25").json()
    table = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--page-size", "25",
                "--format", "table", env={"COLUMNS": "80"})
    assert table.code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines) and "\x1b[" not in table.stdout
    assert lines[0].split()[:2] == ["id", "name"] and len(lines) == 2 + len(listed)
    assert [line.split()[0] for line in lines[2:]] == [c["id"] for c in listed]
    assert table.stderr.startswith(f"{len(listed)} rows")


def test_table_columns_pick_and_order_columns_of_analytics_rows(cli):
    table = cli("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "campaign",
                "--campaign-id", CAMPAIGN, "--columns", "SPEND_IN_DOLLAR,IMPRESSION_1", "--start-date", day(3),
                "--end-date", day(1), "--granularity", "DAY", "--format", "table", "--table-columns",
                "DATE,IMPRESSION_1", "-q")
    assert table.code == 0 and table.stderr == ""
    assert table.stdout.splitlines()[0].split() == ["DATE", "IMPRESSION_1"]


def test_chart_plots_exactly_the_rows_json_shows(cli):
    args = ("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "campaign",
            "--campaign-id", f"{CAMPAIGN},626700000001", "--columns", "SPEND_IN_DOLLAR,IMPRESSION_1",
            "--start-date", day(6), "--end-date", day(1), "--granularity", "DAY")
    rows = cli(*args).json()
    chart = cli(*args, "--format", "chart", "--chart-metric", "IMPRESSION_1", env={"COLUMNS": "90", "LINES": "30"})
    assert chart.code == 0, chart.stderr
    data = chart_data.build(rows, ["IMPRESSION_1"])
    plotted = {(s.label, d.date().isoformat()): v for s in data.series for d, v in s.points.items()}
    assert plotted == {(r["CAMPAIGN_ID"], r["DATE"]): r["IMPRESSION_1"] for r in rows}
    assert len(data.series) == 2
    assert chart.stdout == draw(data, "line", 90, 26, color=False) + "\n"  # what the CLI drew is those series
    assert "IMPRESSION_1 by DATE" in chart.stdout and day(6) in chart.stdout


def test_chart_of_rows_without_dates_is_an_argument_error(cli):
    run = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--format", "chart")
    assert run.code == 2 and run.stdout == "" and "date column" in run.error()["message"]


@pytest.mark.parametrize("fmt", ["table", "chart"])
def test_envelope_is_refused_with_human_formats_before_anything_is_sent(cli, simulator, fmt):
    run = cli("pinterest", "ad-accounts", "list", "--format", fmt, "--envelope")
    assert run.code == 2 and run.stdout == "" and "--envelope" in run.error()["message"]
    assert simulator.requests() == []


def test_analytics_over_many_windows_shows_request_n_of_m_on_a_terminal(cli):
    args = ("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "campaign",
            "--campaign-id", CAMPAIGN, "--columns", "SPEND_IN_DOLLAR", "--start-date", day(7), "--end-date", day(1),
            "--granularity", "HOUR", "--format", "jsonl")  # 7 days by the hour: more than one window
    code, stdout, screen = run_with_tty_stderr(cli, *args)
    assert code == 0, screen
    assert_drawn_then_erased(screen, b"agent-ads: request 2 of 2 (")
    plain = cli(*args)
    assert stdout == plain.stdout.encode() and plain.stderr == ""
