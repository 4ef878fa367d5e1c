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
from pathlib import Path

import pytest
from cli_runner import CliRun, run_in_process, run_process
from core_helpers import write_distribution

THIRD_PARTY = Path(__file__).resolve().parent.parent / "third_party"

# entry point name -> (fixture dir, package, distribution name, version)
FAKES = {
    "acme": ("acme", "agent_ads_acme", "agent-ads-acme", "1.2.3"),
    "typo": ("typo", "agent_ads_typo", "agent-ads-typo", "0.0.1"),
    "broken": ("broken", "agent_ads_broken", "agent-ads-broken", "0.0.1"),
    "raising": ("raising", "agent_ads_raising", "agent-ads-raising", "0.0.1"),
}


@pytest.fixture(scope="session")
def fake_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fake_site")
    for ep_name, (folder, package, dist, version) in FAKES.items():
        shutil.copytree(THIRD_PARTY / folder / package, site / package)
        write_distribution(site, dist, version, {ep_name: f"{package}.plugin"})
    shutil.copytree(THIRD_PARTY / "tsv" / "agent_ads_tsv", site / "agent_ads_tsv")
    write_distribution(site, "agent-ads-tsv", "0.0.1", {"tsv": "agent_ads_tsv:TsvFormatter"},
                       group="agent_ads.formatters")
    return site


@pytest.fixture
def env(isolated_env: dict[str, str], fake_site: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Isolated environment where the fake providers are installed (select them with AGENT_ADS_PROVIDERS)."""
    monkeypatch.syspath_prepend(str(fake_site))
    return {**isolated_env, "PYTHONPATH": os.pathsep.join(filter(None, [str(fake_site), os.environ.get("PYTHONPATH")]))}


@pytest.fixture
def cli(env: dict[str, str]):
    """Run the installed ``agent-ads`` in a subprocess; ``providers`` sets AGENT_ADS_PROVIDERS."""
    def run(*args: str, providers: str | None = "acme", env: dict[str, str] = env, timeout: float = 30,
            **kwargs) -> CliRun:
        return run_process(args, env, providers=providers, timeout=timeout, **kwargs)

    return run


@pytest.fixture
def app(env: dict[str, str], monkeypatch: pytest.MonkeyPatch):
    """Run the app in-process (fast); ``providers`` sets AGENT_ADS_PROVIDERS (None: unset)."""
    def run(*args: str, providers: str | None = "acme") -> CliRun:
        if providers is None:
            monkeypatch.delenv("AGENT_ADS_PROVIDERS", raising=False)
        else:
            monkeypatch.setenv("AGENT_ADS_PROVIDERS", providers)
        return run_in_process(args)

    return run


@pytest.fixture
def registry_of(env: dict[str, str]):
    """Load a Registry in-process from the named installed (fake or real) providers."""
    from importlib import metadata

    from agent_ads_core.discovery import ENTRY_POINT_GROUP
    from agent_ads_core.plugins import Registry

    def load(*names: str) -> Registry:
        eps = [ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.name in names]
        return Registry(warn=io.StringIO()).load(entry_points=sorted(eps, key=lambda ep: ep.name))

    return load
