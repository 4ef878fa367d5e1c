"""BackgroundServer and RequestHandler: loopback only, lifecycle, controls apart, send, drop, quiet resets."""

from __future__ import annotations

import http.client
import json
import socket
import time
from typing import Any
from urllib.parse import parse_qsl

import pytest
from simulator_harness import reset_connections

from agent_ads_simulator_kit.fault_board import FaultBoard
from agent_ads_simulator_kit.http_server import (
    BackgroundServer,
    RequestHandler,
    StreamedBody,
    check_address,
    is_loopback,
)
from agent_ads_simulator_kit.request_log import RequestLog


class Echo(BackgroundServer):
    """A tiny service: ``/echo`` answers what it got, ``/stream`` a chunked body, ``/half`` half of one."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port, _EchoHandler, "echo")
        self.log = RequestLog()
        self.faults = FaultBoard({"drop_connection": {}, "slow": {"seconds": 0.0}, "boom": {}})


class _EchoHandler(RequestHandler[Echo]):
    server_version = "Echo/1"

    def control(self, action: str, body: bytes) -> None:
        self.send(200, json.dumps({"control": action}).encode(), {"Content-Type": "application/json"})

    def serve(self, path: str, query: str, body: bytes) -> None:
        if path == "/bug":
            raise RuntimeError("a simulator bug")
        entry = {"path": path, "status": None}
        armed = self.sim.faults.take(path, ("drop_connection", "slow", "boom"))
        fault = self.connection_fault(armed, self.sim.log, entry, delay_param="seconds")
        status = 500 if fault is not None else 200
        self.sim.log.request({**entry, "status": status})
        if path == "/stream":
            self.send(status, StreamedBody(iter([b"ab", b"cd", b"e"]), 5), {"Content-Type": "text/plain"})
            return
        data = json.dumps({"method": self.command, "path": path, "query": parse_qsl(query), "body": body.decode()})
        self.send(status, data.encode(), {"Content-Type": "application/json", "x-echo": "1"}, truncate=path == "/half")


def _get(server: Echo, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def test_is_loopback_and_check_address() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "127.8.9.10", "::1", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "10.0.0.1", "::", "example.com", "localhost.example.com"]))
    check_address("127.0.0.1", 0)
    check_address("localhost", 65535)
    with pytest.raises(ValueError, match="refusing to bind host '0.0.0.0': the simulator only listens on loopback"):
        check_address("0.0.0.0", 0)
    with pytest.raises(ValueError, match="^port 70000 is out of range 0-65535"):
        check_address("127.0.0.1", 70000)


@pytest.mark.parametrize("host, port", [("0.0.0.0", 0), ("192.168.1.1", 0), ("127.0.0.1", -1), ("127.0.0.1", 65536)])
def test_a_bad_address_is_refused_before_anything_is_bound(host: str, port: int) -> None:
    with pytest.raises(ValueError):
        Echo(host, port)


def test_lifecycle_url_port_and_context_manager() -> None:
    server = Echo()
    assert server.url is None and server.port == 0
    with server as started:
        assert started is server and server.port > 0 and server.url == f"http://127.0.0.1:{server.port}"
        with pytest.raises(RuntimeError, match="already started"):
            server.start()
        assert server.__enter__() is server  # entering a started server does not start it again
        status, headers, data = _get(server, "/echo?a=1&b=2", "POST", b"hi")
        assert status == 200 and headers["x-echo"] == "1" and headers["Server"].startswith("Echo/1")
        assert json.loads(data) == {"method": "POST", "path": "/echo", "query": [["a", "1"], ["b", "2"]], "body": "hi"}
        port = server.port
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    server.stop()  # stopping a stopped server is a no-op


def test_controls_are_routed_apart_and_every_method_is_served() -> None:
    with Echo() as server:
        assert json.loads(_get(server, "/_sim/health")[2]) == {"control": "health"}
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            assert json.loads(_get(server, "/x", method)[2])["method"] == method
        assert [entry["path"] for entry in server.log.requests()] == ["/x"] * 5


def test_streamed_and_truncated_bodies() -> None:
    with Echo() as server:
        status, headers, data = _get(server, "/stream")
        assert status == 200 and headers["Content-Length"] == "5" and data == b"abcde"
        connection = http.client.HTTPConnection(server.host, server.port, timeout=5)
        connection.request("GET", "/half")
        response = connection.getresponse()
        assert response.status == 200 and response.getheader("Connection") == "close"
        with pytest.raises(http.client.IncompleteRead) as cut:
            response.read()
        assert 0 < len(cut.value.partial) < int(response.getheader("Content-Length") or 0)
        connection.close()


def test_connection_faults(monkeypatch: pytest.MonkeyPatch) -> None:
    with Echo() as server:
        server.faults.add("drop_connection", path="/gone")
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            _get(server, "/gone")
        assert server.log.requests() == [{"path": "/gone", "status": None}]  # logged before the drop

        slept: list[float] = []
        monkeypatch.setattr(time, "sleep", slept.append)
        server.faults.add("slow", seconds=0.25)
        server.faults.add("boom", path="/later")
        assert _get(server, "/slow")[0] == 200 and slept == [0.25]
        assert _get(server, "/later")[0] == 500  # any other fault is handed back to the handler


def test_client_resets_are_quiet_but_bugs_are_reported(capfd: pytest.CaptureFixture[str]) -> None:
    with Echo() as server:
        reset_connections(server.port, "/echo")
        assert _get(server, "/echo")[0] == 200
        assert capfd.readouterr().err == ""
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
            _get(server, "/bug")
        assert "RuntimeError: a simulator bug" in capfd.readouterr().err


def test_ipv6_loopback_url_has_brackets() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        server = Echo("::1").start()
    except OSError:
        pytest.skip("cannot bind ::1 here")
    try:
        assert server.url == f"http://[::1]:{server.port}"
        connection = http.client.HTTPConnection("::1", server.port, timeout=5)
        connection.request("GET", "/v6")
        assert json.loads(connection.getresponse().read())["path"] == "/v6"
        connection.close()
    finally:
        server.stop()


def test_handler_reaches_its_server_as_sim() -> None:
    seen: list[Any] = []

    class Probe(RequestHandler[Echo]):
        def serve(self, path: str, query: str, body: bytes) -> None:
            seen.append(self.sim)
            self.send(204, b"", {})

    server = BackgroundServer("127.0.0.1", 0, Probe, "probe")
    with server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        connection.request("GET", "/")
        assert connection.getresponse().status == 204
        connection.close()
    assert seen == [server]
