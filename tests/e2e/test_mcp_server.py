"""``agent-ads mcp serve`` end to end: the official MCP SDK client against the simulator."""

from __future__ import annotations

import io
import socket
import subprocess
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import anyio
import pytest
from cli_runner import AGENT_ADS

mcp = pytest.importorskip("mcp")
from jsonschema import Draft202012Validator  # noqa: E402
from mcp import Client  # noqa: E402
from mcp.client.stdio import StdioServerParameters  # noqa: E402

from agent_ads_core.command_reference import describe_all, describing_context  # noqa: E402
from agent_ads_core.plugins import GUIDE_COMMAND, Registry  # noqa: E402

ACCOUNT = "549755885175"  # the simulator's first seeded ad account


def day(days_ago: int) -> str:
    return (datetime.now(timezone.utc).date() - timedelta(days=days_ago)).isoformat()


ANALYTICS = {"ad_account_id": ACCOUNT, "level": "campaign", "campaign_id": ["626700000000", "626700000001"],
             "columns": ["SPEND_IN_DOLLAR", "IMPRESSION_1"], "granularity": "DAY",
             "start_date": day(4), "end_date": day(1)}
ANALYTICS_ARGV = ["pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "campaign",
                  "--campaign-id", "626700000000,626700000001", "--columns", "SPEND_IN_DOLLAR,IMPRESSION_1",
                  "--granularity", "DAY", "--start-date", day(4), "--end-date", day(1)]


def expected_tools() -> dict[str, str]:
    """Tool name -> command path for every read-only data command of every installed provider."""
    registry = Registry(warn=io.StringIO()).load()
    providers = {r.name for r in registry.usable_providers()}
    return {"_".join(ref.path.replace("-", "_").split()): ref.path for ref in describe_all(describing_context(registry))
            if ref.spec.owner in providers and ref.spec.target != GUIDE_COMMAND
            and getattr(ref.command_class, "read_only", False)}


def server_env(cli) -> dict[str, str]:
    return {k: v for k, v in cli.env.items() if k != "AGENT_ADS_PROVIDERS"}  # every installed provider


def structured(result: Any) -> dict[str, Any]:
    assert isinstance(result.structured_content, dict), result
    return result.structured_content


def test_stdio_server_lists_every_data_command_and_answers_like_the_cli(cli, simulator, monkeypatch) -> None:
    monkeypatch.delenv("AGENT_ADS_PROVIDERS", raising=False)
    expected = expected_tools()
    assert "pinterest_ad_accounts_list" in expected and "pinterest_auth_set" not in expected
    cli_accounts = cli("pinterest", "ad-accounts", "list").json()
    cli_analytics = cli(*ANALYTICS_ARGV).json()
    secrets = {field.name for spec in Registry(warn=io.StringIO()).load().auth.values() for field in spec.fields}
    progress: list[str] = []

    async def scenario() -> None:
        params = StdioServerParameters(command=AGENT_ADS, args=["mcp", "serve"], env=server_env(cli),
                                       cwd=str(cli.tmp_path))
        async with Client(params) as client:
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            assert set(tools) == {*expected, "agent_ads_providers", "agent_ads_guide"}
            for tool in tools.values():
                Draft202012Validator.check_schema(tool.input_schema)
                assert tool.description
                properties = tool.input_schema.get("properties", {})
                assert not set(properties) & secrets and "request_file" not in properties and "output" not in properties
            query = tools["pinterest_analytics_query"].input_schema
            assert {"level", "start_date", "end_date", "columns", "granularity"} <= set(query["required"])
            assert query["properties"]["columns"]["type"] == "array"
            order = tools["pinterest_campaigns_list"].input_schema["properties"]["order"]
            assert order["enum"] == ["ASCENDING", "DESCENDING"]
            wait = tools["pinterest_report_runs_wait"].input_schema["properties"]
            assert wait["poll_interval_seconds"]["type"] == "number" and wait["poll_interval_seconds"]["default"] == 5

            accounts = await client.call_tool("pinterest_ad_accounts_list", {})
            assert not accounts.is_error and structured(accounts)["data"] == cli_accounts
            analytics = await client.call_tool("pinterest_analytics_query", ANALYTICS)
            assert not analytics.is_error, analytics.content
            assert structured(analytics)["data"] == cli_analytics
            assert structured(analytics)["meta"]["provider"] == "pinterest"

            requests_before = len(simulator.requests())
            bad = await client.call_tool("pinterest_analytics_query", {**ANALYTICS, "granularity": "DAYY"})
            error = structured(bad)["error"]
            assert bad.is_error and error["type"] == "argument" and "did you mean DAY" in error["message"]
            assert "Traceback" not in bad.content[0].text
            typo = await client.call_tool("pinterest_campaigns_list", {"ad_acount_id": ACCOUNT})
            assert typo.is_error and "ad_account_id" in structured(typo)["error"]["hint"]
            assert len(simulator.requests()) == requests_before  # refused before sending, like the CLI

            submitted = await client.call_tool("pinterest_report_runs_submit", {
                "ad_account_id": ACCOUNT, "level": "campaign", "granularity": "DAY", "columns": ["SPEND_IN_DOLLAR"],
                "start_date": day(3), "end_date": day(1)})
            token = structured(submitted)["data"]["token"]

            async def on_progress(value: float, total: float | None, message: str | None) -> None:
                progress.append(message or "")

            waited = await client.call_tool("pinterest_report_runs_wait", {"token": token, "ad_account_id": ACCOUNT,
                                                                            "poll_interval_seconds": 0.05},
                                            progress_callback=on_progress)
            assert structured(waited)["data"]["report_status"] == "FINISHED"

            guide = await client.call_tool("agent_ads_guide", {"provider": "pinterest"})
            assert guide.content[0].text.startswith("# Pinterest provider")
            providers = await client.call_tool("agent_ads_providers", {})
            assert "pinterest" in [row["name"] for row in structured(providers)["data"]]

    anyio.run(scenario)
    assert progress and all(token_text.startswith("report ") for token_text in progress)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_streamable_http_listens_on_loopback(cli) -> None:
    port = free_port()
    proc = subprocess.Popen([AGENT_ADS, "mcp", "serve", "--transport", "streamable-http", "--port", str(port)],
                            env=server_env(cli), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.1)

        async def scenario() -> list[str]:
            async with Client(f"http://127.0.0.1:{port}/mcp") as client:
                result = await client.call_tool("pinterest_ad_accounts_get", {"ad_account_id": ACCOUNT})
                assert structured(result)["data"]["id"] == ACCOUNT
                return [tool.name for tool in (await client.list_tools()).tools]

        assert "pinterest_campaigns_list" in anyio.run(scenario)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.parametrize("args,needle", [(["--port", "8000"], "--port applies"),
                                         (["--transport", "streamable-http"], "needs --port"),
                                         (["--transport", "sse"], "invalid choice")])
def test_bad_serve_flags_are_argument_errors(cli, args: list[str], needle: str) -> None:
    run = cli("mcp", "serve", *args)
    assert run.code == 2 and needle in run.error()["message"] and run.stdout == ""
