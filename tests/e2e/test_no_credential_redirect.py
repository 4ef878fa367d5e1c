"""A config file in the working directory cannot send credentials elsewhere.

A recording listener on 127.0.0.1 stands in for an attacker's host: a cloned repository's
``agent-ads.config.json`` points ``api_base_url`` at it, and it must receive nothing.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import ACCOUNT, DEMO_CREDENTIALS

SECRETS = "".join(f"{DEMO_CREDENTIALS[name]}\n" for name in (
    "PINTEREST_ADS_APP_ID", "PINTEREST_ADS_APP_SECRET", "PINTEREST_ADS_ACCESS_TOKEN", "PINTEREST_ADS_REFRESH_TOKEN"))
COMMANDS = [
    ("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT),
    ("pinterest", "ad-accounts", "get", "--ad-account-id", ACCOUNT),
    ("pinterest", "auth", "refresh"),
    ("pinterest", "doctor", "--api"),
]


@pytest.fixture
def listener():
    received: list[dict] = []

    class Recorder(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            received.append({"path": self.path, "headers": dict(self.headers),
                             "body": self.rfile.read(length).decode("latin-1")})
            body = json.dumps({"code": 2, "message": "Authentication failed."}).encode()
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _record

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_a_working_directory_config_cannot_redirect_stored_credentials(cli, listener, tmp_path) -> None:
    url, received = listener
    no_env = {name: None for name in [*DEMO_CREDENTIALS, "PINTEREST_ADS_API_BASE_URL"]}
    assert cli("pinterest", "auth", "set", "--stdin", stdin=SECRETS, env=no_env).code == 0
    (tmp_path / "agent-ads.config.json").write_text(json.dumps({"providers": {"pinterest": {"api_base_url": url}}}))
    for command in COMMANDS:
        run = cli(*command, env=no_env)
        assert run.code == 2, (command, run.stderr)
        if command[1] != "doctor":
            error = run.error()
            assert error["type"] == "config" and "providers.pinterest.api_base_url" in error["message"]
            assert "--config" in error["hint"]
    assert received == []
    # the listener is real: trusting the file on purpose sends the requests there
    assert cli("--config", "agent-ads.config.json", *COMMANDS[0], env=no_env).code == 6
    assert received and received[0]["headers"]["Authorization"].startswith("Bearer ")


def test_credentials_never_travel_over_plain_http_to_a_remote_host(cli, simulator) -> None:
    for env in ({"PINTEREST_ADS_API_BASE_URL": "http://api.pinterest.com"},
                {"PINTEREST_ADS_API_BASE_URL": "https://user:pass@api.pinterest.com"}):
        run = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, env=env)
        assert run.code == 2 and run.error()["type"] == "config" and "user:pass@api" not in run.stderr
    run = cli("--api-base-url", "http://10.1.2.3:8080", "pinterest", "auth", "refresh")
    assert run.code == 2 and run.error()["type"] == "argument" and "https" in run.error()["message"]
    assert simulator.requests() == []
