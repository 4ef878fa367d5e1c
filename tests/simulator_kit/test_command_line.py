"""The python -m runner: address errors exit 2, start failures exit 1, one JSON line, stop on a signal."""

from __future__ import annotations

import os
import signal
import socket
import threading
import urllib.request

import pytest
from simulator_harness import running

from agent_ads_simulator_kit.command_line import run, simulator_parser
from agent_ads_simulator_kit.http_server import BackgroundServer, RequestHandler

# A whole simulator in a few lines, run as ``python -c``: what the runner adds is all that is tested.
SCRIPT = """
import sys
from agent_ads_simulator_kit.command_line import run, simulator_parser
from agent_ads_simulator_kit.http_server import BackgroundServer, RequestHandler

class Handler(RequestHandler):
    def serve(self, path, query, body):
        self.send(200, b"seed " + str(self.sim.seed).encode(), {"Content-Type": "text/plain"})

class Tiny(BackgroundServer):
    def __init__(self, args):
        super().__init__(args.host, args.port, Handler, "tiny")
        self.seed = args.seed

sys.exit(run(simulator_parser("tiny", None).parse_args(sys.argv[1:]), Tiny))
"""


class _Silent(RequestHandler[BackgroundServer]):
    pass


def _build(args: object) -> BackgroundServer:
    return BackgroundServer("127.0.0.1", 0, _Silent, "silent")


def _args(*argv: str) -> object:
    return simulator_parser("test", None).parse_args(list(argv))


def test_parser_has_the_common_options() -> None:
    args = simulator_parser("test", None).parse_args([])
    assert (args.host, args.port, args.seed) == ("127.0.0.1", 0, 0)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_prints_one_json_line_serves_and_stops_on_signal(stop: signal.Signals) -> None:
    with running("-c", SCRIPT, "--seed", "7") as (process, info):
        assert set(info) == {"url", "port"} and info["url"] == f"http://127.0.0.1:{info['port']}"
        with urllib.request.urlopen(f"{info['url']}/anything", timeout=10) as answer:
            assert answer.read() == b"seed 7"
        process.send_signal(stop)
        assert process.wait(timeout=10) == 0
        assert process.stdout is not None and process.stdout.read() == ""
        assert process.stderr is not None and process.stderr.read() == ""


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--host", "0.0.0.0"], "refusing to bind --host '0.0.0.0'"),
        (["--port", "70000"], "--port 70000 is out of range"),
    ],
)
def test_a_bad_address_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    built: list[object] = []
    assert run(_args(*argv), built.append) == 2  # type: ignore[arg-type]
    out, err = capsys.readouterr()
    assert built == [] and out == "" and err.startswith("error: ") and err.count("\n") == 1 and message in err


def test_a_start_failure_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run(_args("--port", str(port)), lambda args: BackgroundServer(args.host, args.port, _Silent, "x")) == 1

    class DescriptionMissing(Exception):
        pass

    def broken(args: object) -> BackgroundServer:
        raise DescriptionMissing("no API description at /nowhere")

    assert run(_args(), broken, start_errors=(DescriptionMissing,)) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and len(lines) == 2 and lines[1] == "error: no API description at /nowhere"


def test_signal_handlers_are_restored_after_a_run(capsys: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)

    def stop_once_serving() -> None:
        while signal.getsignal(signal.SIGTERM) is before[0]:
            threading.Event().wait(0.01)
        os.kill(os.getpid(), signal.SIGTERM)

    stopper = threading.Thread(target=stop_once_serving, daemon=True)
    stopper.start()
    assert run(_args(), _build) == 0
    stopper.join(5)
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    assert capsys.readouterr().out.startswith('{"url": "http://127.0.0.1:')
