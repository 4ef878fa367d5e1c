"""Fixtures for the core's tests: fake providers installed as real distributions, and CLI runners.

A provider is "installed" by copying its package from ``tests/third_party`` into a
directory beside a ``<dist>.dist-info`` holding ``METADATA`` and ``entry_points.txt``; with
that directory on the path, ``importlib.metadata`` sees an installed distribution exactly
as pip would leave it, without touching the project's venv.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

THIRD_PARTY = Path(__file__).resolve().parent.parent / "third_party"
AGENT_ADS = Path(sys.executable).with_name("agent-ads")

# entry point name -> (fixture dir, package, distribution name, version)
FAKES = {
    "acme": ("acme", "agent_ads_acme", "agent-ads-acme", "1.2.3"),
    "typo": ("typo", "agent_ads_typo", "agent-ads-typo", "0.0.1"),
    "broken": ("broken", "agent_ads_broken", "agent-ads-broken", "0.0.1"),
    "raising": ("raising", "agent_ads_raising", "agent-ads-raising", "0.0.1"),
}


def write_distribution(site: Path, dist: str, version: str, entry_points: dict[str, str], summary: str = "") -> None:
    """Write the metadata pip would: enough for ``importlib.metadata`` to list the entry points."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\nSummary: {summary}\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[agent_ads.providers]\n{lines}")


@pytest.fixture(scope="session")
def fake_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fake_site")
    for ep_name, (folder, package, dist, version) in FAKES.items():
        shutil.copytree(THIRD_PARTY / folder / package, site / package)
        write_distribution(site, dist, version, {ep_name: f"{package}.plugin"})
    return site


@pytest.fixture
def env(isolated_env: dict[str, str], fake_site: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Isolated environment where the fake providers are installed (select them with AGENT_ADS_PROVIDERS)."""
    monkeypatch.syspath_prepend(str(fake_site))
    return {**isolated_env, "PYTHONPATH": os.pathsep.join(filter(None, [str(fake_site), os.environ.get("PYTHONPATH")]))}


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def run_cli(args: list[str], env: dict[str, str], *, providers: str | None = None, stdin: str | None = None,
            timeout: float = 30, cwd: str | Path | None = None) -> Run:
    """Run the installed ``agent-ads`` script in a subprocess (``providers`` sets AGENT_ADS_PROVIDERS)."""
    env = dict(env)
    if providers is not None:
        env["AGENT_ADS_PROVIDERS"] = providers
    command = [str(AGENT_ADS)] if AGENT_ADS.exists() else [sys.executable, "-m", "agent_ads_core"]
    proc = subprocess.run([*command, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def run_app(args: list[str], monkeypatch: pytest.MonkeyPatch, providers: str | None = "acme") -> Run:
    """Run the app in-process (fast); the fake site must already be on the path (``env`` fixture)."""
    from agent_ads_core.app import AgentAdsApp

    if providers is None:
        monkeypatch.delenv("AGENT_ADS_PROVIDERS", raising=False)
    else:
        monkeypatch.setenv("AGENT_ADS_PROVIDERS", providers)
    out, err = io.StringIO(), io.StringIO()
    code = AgentAdsApp(stdout=out, stderr=err).run(args)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli(env: dict[str, str]):
    def run(*args: str, providers: str | None = "acme", **kwargs) -> Run:
        return run_cli(list(args), env, providers=providers, **kwargs)

    return run


@pytest.fixture
def app(env: dict[str, str], monkeypatch: pytest.MonkeyPatch):
    def run(*args: str, providers: str | None = "acme") -> Run:
        return run_app(list(args), monkeypatch, providers)

    return run
