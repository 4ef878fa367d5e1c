"""Provider discovery and the hooks: entry points, pluggy checks, AGENT_ADS_PROVIDERS, laziness.

Each hook has a test named after it that fails if the core stops honouring what a
provider registers through it.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from types import SimpleNamespace

import pytest

from agent_ads_core import hookspecs
from agent_ads_core.analytics_runner import split_range
from agent_ads_core.discovery import ENTRY_POINT_GROUP
from agent_ads_core.plugins import Registry
from agent_ads_core.report_runner import ReportCalls, ReportRunner, ReportStatus

WARNING = "agent-ads: warning: "


# -- 1. packaging: the core alone ------------------------------------------------------
def test_core_alone_help_says_how_to_install_a_provider(cli) -> None:
    run = cli("--help", providers="")
    assert run.code == 0
    assert "agent-ads-<platform>" in run.stdout and "pip install" in run.stdout
    assert "No providers are installed" in run.stdout
    assert run.stderr == ""


def test_core_alone_providers_list_is_empty_with_one_warning(cli) -> None:
    run = cli("providers", "list", providers="")
    assert run.code == 0
    assert json.loads(run.stdout) == []
    warnings = [json.loads(line) for line in run.stderr.splitlines()]
    assert len(warnings) == 1 and "pip install" in warnings[0]["warning"]


def test_core_alone_unknown_provider_command_points_at_installing_one(cli) -> None:
    run = cli("pinterest", "campaigns", "list", providers="")
    assert run.code == 2 and run.stdout == ""
    assert "agent-ads-<platform>" in json.loads(run.stderr)["error"]["hint"]


# -- 2. discovery --------------------------------------------------------------------
def test_plugin_manager_project_and_entry_point_group() -> None:
    assert hookspecs.PROJECT_NAME == "agent_ads"
    assert ENTRY_POINT_GROUP == "agent_ads.providers"
    assert Registry().pm.project_name == "agent_ads"


def test_misspelled_hook_is_rejected_with_one_warning_and_others_keep_working(cli) -> None:
    run = cli("providers", "list", providers="acme,typo")
    assert run.code == 0
    rows = {row["name"]: row for row in json.loads(run.stdout)}
    assert rows["typo"]["status"] == "error" and "register_comands" in rows["typo"]["error"]
    assert rows["acme"]["status"] == "ok"
    assert [line for line in run.stderr.splitlines() if line.startswith(WARNING)] == run.stderr.splitlines()
    assert len(run.stderr.splitlines()) == 1 and "register_comands" in run.stderr
    assert cli("acme", "ping", providers="acme,typo").code == 0


@pytest.mark.parametrize(("name", "reason"),
                         [("broken", "failed to import"), ("raising", "failed in register_commands")])
def test_failing_provider_costs_one_warning_line(cli, name: str, reason: str) -> None:
    run = cli("acme", "ping", providers=f"acme,{name}")
    assert run.code == 0 and json.loads(run.stdout)["pong"] is True
    assert len(run.stderr.splitlines()) == 1 and run.stderr.startswith(WARNING)
    assert reason in run.stderr and f"'{name}'" in run.stderr


def test_provider_failing_in_a_hook_keeps_nothing_it_registered(app) -> None:
    run = app("raising", "hello", providers="acme,raising")
    assert run.code == 2
    assert "unknown command" in json.loads(run.stderr.splitlines()[-1])["error"]["message"]


def test_agent_ads_providers_selects_which_load(cli) -> None:
    assert [r["name"] for r in json.loads(cli("providers", "list", providers="acme,pinterest").stdout)] == [
        "acme", "pinterest"]
    assert [r["name"] for r in json.loads(cli("providers", "list", providers="acme").stdout)] == ["acme"]
    assert [r["name"] for r in json.loads(cli("providers", "list", providers=" pinterest , ").stdout)] == ["pinterest"]
    assert json.loads(cli("providers", "list", providers="").stdout) == []


def test_unset_agent_ads_providers_loads_every_installed_provider(cli) -> None:
    names = [r["name"] for r in json.loads(cli("providers", "list", providers=None).stdout)]
    assert {"acme", "pinterest", "typo", "broken", "raising"} <= set(names)


# -- 3. hooks ------------------------------------------------------------------------
def test_hookspecs_are_the_documented_eight() -> None:
    assert set(hookspecs_names()) == {
        "register_provider", "register_commands", "register_config_schema", "register_auth",
        "register_doctor_checks", "register_list", "register_analytics", "register_reports"}


def hookspecs_names() -> list[str]:
    return [n for n in dir(hookspecs) if getattr(getattr(hookspecs, n), "agent_ads_spec", None) is not None]


def test_register_provider_gives_summary_version_and_exit_code(app) -> None:
    rows = json.loads(app("providers", "list").stdout)
    assert rows == [{"name": "acme", "distribution": "agent-ads-acme", "version": "1.2.3",
                     "summary": "Acme Ads (test double)", "docs_url": None, "status": "ok",
                     "capabilities": ["auth", "doctor", "list", "analytics", "reports"]}]
    assert app("acme", "fail").code == 9


def test_register_commands_is_lazy_a_broken_module_only_breaks_its_command(env, fake_site) -> None:
    """A command's module is imported only when it runs (broken_cmd raises on import)."""
    import subprocess

    code = (
        "import sys; from agent_ads_core.app import main\n"
        "codes = [main(['--help']), main(['acme', '--help']), main(['acme', 'ping'])]\n"
        "print(codes, sorted(m for m in sys.modules if m.startswith('agent_ads_acme')), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], env={**env, "AGENT_ADS_PROVIDERS": "acme"},
                          capture_output=True, text=True, timeout=30)
    assert proc.stderr.strip() == "[0, 0, 0] ['agent_ads_acme', 'agent_ads_acme.commands', 'agent_ads_acme.plugin']"
    assert "broken" in proc.stdout  # listed in help by its registered summary


def test_register_commands_broken_module_fails_as_json_internal_error(cli) -> None:
    run = cli("acme", "broken")
    assert run.code == 1 and run.stdout == ""
    error = json.loads(run.stderr)["error"]
    assert error["type"] == "internal" and "ImportError" in error["message"]


def test_core_commands_come_through_the_default_plugin() -> None:
    registry = Registry().load(entry_points=[])
    assert registry.pm.get_plugin("core").__name__ == "agent_ads_core.default_plugin"
    assert {"providers list", "auth status", "doctor", "config path", "config show", "config validate",
            "complete"} <= {p for p, spec in registry.commands.items() if spec.owner == "core"}


def test_register_commands_aliases_resolve(app) -> None:
    assert app("acme", "items", "ls").stdout == app("acme", "items", "list").stdout


def test_register_config_schema_fragment_validates_the_provider_section(app, tmp_path) -> None:
    (tmp_path / "agent-ads.config.json").write_text(json.dumps({"providers": {"acme": {"region": "mars"}}}))
    run = app("config", "validate")
    assert run.code == 2 and "$.providers.acme.region" in json.loads(run.stderr)["error"]["message"]
    (tmp_path / "agent-ads.config.json").write_text(json.dumps({"providers": {"acme": {"region": "us"}}}))
    assert app("config", "validate").code == 0


def test_register_auth_fields_drive_auth_status(app, monkeypatch) -> None:
    monkeypatch.setenv("ACME_TOKEN", "tok-value-1")
    rows = json.loads(app("auth", "status").stdout)
    assert rows[0]["provider"] == "acme"
    assert [(c["name"], c["source"], c["env_var"]) for c in rows[0]["credentials"]] == [
        ("token", "env", "ACME_TOKEN"), ("secret", "missing", "ACME_SECRET")]


def test_register_doctor_checks_run_and_needs_api_waits_for_api_flag(app, monkeypatch) -> None:
    monkeypatch.setenv("ACME_TOKEN", "t1234")
    monkeypatch.setenv("ACME_SECRET", "s1234")
    run = app("doctor")
    checks = {(c["provider"], c["name"]): c for c in json.loads(run.stdout)["checks"]}
    assert run.code == 0 and checks[("acme", "local")]["detail"] == "region eu"
    assert ("acme", "api") not in checks
    run = app("doctor", "--api")
    checks = {(c["provider"], c["name"]): c for c in json.loads(run.stdout)["checks"]}
    assert run.code == 2 and checks[("acme", "api")]["ok"] is False


def test_register_list_spec_drives_list_flags_and_paging(app) -> None:
    ids = [item["id"] for item in json.loads(app("acme", "items", "list", "--all").stdout)]
    assert ids == [str(i) for i in range(7)]
    assert len(json.loads(app("acme", "items", "list").stdout)) == 3  # default_page_size
    envelope = json.loads(app("acme", "items", "list", "--page-token", "3", "--page-size", "2", "--envelope").stdout)
    assert [i["id"] for i in envelope["data"]] == ["3", "4"]
    assert envelope["paging"] == {"page_token": "5", "items": 2, "pages": 1, "complete": False}
    run = app("acme", "items", "list", "--page-size", "6")  # above max_page_size
    assert run.code == 2 and "between 1 and 5" in run.stderr
    listed = app("acme", "items", "list", "--max-items", "4")
    assert [i["id"] for i in json.loads(listed.stdout)] == ["0", "1", "2", "3"]


def test_register_analytics_spec_sets_the_window_length(registry_of) -> None:
    registry = registry_of("acme")
    spec = registry.analytics["acme"]
    assert spec.window_days("DAY") == 30 and spec.window_days("HOUR") == 7 and spec.lookback("DAY") == 365
    windows = split_range(date(2024, 1, 1), date(2024, 3, 1), spec.window_days("DAY"))
    assert len(windows) == 2


def test_register_reports_spec_feeds_the_poll_loop(registry_of) -> None:
    registry = registry_of("acme")
    spec = registry.reports["acme"]
    states = iter(["QUEUED", "RUNNING", "DONE"])
    waits: list[float] = []
    calls = ReportCalls(submit=lambda: "t", status=lambda token: ReportStatus(next(states)),
                        results=lambda token, status: [], resume_command=lambda token: f"acme wait {token}")
    quiet = SimpleNamespace(report=lambda *args: None, clear=lambda: None)
    runner = ReportRunner(SimpleNamespace(progress=quiet), spec, calls, sleep=waits.append)
    assert runner.wait("t").state == "DONE" and runner.polls == 3
    assert waits == [spec.poll_interval_seconds, spec.poll_interval_seconds * spec.backoff_factor]


def test_a_provider_cannot_register_for_another(env) -> None:
    warnings = io.StringIO()
    registry = Registry(warn=warnings).load(entry_points=[_entry_point("other", "agent_ads_acme.plugin")])
    assert len(warnings.getvalue().splitlines()) == 1
    assert registry.providers["other"].status == "error"
    assert "acme" not in registry.auth and not any(s.owner == "other" for s in registry.commands.values())


def _entry_point(name: str, value: str):
    from importlib.metadata import EntryPoint

    return EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)
