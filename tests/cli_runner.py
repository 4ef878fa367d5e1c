"""The one way every test suite runs ``agent-ads`` and inspects what the run left behind.

Two ways to run, one result: :func:`run_process` starts the installed console script (what
users and agents run: real exit codes, real streams, real environment) and
:func:`run_in_process` calls the app in this interpreter (fast; ``responses`` mocks and
monkeypatches apply). Tests that need a live process (signals, terminals) start
:data:`AGENT_ADS` themselves.

Importable from every test directory: pytest puts ``tests/`` on the path for its conftest.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent_ads_core.plugins import Registry

AGENT_ADS = str(Path(sys.executable).with_name("agent-ads"))


@dataclass
class CliRun:
    """Exit status and the two streams of one run."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def error(self) -> dict[str, Any]:
        """The one JSON error object on stderr (warnings may precede it)."""
        lines = [line for line in self.stderr.splitlines() if line.startswith('{"error"')]
        assert len(lines) == 1, self.stderr
        return json.loads(lines[0])["error"]


def run_process(args: Sequence[str], env: Mapping[str, str | None], *, providers: str | None = None,
                stdin: str | None = None, timeout: float = 60, cwd: str | Path | None = None,
                as_module: bool = False) -> CliRun:
    """Run ``agent-ads args`` (or ``python -m agent_ads_core args``) with exactly ``env``.

    None values in ``env`` are left out; ``providers`` sets AGENT_ADS_PROVIDERS.
    """
    command = [sys.executable, "-m", "agent_ads_core"] if as_module else [AGENT_ADS]
    environ = {key: value for key, value in env.items() if value is not None}
    if providers is not None:
        environ["AGENT_ADS_PROVIDERS"] = providers
    done = subprocess.run([*command, *args], env=environ, input=stdin, capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)
    return CliRun(done.returncode, done.stdout, done.stderr)


def run_in_process(args: Sequence[str], *, registry: Registry | None = None,
                   environ: Mapping[str, str] | None = None) -> CliRun:
    """Run the app in this process, with ``os.environ`` (monkeypatch it) unless ``environ`` is given."""
    from agent_ads_core.app import AgentAdsApp

    stdout, stderr = io.StringIO(), io.StringIO()
    code = AgentAdsApp(stdout=stdout, stderr=stderr, registry=registry, environ=environ).run(list(args))
    return CliRun(code, stdout.getvalue(), stderr.getvalue())
