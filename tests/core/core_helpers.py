"""Helpers shared by the core's tests: fake distributions and the two ways of running the CLI."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

AGENT_ADS = Path(sys.executable).with_name("agent-ads")


def write_distribution(site: Path, dist: str, version: str, entry_points: dict[str, str], summary: str = "",
                       group: str = "agent_ads.providers") -> None:
    """Write the metadata pip would: enough for ``importlib.metadata`` to list the entry points."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\nSummary: {summary}\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[{group}]\n{lines}")


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
