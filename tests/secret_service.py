"""A private Secret Service for tests: gnome-keyring-daemon inside its own ``dbus-run-session``.

The session bus, the daemon and its keyring files live under a temp dir and end with the
test, so a test never sees the user's real keyring nor another test's entries. Without
``dbus-run-session`` or ``gnome-keyring-daemon`` the tests marked ``secret_service`` skip
(``make test`` says so in its summary), except under ``CI`` where that is a failure: CI
must prove the credential code works against a real OS credential store.

Importable from every test directory (pytest puts ``tests/`` on the path for its conftest).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

MARKER = "secret_service"
TOOLS = ("dbus-run-session", "gnome-keyring-daemon")
# Unlock a fresh login keyring headlessly, print the bus address, then live until stdin closes.
SESSION_SCRIPT = (
    'echo -n test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || exit 1; '
    'echo "$DBUS_SESSION_BUS_ADDRESS"; exec cat >/dev/null'
)
PROBE = (
    "import keyring\n"
    "from keyring.backends import SecretService\n"
    "backend = SecretService.Keyring()\n"
    "backend.set_password('agent-ads-probe', 'probe', 'ok')\n"
    "assert backend.get_password('agent-ads-probe', 'probe') == 'ok'\n"
    "backend.delete_password('agent-ads-probe', 'probe')\n"
)


def unavailable_reason() -> str | None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return (f"Secret Service tests skipped: {' and '.join(missing)} not found "
                "(Debian/Ubuntu: apt-get install gnome-keyring dbus)")
    return None


@pytest.fixture
def secret_service_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Start a private Secret Service; yield the environment variables that select it."""
    reason = unavailable_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason.replace("skipped", "cannot run in CI"))
        pytest.skip(reason)
    home = tmp_path / "secret-service"
    runtime = home / "run"
    runtime.mkdir(parents=True, mode=0o700)
    daemon_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
                  "XDG_CONFIG_HOME": str(home / "config"), "XDG_RUNTIME_DIR": str(runtime)}
    proc = subprocess.Popen(["dbus-run-session", "--", "sh", "-c", SESSION_SCRIPT], env=daemon_env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        address = (proc.stdout.readline() if proc.stdout else "").strip()
        assert address, "dbus-run-session did not start a bus with an unlocked gnome-keyring"
        env = {"DBUS_SESSION_BUS_ADDRESS": address, "XDG_RUNTIME_DIR": str(runtime)}
        probe = subprocess.run([sys.executable, "-c", PROBE], env={**os.environ, **env}, capture_output=True,
                               text=True, timeout=60)
        assert probe.returncode == 0, f"the Secret Service does not answer: {probe.stderr}"
        yield env
    finally:
        if proc.stdin:
            proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


class SecretServiceReport:
    """Counts outcomes of the marked tests; prints them, and writes them where CI asks."""

    def __init__(self) -> None:
        self.outcomes: dict[str, int] = {"passed": 0, "failed": 0, "skipped": 0}
        self.skip_reasons: set[str] = set()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if MARKER not in report.keywords:
            return
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed") or (
                report.when == "teardown" and report.outcome == "failed"):
            self.outcomes[report.outcome] += 1
            if report.outcome == "skipped" and isinstance(report.longrepr, tuple):
                self.skip_reasons.add(str(report.longrepr[2]).removeprefix("Skipped: "))

    def pytest_terminal_summary(self, terminalreporter) -> None:
        counts = ", ".join(f"{n} {outcome}" for outcome, n in self.outcomes.items() if n)
        if not counts:
            return
        line = f"Secret Service tests (real gnome-keyring over D-Bus): {counts}"
        if self.skip_reasons:
            line += " - " + "; ".join(sorted(self.skip_reasons))
        terminalreporter.write_sep("=", line, yellow=bool(self.outcomes["skipped"]), bold=True)
        target = os.environ.get("AGENT_ADS_SECRET_SERVICE_REPORT")
        if target:
            Path(target).write_text(json.dumps(self.outcomes))
