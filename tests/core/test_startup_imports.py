"""Start-up stays cheap: help and version import no command module and no heavy library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("requests", "keyring", "jsonschema", "mcp", "pydantic", "anyio")  # mcp: the MCP plugin's SDK
HUMAN_VIEW = ("rich", "plotext")  # the terminal extra: only for --format table/chart
ENTRIES = ("agent_ads_core.entry", "agent_ads_core.app")  # the console script, and the app it delegates to
PROBE = (
    "import importlib, json, sys\n"
    "main = importlib.import_module(sys.argv[2]).main\n"
    "sys.argv = ['agent-ads', *json.loads(sys.argv[1])]\n"
    "code = main()\n"
    "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}), file=sys.stderr)\n"
)


def modules_after(argv: list[str], env: dict[str, str], providers: str, entry: str = ENTRIES[0]) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv), entry], capture_output=True, text=True,
                          timeout=30, env={**env, "AGENT_ADS_PROVIDERS": providers})
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, proc.stderr
    return set(report["modules"])


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["pinterest", "--help"],
                                  ["pinterest", "campaigns", "--help"]])
def test_help_and_version_import_no_command_module_nor_heavy_library(env, argv: list[str], entry: str) -> None:
    modules = modules_after(argv, env, "pinterest,acme", entry)
    assert not modules & set(HEAVY + HUMAN_VIEW), modules & set(HEAVY + HUMAN_VIEW)
    assert not [m for m in modules if m.startswith(("agent_ads_pinterest.commands", "agent_ads_acme.commands"))]
    assert "agent_ads_core.http" not in modules and "agent_ads_core.credentials" not in modules
    assert not [m for m in modules if m.startswith(("agent_ads_core.command_reference", "agent_ads_mcp.serve",
                                                    "agent_ads_mcp.server", "agent_ads_mcp.tools"))]


@pytest.mark.parametrize("entry", ENTRIES)
def test_version_imports_no_provider_at_all(env, entry: str) -> None:
    modules = modules_after(["--version"], env, "pinterest,acme", entry)
    assert not [m for m in modules if m.startswith(("agent_ads_pinterest", "agent_ads_acme"))]


def test_version_imports_no_stevedore(env) -> None:
    assert not [m for m in modules_after(["--version"], env, "pinterest,acme") if m.startswith("stevedore")]


@pytest.mark.parametrize("argv", [["--help"], ["pinterest", "campaigns", "--help"]])
def test_help_loads_no_formatter(env, argv: list[str]) -> None:
    """Formatters are stevedore drivers looked up only when a command writes (cliff itself imports stevedore)."""
    modules = modules_after(argv, env, "pinterest,acme")
    assert not [m for m in modules if m.startswith("agent_ads_core.formatters.")]


def test_providers_list_imports_no_heavy_library(env) -> None:
    modules = modules_after(["providers", "list"], env, "pinterest,acme")
    assert not modules & set(HEAVY)
    assert "agent_ads_core.formatters.json" in modules and "agent_ads_core.formatters.csv" not in modules


def test_the_probe_sees_imports(env) -> None:
    """Guards the tests above against passing vacuously."""
    assert "agent_ads_acme.commands" in modules_after(["acme", "ping"], env, "acme")


def test_a_config_file_validated_before_is_read_without_jsonschema(env, tmp_path) -> None:
    config = tmp_path / "agent-ads.config.json"
    config.write_text(json.dumps({"providers": {"acme": {"region": "eu"}}}))
    with_config = {**env, "AGENT_ADS_CONFIG": str(config)}
    assert "jsonschema" in modules_after(["acme", "settings"], with_config, "acme")
    assert "jsonschema" not in modules_after(["acme", "settings"], with_config, "acme")
    config.write_text(json.dumps({"providers": {"acme": {"region": "us"}}}))
    assert "jsonschema" in modules_after(["acme", "settings"], with_config, "acme")


@pytest.mark.parametrize("argv", [["acme", "items", "list", "--all"], ["acme", "stats", "--format", "csv"],
                                  ["providers", "list"]])
def test_data_commands_in_machine_formats_import_neither_rich_nor_plotext(env, argv: list[str]) -> None:
    assert not modules_after(argv, env, "acme") & set(HUMAN_VIEW)


def test_the_probe_sees_the_human_view_imports(env) -> None:
    assert "rich" in modules_after(["acme", "stats", "--format", "table"], env, "acme")
    assert "plotext" in modules_after(["acme", "stats", "--format", "chart"], env, "acme")
