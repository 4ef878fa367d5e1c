"""The complete minimal provider in docs/writing-a-provider.md really works, as written.

The test copies the guide's code blocks into a temporary installed distribution and runs
the real ``agent-ads`` against a small paged API on loopback, so the guide cannot drift
from what the core accepts.
"""

from __future__ import annotations

import json
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from core_helpers import run_cli, write_distribution

tomllib = pytest.importorskip("tomllib", reason="reading the guide's pyproject needs Python 3.11+")

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "writing-a-provider.md"
CAMPAIGNS = [{"id": str(i), "name": f"campaign {i}"} for i in range(7)]


def guide_block(caption: str, language: str) -> str:
    """The fenced block that follows the line naming ``caption`` in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(re.escape(caption) + r".*?\n```" + language + r"\n(.*?)```", text, re.S)
    assert match, f"the guide has no {language} block after {caption!r}"
    return match.group(1)


class PagedApi(BaseHTTPRequestHandler):
    """``GET /v1/campaigns?after=&limit=`` answering ``{"data": [...], "next": cursor}``."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if self.headers.get("Authorization") != "Bearer guide-token" or parts.path != "/v1/campaigns":
            self.send_response(401 if parts.path == "/v1/campaigns" else 404)
            self.end_headers()
            self.wfile.write(b'{"message": "no"}')
            return
        start = int(query.get("after", ["0"])[0])
        limit = int(query.get("limit", ["25"])[0])
        page = CAMPAIGNS[start : start + limit]
        nxt = str(start + limit) if start + limit < len(CAMPAIGNS) else None
        body = json.dumps({"data": page, "next": nxt}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("x-acme-request-id", f"rid-{start}")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def api() -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), PagedApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def guide_provider(tmp_path: Path, isolated_env: dict[str, str]) -> dict[str, str]:
    pyproject = tomllib.loads(guide_block("`pyproject.toml`:", "toml"))
    site = tmp_path / "site"
    package = site / "agent_ads_acme"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text(guide_block("`agent_ads_acme/plugin.py`:", "python"))
    (package / "commands.py").write_text(guide_block("`agent_ads_acme/commands.py`:", "python"))
    project = pyproject["project"]
    write_distribution(site, project["name"], project["version"], project["entry-points"]["agent_ads.providers"])
    return {**isolated_env, "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}


def test_the_guides_minimal_provider_lists_pages_and_fails_with_its_own_code(guide_provider, api):
    env = {**guide_provider, "ACME_API_BASE_URL": api, "ACME_TOKEN": "guide-token"}
    listed = run_cli(["providers", "list"], env, providers="acme")
    assert json.loads(listed.out)[0]["capabilities"] == ["auth", "list"]
    help_text = run_cli(["acme", "--help"], env, providers="acme")
    assert "campaigns list" in help_text.out and "list campaigns" in help_text.out

    every = run_cli(["acme", "campaigns", "ls", "--all", "--page-size", "3", "--format", "jsonl"], env,
                    providers="acme")
    assert every.code == 0, every.err
    assert [json.loads(line)["id"] for line in every.out.splitlines()] == [c["id"] for c in CAMPAIGNS]

    cut = json.loads(run_cli(["acme", "campaigns", "list", "--max-items", "4", "--page-size", "2", "--envelope"],
                             env, providers="acme").out)
    assert [c["id"] for c in cut["data"]] == ["0", "1", "2", "3"]
    assert cut["paging"]["after"] == "4" and cut["meta"]["request_id"] == "rid-2"

    status = json.loads(run_cli(["acme", "auth", "status"], env, providers="acme").out)
    assert status["credentials"] == [{"name": "token", "present": True, "source": "env", "env_var": "ACME_TOKEN"}]

    refused = run_cli(["acme", "campaigns", "list"], {**env, "ACME_TOKEN": "wrong"}, providers="acme")
    assert refused.code == 9 and refused.out == ""
    assert json.loads(refused.err.splitlines()[-1])["error"]["http_status"] == 401
