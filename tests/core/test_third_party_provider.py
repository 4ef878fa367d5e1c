"""A third party writes a provider package and it works with no change to the core.

The package below is all a provider needs: a pyproject declaring the ``agent_ads.providers``
entry point, hook implementations and one command class. Most tests "install" it by
writing the ``.dist-info`` pip would write (fast, isolated); one really runs pip.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from cli_runner import run_process
from core_helpers import write_distribution

PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "agent-ads-widgets"
version = "3.1.4"
description = "Widgets Ads for agent-ads"
dependencies = ["agent-ads"]

[project.entry-points."agent_ads.providers"]
widgets = "agent_ads_widgets.plugin"

[tool.setuptools]
packages = ["agent_ads_widgets"]
"""

PLUGIN = '''\
from agent_ads_core.hookspecs import hookimpl
from agent_ads_core.declarations import ProviderInfo


@hookimpl
def register_provider(register):
    register(ProviderInfo(name="widgets", summary="Widgets Ads", api_error_exit_code=9))


@hookimpl
def register_commands(register):
    register("widgets hello", "agent_ads_widgets.commands:Hello", "say hello")
    register("widgets refuse", "agent_ads_widgets.commands:Refuse", "fail like the API does")
'''

COMMANDS = '''\
from agent_ads_core.command import Command
from agent_ads_core.errors import ApiError
from agent_ads_core.result import Result


class Hello(Command):
    """Say hello."""

    def add_arguments(self, parser):
        parser.add_argument("--name", default="world")

    def execute(self, parsed_args):
        return Result(data={"hello": parsed_args.name})


class Refuse(Command):
    """Fail as the widgets API would."""

    def execute(self, parsed_args):
        raise ApiError("widget quota exceeded", provider="widgets", http_status=429, code="QUOTA")
'''


def write_package(root: Path) -> Path:
    package = root / "agent_ads_widgets"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text(PLUGIN)
    (package / "commands.py").write_text(COMMANDS)
    (root / "pyproject.toml").write_text(PYPROJECT)
    return root


def check_widgets_provider(env: dict[str, str]) -> None:
    rows = json.loads(run_process(["providers", "list"], env, providers="widgets,acme").stdout)
    assert {"name": "widgets", "distribution": "agent-ads-widgets", "version": "3.1.4", "summary": "Widgets Ads",
            "docs_url": None, "status": "ok", "capabilities": []} in rows
    run = run_process(["widgets", "hello", "--name", "agents", "--envelope"], env, providers="widgets")
    assert run.code == 0 and json.loads(run.stdout)["data"] == {"hello": "agents"}
    run = run_process(["widgets", "refuse"], env, providers="widgets")
    assert run.code == 9 and run.stdout == ""
    assert json.loads(run.stderr) == {"error": {"type": "api", "message": "widget quota exceeded",
                                             "provider": "widgets", "http_status": 429, "code": "QUOTA"}}
    assert "say hello" in run_process(["widgets", "--help"], env, providers="widgets").stdout


def test_third_party_provider_installed_as_a_distribution(env: dict[str, str], tmp_path: Path) -> None:
    site = write_package(tmp_path / "site")
    write_distribution(site, "agent-ads-widgets", "3.1.4", {"widgets": "agent_ads_widgets.plugin"})
    check_widgets_provider({**env, "PYTHONPATH": f"{site}:{env['PYTHONPATH']}"})


def build_wheel(source: Path, dest: Path) -> Path:
    """Zip the package as a wheel by hand: the venv has no ``wheel`` package for pip to build with."""
    name = "agent_ads_widgets-3.1.4"
    wheel = dest / f"{name}-py3-none-any.whl"
    files = {f"agent_ads_widgets/{p.name}": p.read_text() for p in (source / "agent_ads_widgets").glob("*.py")}
    files[f"{name}.dist-info/METADATA"] = "Metadata-Version: 2.1\nName: agent-ads-widgets\nVersion: 3.1.4\n" \
                                          "Summary: Widgets Ads for agent-ads\nRequires-Dist: agent-ads\n"
    files[f"{name}.dist-info/WHEEL"] = "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{name}.dist-info/entry_points.txt"] = "[agent_ads.providers]\nwidgets = agent_ads_widgets.plugin\n"
    record = "".join(f"{path},,\n" for path in files) + f"{name}.dist-info/RECORD,,\n"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
        archive.writestr(f"{name}.dist-info/RECORD", record)
    return wheel


def test_third_party_provider_really_pip_installed(env: dict[str, str], tmp_path: Path) -> None:
    """The real thing: pip installs the provider's wheel (into a target dir, leaving the project venv untouched)."""
    wheel = build_wheel(write_package(tmp_path / "src"), tmp_path)
    target = tmp_path / "target"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--no-build-isolation",
                           "--disable-pip-version-check", "--quiet", "--target", str(target), str(wheel)],
                          capture_output=True, text=True, timeout=120, env=env)
    if proc.returncode != 0 and "No module named pip" in proc.stderr:
        pytest.skip("pip is not available in this interpreter")
    assert proc.returncode == 0, proc.stderr
    assert (target / "agent_ads_widgets-3.1.4.dist-info" / "INSTALLER").read_text().strip() == "pip"
    check_widgets_provider({**env, "PYTHONPATH": f"{target}:{env['PYTHONPATH']}"})


def test_provider_failing_to_import_leaves_the_others_working(env: dict[str, str], tmp_path: Path) -> None:
    site = write_package(tmp_path / "site")
    bad = site / "agent_ads_bad"
    bad.mkdir()
    (bad / "__init__.py").write_text("")
    (bad / "plugin.py").write_text(textwrap.dedent("""\
        import agent_ads_nonexistent_dependency  # noqa: F401
    """))
    write_distribution(site, "agent-ads-widgets", "3.1.4", {"widgets": "agent_ads_widgets.plugin"})
    write_distribution(site, "agent-ads-bad", "0.1", {"bad": "agent_ads_bad.plugin"})
    env = {**env, "PYTHONPATH": f"{site}:{env['PYTHONPATH']}"}
    run = run_process(["widgets", "hello"], env, providers="bad,widgets")
    assert run.code == 0 and json.loads(run.stdout) == {"hello": "world"}
    assert len(run.stderr.splitlines()) == 1
    assert run.stderr.startswith("agent-ads: warning: provider 'bad' failed to import: ModuleNotFoundError")
    rows = {r["name"]: r for r in json.loads(run_process(["providers", "list"], env, providers="bad,widgets").stdout)}
    assert rows["bad"]["status"] == "error" and rows["widgets"]["status"] == "ok"
