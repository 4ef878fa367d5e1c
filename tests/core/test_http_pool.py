"""Parallel requests share one keep-alive pool big enough for all of them.

A loopback server holds every request of a round until all of them have arrived, so the
requests really are in flight together; it records which client connection each came on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agent_ads_core.http import HttpClient

PARALLEL = 12  # more than requests' default pool of 10


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.together = threading.Barrier(PARALLEL)
        self.connections: set[int] = set()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.connections.add(self.client_address[1])
        self.server.together.wait(timeout=30)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def two_rounds(client: HttpClient, url: str) -> None:
    with ThreadPoolExecutor(PARALLEL) as pool:
        for _ in range(2):
            assert [r.status_code for r in pool.map(lambda _: client.request("GET", url), range(PARALLEL))] == \
                [200] * PARALLEL


def test_parallel_requests_reuse_one_connection_each(server: _Server, caplog: pytest.LogCaptureFixture) -> None:
    client = HttpClient(timeout=30, user_agent="agent-ads/test", max_parallel=PARALLEL)
    with caplog.at_level(logging.WARNING, logger="urllib3.connectionpool"):
        two_rounds(client, f"http://127.0.0.1:{server.server_port}/x")
    assert len(server.connections) == PARALLEL  # the second round came on the first round's connections
    assert "Connection pool is full" not in caplog.text


def test_a_pool_smaller_than_the_parallel_requests_would_discard_connections(
        server: _Server, caplog: pytest.LogCaptureFixture) -> None:
    """What the test above guards against (requests' default pool of 10 for 12 workers)."""
    client = HttpClient(timeout=30, user_agent="agent-ads/test")
    with caplog.at_level(logging.WARNING, logger="urllib3.connectionpool"):
        two_rounds(client, f"http://127.0.0.1:{server.server_port}/x")
    assert len(server.connections) > PARALLEL and "Connection pool is full" in caplog.text


def test_a_providers_client_pools_a_connection_for_each_request_it_may_run_at_once(
        registry_of, monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from agent_ads_core.context import RunContext

    registry = registry_of("acme")
    monkeypatch.setitem(registry.analytics, "acme", replace(registry.analytics["acme"], max_concurrency=PARALLEL))
    ctx = RunContext(registry, argparse.Namespace(api_base_url=None, api_version=None, timeout_seconds=None))
    adapter = ctx.for_provider("acme").http().session.get_adapter("https://api.acme.test/")
    assert adapter.poolmanager.connection_pool_kw["maxsize"] == PARALLEL
