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
from cli_runner import run_process
from core_helpers import write_distribution

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser as a package (a test dependency there)
    import tomli as tomllib

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "writing-a-provider.md"
CAMPAIGNS = [{"id": str(i), "name": f"campaign {i}"} for i in range(7)]
STATS_SEEN: list[tuple[str, str, str]] = []
EXPORT_POLLS: list[str] = []


def guide_block(caption: str, language: str) -> str:
    """The fenced block that follows the line naming ``caption`` in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(re.escape(caption) + r".*?\n```" + language + r"\n(.*?)```", text, re.S)
    assert match, f"the guide has no {language} block after {caption!r}"
    return match.group(1)


class PagedApi(BaseHTTPRequestHandler):
    """The guide's Acme API on loopback.

    ``GET /v1/campaigns?after=&limit=`` -> ``{"data": [...], "next": cursor}``;
    ``GET /v1/stats?since=&until=&ids=`` -> one row per id; ``POST /v1/exports`` -> ``{"id"}``,
    then ``GET /v1/exports/x1`` is RUNNING once, then DONE, and ``/v1/exports/x1/rows`` its rows.
    """

    def answer(self, status: int, body: object, request_id: str = "rid") -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("x-acme-request-id", request_id)
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if self.headers.get("Authorization") != "Bearer guide-token" or self.path != "/v1/exports":
            return self.answer(401, {"message": "no"})
        EXPORT_POLLS.clear()
        self.answer(200, {"id": "x1"})

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if self.headers.get("Authorization") != "Bearer guide-token":
            return self.answer(401, {"message": "no"})
        if parts.path == "/v1/stats":
            STATS_SEEN.append((query["since"], query["until"], query["ids"]))
            rows = [{"since": query["since"], "campaign": c} for c in query["ids"].split(",")]
            return self.answer(200, {"data": rows})
        if parts.path == "/v1/exports/x1":
            EXPORT_POLLS.append("poll")
            return self.answer(200, {"state": "RUNNING" if len(EXPORT_POLLS) == 1 else "DONE", "percent": 50})
        if parts.path == "/v1/exports/x1/rows":
            return self.answer(200, {"data": [{"row": 1}, {"row": 2}]})
        if parts.path != "/v1/campaigns":
            return self.answer(404, {"message": "no"})
        start = int(query.get("after", "0"))
        limit = int(query.get("limit", "25"))
        page = CAMPAIGNS[start : start + limit]
        nxt = str(start + limit) if start + limit < len(CAMPAIGNS) else None
        self.answer(200, {"data": page, "next": nxt}, f"rid-{start}")

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
    listed = run_process(["providers", "list"], env, providers="acme")
    assert json.loads(listed.stdout)[0]["capabilities"] == ["auth", "list", "analytics", "reports"]
    help_text = run_process(["acme", "--help"], env, providers="acme")
    assert "campaigns list" in help_text.stdout and "list campaigns" in help_text.stdout

    every = run_process(["acme", "campaigns", "ls", "--all", "--page-size", "3", "--format", "jsonl"], env,
                    providers="acme")
    assert every.code == 0, every.stderr
    assert [json.loads(line)["id"] for line in every.stdout.splitlines()] == [c["id"] for c in CAMPAIGNS]

    cut = json.loads(run_process(["acme", "campaigns", "list", "--max-items", "4", "--page-size", "2", "--envelope"],
                             env, providers="acme").stdout)
    assert [c["id"] for c in cut["data"]] == ["0", "1", "2", "3"]
    assert cut["paging"]["after"] == "4" and cut["meta"]["request_id"] == "rid-2"

    status = json.loads(run_process(["acme", "auth", "status"], env, providers="acme").stdout)
    assert status["credentials"] == [{"name": "token", "present": True, "source": "env", "env_var": "ACME_TOKEN"}]

    refused = run_process(["acme", "campaigns", "list"], {**env, "ACME_TOKEN": "wrong"}, providers="acme")
    assert refused.code == 9 and refused.stdout == ""
    assert json.loads(refused.stderr.splitlines()[-1])["error"]["http_status"] == 401


def test_the_guides_provider_gets_windows_batches_and_polling_from_the_core(guide_provider, api):
    from datetime import datetime, timedelta, timezone

    env = {**guide_provider, "ACME_API_BASE_URL": api, "ACME_TOKEN": "guide-token"}
    today = datetime.now(timezone.utc).date()
    start, end = today - timedelta(days=90), today - timedelta(days=1)
    STATS_SEEN.clear()
    stats = run_process(["acme", "stats", "query", "--start-date", start.isoformat(), "--end-date", end.isoformat(),
                     "--campaign-id", "a,b,c,d,e", "--envelope"], env, providers="acme")
    assert stats.code == 0, stats.stderr
    out = json.loads(stats.stdout)
    assert out["meta"] == {"windows": 3, "requests": 9} and len(STATS_SEEN) == 9
    assert sorted({ids for _, _, ids in STATS_SEEN}) == ["a,b", "c,d", "e"]
    windows = sorted({since for since, _, _ in STATS_SEEN})
    assert [(r["since"], r["campaign"]) for r in out["data"]] == [(w, c) for w in windows for c in "abcde"]

    too_old = run_process(["acme", "stats", "query", "--start-date", (today - timedelta(days=400)).isoformat(),
                       "--end-date", end.isoformat(), "--campaign-id", "a"], env, providers="acme")
    assert too_old.code == 2 and "too far back" in too_old.stderr

    export = run_process(["acme", "exports", "run", "--envelope"], env, providers="acme")
    assert export.code == 0, export.stderr
    out = json.loads(export.stdout)
    assert out["data"] == [{"row": 1}, {"row": 2}] and out["meta"] == {"export_id": "x1", "polls": 2}
    assert export.stderr == ""  # the wait's status line is drawn only for a person at a terminal
