"""``python -m agent_ads_meta_simulator``: one JSON line, SIGTERM/SIGINT stop, argument checks, quiet resets."""

from __future__ import annotations

import json
import signal
import socket
import struct
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from meta_sim_client import Reply, get_url

from agent_ads_meta_simulator import ACCESS_TOKEN

MODULE = "agent_ads_meta_simulator"


@contextmanager
def running(*args: str) -> Iterator[tuple[subprocess.Popen[str], dict[str, object]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", MODULE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line, process.stderr.read() if process.stderr else "no output"
        yield process, json.loads(line)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_prints_one_json_line_and_stops_on_signal(stop: signal.Signals) -> None:
    with running("--port", "0", "--seed", "0", "--report-polls", "1") as (process, info):
        assert set(info) == {"url", "port"} and info["url"] == f"http://127.0.0.1:{info['port']}"
        reply: Reply = get_url(f"{info['url']}/v25.0/me?access_token={ACCESS_TOKEN}")
        assert reply.status == 200 and reply.body["name"]
        process.send_signal(stop)
        assert process.wait(timeout=10) == 0
        assert process.stdout is not None and process.stdout.read() == ""
        assert process.stderr is not None and process.stderr.read() == ""


@pytest.mark.parametrize("args, message", [(["--host", "0.0.0.0"], "loopback"), (["--port", "70000"], "out of range")])
def test_refuses_bad_host_and_port(args: list[str], message: str) -> None:
    result = subprocess.run([sys.executable, "-m", MODULE, *args], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_client_resets_print_no_traceback() -> None:
    with running("--require-appsecret-proof") as (process, info):
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", int(info["port"])))  # type: ignore[arg-type]
            sock.sendall(b"GET /v25.0/me HTTP/1.1\r\nHost: x\r\n")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST on close
            sock.close()
        reply = get_url(f"{info['url']}/_sim/health")
        assert reply.body["ok"] is True
        assert get_url(f"{info['url']}/_sim/requests").body == []
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stderr is not None and process.stderr.read() == ""
