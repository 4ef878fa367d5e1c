"""`auth set` on a real terminal: four prompts, nothing echoed, everything stored."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import time

from cli_runner import AGENT_ADS

SECRETS = ["prompt-app-id", "prompt-app-secret", "prompt-access-token", "prompt-refresh-token"]


def _read_until(fd: int, marker: bytes, deadline: float) -> bytes:
    seen = b""
    while marker not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"timed out waiting for {marker!r}; got {seen!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_auth_set_prompts_without_echo_on_a_terminal(cli):
    env = {k: v for k, v in cli.env.items() if not k.startswith("PINTEREST_ADS_") or k.endswith("BASE_URL")}
    primary, secondary = pty.openpty()
    proc = subprocess.Popen([AGENT_ADS, "pinterest", "auth", "set"], stdin=secondary, stdout=secondary,
                            stderr=secondary, env=env, cwd=cli.tmp_path, close_fds=True)
    os.close(secondary)
    deadline = time.monotonic() + 30
    transcript = b""
    try:
        for label, secret in zip(["App ID", "App secret", "Access token", "Refresh token"], SECRETS):
            transcript += _read_until(primary, f"{label}: ".encode(), deadline)
            os.write(primary, secret.encode() + b"\n")
        transcript += _read_until(primary, b"}", deadline)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        os.close(primary)
    for secret in SECRETS:
        assert secret.encode() not in transcript
    stored = cli("pinterest", "auth", "status", env={name: None for name in (
        "PINTEREST_ADS_APP_ID", "PINTEREST_ADS_APP_SECRET", "PINTEREST_ADS_ACCESS_TOKEN",
        "PINTEREST_ADS_REFRESH_TOKEN")}).json()
    assert {c["name"]: c["source"] for c in stored["credentials"]} == {
        "app_id": "store", "app_secret": "store", "access_token": "store", "refresh_token": "store"}
    assert "prompt-" not in json.dumps(stored)
