"""The CLI contract agents rely on: help, versions, errors as JSON, global options anywhere, atomic --output.

These run the installed ``agent-ads`` script in a subprocess (what an agent sees) unless
only in-process behaviour matters.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_runner import run_process

from agent_ads_core import __version__

SECRETS = {
    "ACME_TOKEN": "acme-tok-7f3a9c",
    "ACME_SECRET": "acme-sec-b41d22",
    "PINTEREST_ADS_APP_ID": "pin-app-91e0",
    "PINTEREST_ADS_APP_SECRET": "pin-sec-c7d5aa",
    "PINTEREST_ADS_ACCESS_TOKEN": "pin-acc-5e8f11",
    "PINTEREST_ADS_REFRESH_TOKEN": "pin-ref-0b2c7e",
}


def one_json_error(run) -> dict:
    """stderr is exactly one JSON error object and stdout is empty."""
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr and "usage:" not in run.stderr
    return json.loads(lines[0])["error"]


# -- 4. help and versions -------------------------------------------------------------
def test_version_is_json_with_core_and_every_provider(cli) -> None:
    run = cli("--version", providers="acme,pinterest")
    assert run.code == 0 and run.stderr == ""
    data = json.loads(run.stdout)
    assert data["agent-ads"] == __version__
    assert data["providers"]["acme"] == {"distribution": "agent-ads-acme", "version": "1.2.3"}
    assert data["providers"]["pinterest"]["distribution"] == "agent-ads-pinterest"


@pytest.mark.parametrize(("args", "expected"), [
    (["--help"], ["Core commands:", "providers list", "acme", "Acme Ads (test double)"]),
    (["acme", "--help"], ["ping", "answer pong", "items list", "list items page by page"]),
    (["acme", "items", "--help"], ["list", "list items page by page"]),
    (["help", "acme"], ["ping", "answer pong"]),
    (["acme", "ping", "--help"], ["usage: agent-ads acme ping", "--n"]),
    (["help", "acme", "ping"], ["usage: agent-ads acme ping", "--n"]),
    (["acme", "items", "list", "-h"], ["--page-token", "--all", "--max-items"]),
])
def test_help_lists_commands_with_summaries_on_stdout(cli, args: list[str], expected: list[str]) -> None:
    run = cli(*args)
    assert run.code == 0 and run.stderr == ""
    for text in expected:
        assert text in run.stdout


def test_group_help_has_one_line_per_command(cli) -> None:
    lines = [line for line in cli("acme", "--help").stdout.splitlines() if line.startswith("  ")]
    assert "  ping" in "\n".join(lines) and all(len(line.split("  ", 2)) >= 2 for line in lines)


def test_pinterest_group_help_lists_its_commands(cli) -> None:
    run = cli("pinterest", "campaigns", "--help", providers="pinterest")
    assert run.code == 0 and "list" in run.stdout and "get" in run.stdout


def test_doctor_and_config_commands(cli, tmp_path) -> None:
    run = cli("doctor")
    assert run.code == 2  # acme credentials missing
    names = [(c["provider"], c["name"], c["ok"]) for c in json.loads(run.stdout)["checks"]]
    assert (None, "config", True) in names and ("acme", "credential:token", False) in names
    assert json.loads(cli("config", "path").stdout) == {"path": str(tmp_path / "xdg" / "config" / "agent-ads" /
                                                                  "config.json"), "source": "none", "exists": False}
    shown = json.loads(cli("config", "show").stdout)
    assert shown["effective"]["acme"]["region"] == {"value": "eu", "source": "default", "env_var": "ACME_REGION"}
    assert json.loads(cli("config", "validate").stdout)["valid"] is True


def test_complete_prints_a_bash_script_for_agent_ads(cli, env) -> None:
    run = cli("complete")
    assert run.code == 0
    assert "'acme items list') flags=" in run.stdout and run.stdout.rstrip().endswith("agent-ads")
    assert "complete -F" in run.stdout
    # the same under `python -m agent_ads_core` (cliff would name it after argv[0])
    as_module = run_process(["complete"], env, providers="acme", timeout=30, as_module=True)
    assert as_module.code == 0 and as_module.stdout.rstrip().endswith(" agent-ads")


# -- 4. unknown commands and usage errors ----------------------------------------------
@pytest.mark.parametrize(("args", "suggested"), [
    (["acme", "pnig"], "acme ping"),
    (["provider", "lst"], "providers list"),
    (["acme", "itms", "list"], "acme items list"),
    (["docter"], "doctor"),
])
def test_unknown_command_exits_2_naming_the_closest(cli, args: list[str], suggested: str) -> None:
    run = cli(*args)
    assert run.code == 2
    error = one_json_error(run)
    assert error["type"] == "argument" and "unknown command" in error["message"]
    assert suggested in error["hint"]


@pytest.mark.parametrize("args", [
    ["acme", "ping", "--bogus"],
    ["acme", "ping", "--n"],
    ["acme", "ping", "--n", "abc"],
    ["acme", "ping", "--format", "xml"],
    ["acme", "ping", "--output"],
    ["--bogus"],
    ["--bogus", "acme", "ping"],
    ["acme", "items", "list", "--page-tok", "3"],  # no abbreviations
    ["acme", "--n", "2"],  # a group without a subcommand, given flags
])
def test_usage_errors_exit_2_with_json_and_no_argparse_text(cli, args: list[str]) -> None:
    run = cli(*args)
    assert run.code == 2
    assert one_json_error(run)["type"] == "argument"


# -- 5. global options anywhere; atomic --output ---------------------------------------
@pytest.mark.parametrize(("before", "after"), [
    (["--format", "csv", "providers", "list"], ["providers", "list", "--format", "csv"]),
    (["--envelope", "--pretty", "acme", "ping", "--n", "2"], ["acme", "ping", "--n", "2", "--pretty", "--envelope"]),
    (["--format=jsonl", "acme", "items", "list"], ["acme", "items", "--format=jsonl", "list"]),
])
def test_global_options_before_or_after_the_command(cli, before: list[str], after: list[str]) -> None:
    first, second = cli(*before), cli(*after)
    assert first.code == second.code == 0
    assert first.stdout == second.stdout and first.stdout


def test_output_writes_the_file_and_nothing_to_stdout(cli, tmp_path) -> None:
    run = cli("acme", "items", "list", "--all", "--output", "items.json")
    assert run.code == 0 and run.stdout == ""
    assert len(json.loads((tmp_path / "items.json").read_text())) == 7


@pytest.mark.parametrize("args", [
    ["acme", "items", "list", "--all", "--fail-on-page", "2"],  # API error after a page was written
    ["acme", "items", "list", "--fail-on-page", "1"],
    ["acme", "items", "list", "--bogus"],
    ["acme", "boom"],
    ["acme", "broken"],
])
def test_failed_command_leaves_output_target_untouched(cli, tmp_path, args: list[str]) -> None:
    target = tmp_path / "out" / "result.json"
    target.parent.mkdir()
    target.write_text("previous content\n")
    run = cli(*args, "--output", str(target))
    assert run.code != 0 and run.stdout == ""
    assert target.read_text() == "previous content\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["result.json"]


def test_output_into_missing_directory_is_an_argument_error(cli) -> None:
    run = cli("acme", "ping", "--output", "nowhere/x.json")
    assert run.code == 2 and one_json_error(run)["type"] == "argument"


# -- 7. errors -----------------------------------------------------------------------
def test_api_error_shape_and_provider_exit_code(cli) -> None:
    run = cli("acme", "fail")
    assert run.code == 9
    assert one_json_error(run) == {"type": "api", "message": "quota exceeded", "provider": "acme",
                                   "http_status": 429, "code": 42, "request_id": "rid-1"}


def test_unexpected_exception_is_one_json_line_without_traceback(cli) -> None:
    run = cli("acme", "boom")
    assert run.code == 1
    error = one_json_error(run)
    assert error["type"] == "internal" and "kaboom" in error["message"] and "-vv" in error["hint"]
    assert set(error) == {"type", "message", "hint"}  # absent fields are omitted


def test_vv_logs_the_traceback_as_debug_lines(cli) -> None:
    run = cli("acme", "boom", "-vv")
    assert run.code == 1 and run.stdout == ""
    *logs, last = run.stderr.splitlines()
    assert json.loads(last)["error"]["type"] == "internal"
    assert any("Traceback" in line for line in logs) and any("RuntimeError: kaboom" in line for line in logs)
    assert all(line.startswith("agent-ads: ") for line in logs), logs


# -- 4. secrets never shown ------------------------------------------------------------
class _Api(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        _Api.seen.append(dict(self.headers))
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("x-acme-rid", "rid-42")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def api_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    _Api.seen.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_run_logs_requests_and_sends_user_agent(cli, env, api_url) -> None:
    run = cli("acme", "fetch", "-v", "--include-meta", env={**env, **SECRETS, "ACME_API_BASE_URL": api_url})
    assert run.code == 0 and json.loads(run.stdout) == {"status": 200}
    assert any(line.startswith("agent-ads: INFO: GET http://127.0.0.1:") and "/v1/ping" in line
               and " 200 " in line and line.endswith("ms") for line in run.stderr.splitlines()), run.stderr
    assert json.loads(run.stderr.splitlines()[-1])["meta"]["request_id"] == "rid-42"
    agent = _Api.seen[0]["User-Agent"]
    assert agent.startswith(f"agent-ads/{__version__}") and "agent-ads-acme/1.2.3" in agent


@pytest.mark.parametrize("args", [
    ["auth", "status"], ["auth", "status", "-vv"], ["acme", "auth", "status", "-vv"], ["doctor", "-vv"],
    ["doctor", "--api", "-vv"], ["config", "show", "-vv"], ["acme", "whoami", "-vv"], ["acme", "fetch", "-vv"],
    ["acme", "fetch", "-vv", "--envelope", "--include-meta"], ["acme", "boom", "-vv"], ["acme", "fail", "-vv"],
    ["pinterest", "auth", "status", "-vv"], ["pinterest", "config", "show", "-vv"],
    ["--version", "-vv"], ["providers", "list", "-vv"],
])
def test_secret_values_never_appear_in_any_output(cli, env, api_url, args: list[str]) -> None:
    run = cli(*args, providers="acme,pinterest", env={**env, **SECRETS, "ACME_API_BASE_URL": api_url})
    assert run.code in (0, 1, 2, 9), run.stderr
    for value in SECRETS.values():
        assert value not in run.stdout and value not in run.stderr
    if args[0] == "acme" and args[1] == "fetch":
        assert _Api.seen and _Api.seen[0]["Authorization"] == f"Bearer {SECRETS['ACME_TOKEN']}"
        assert "Authorization" in run.stderr and "***" in run.stderr  # headers were logged, redacted
