"""Controls: the /_sim/ route table and its 404 / 405 / 400 answers."""

from __future__ import annotations

from typing import Any

from agent_ads_simulator_kit.controls import Controls, json_object


class FakeSim:
    def __init__(self) -> None:
        self.calls: list[str] = []
        self.faults: list[dict[str, Any]] = []

    def requests(self) -> list[dict[str, Any]]:
        return [{"path": "/x"}]

    def violations(self) -> list[dict[str, Any]]:
        return []

    def health(self) -> dict[str, Any]:
        return {"ok": True}

    def reset(self) -> None:
        self.calls.append("reset")

    def add_fault(self, kind: str, **params: Any) -> dict[str, Any]:
        if kind == "nope":
            raise ValueError("unknown fault kind 'nope'")
        self.faults.append({"kind": kind, **params})
        return self.faults[-1]


def _controls(sim: FakeSim) -> Controls:
    return Controls(
        sim,
        expire_token=lambda: sim.calls.append("expire"),
        more={("POST", "echo"): lambda body: json_object(body, "say")},
    )


def test_routes_answer_from_the_simulator() -> None:
    sim = FakeSim()
    controls = _controls(sim)
    assert controls.answer("GET", "requests", b"") == (200, [{"path": "/x"}])
    assert controls.answer("GET", "violations", b"") == (200, [])
    assert controls.answer("GET", "health", b"") == (200, {"ok": True})
    assert controls.answer("POST", "reset", b"") == (200, {"ok": True})
    assert controls.answer("POST", "expire-token", b"") == (200, {"ok": True})
    assert sim.calls == ["reset", "expire"]
    armed = controls.answer("POST", "faults", b'{"kind": "boom", "count": 2}')
    assert armed == (200, {"fault": {"kind": "boom", "count": 2}}) and sim.faults == [{"kind": "boom", "count": 2}]
    assert controls.answer("POST", "echo", b'{"say": "hi"}') == (200, {"say": "hi"})


def test_unknown_wrong_method_and_bad_arguments() -> None:
    sim = FakeSim()
    controls = _controls(sim)
    assert controls.answer("GET", "whatever", b"") == (404, {"error": "unknown control"})
    assert controls.answer("GET", "reset", b"") == (405, {"error": "method not allowed"})
    assert controls.answer("POST", "faults", b"{") == (400, {"error": "expected a JSON object with 'kind'"})
    assert controls.answer("POST", "faults", b"[1]") == (400, {"error": "expected a JSON object with 'kind'"})
    assert controls.answer("POST", "faults", b'{"kind": "nope"}') == (400, {"error": "unknown fault kind 'nope'"})
    assert controls.answer("POST", "echo", b"") == (400, {"error": "expected a JSON object with 'say'"})
    assert sim.calls == [] and sim.faults == []
