"""Issue 9, point 22: the Pinterest guide says what the CLI does (doctor's exit codes, auth status, --include-meta)."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "providers" / "pinterest.md"
README = GUIDE.parents[2] / "README.md"


@pytest.fixture(autouse=True)
def _no_keychain(isolated_env) -> None:
    """A file keyring under tmp_path: nothing here may reach the real keychain."""


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_doctor_with_an_unreachable_host_exits_1_as_the_guide_says(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("PINTEREST_ADS_API_BASE_URL", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("PINTEREST_ADS_TIMEOUT_SECONDS", "2")
    for name in ("APP_ID", "APP_SECRET", "REFRESH_TOKEN"):
        monkeypatch.setenv(f"PINTEREST_ADS_{name}", "x")
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    run = run_cli("pinterest", "doctor", "--api")
    assert run.code == 1, run.stderr
    assert "`1` when the API host could not be reached" in GUIDE.read_text()


def test_the_guide_shows_every_key_auth_status_prints(run_cli) -> None:
    printed = set(json.loads(run_cli("pinterest", "auth", "status").stdout))
    example = re.search(r"auth status --pretty.*?```json\n(.*?)```", GUIDE.read_text(), re.S).group(1)
    assert printed <= set(json.loads(example)) | {"credential_store"}


def test_include_meta_is_described_with_the_warnings_it_carries() -> None:
    for doc in (GUIDE, README):
        lines = [line for line in doc.read_text().splitlines() if "`--include-meta`" in line and "stderr" in line]
        assert lines and all("warnings" in line for line in lines), doc
