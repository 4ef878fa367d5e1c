"""FaultBoard: validation against a simulator's kinds, count and path matching, first-armed first."""

from __future__ import annotations

from typing import Any

import pytest

from agent_ads_simulator_kit.fault_board import FaultBoard, check_non_negative

KINDS: dict[str, dict[str, Any]] = {"boom": {"status": 500}, "slow": {"seconds": 1.0}, "other": {}}


def _check(kind: str, params: dict[str, Any]) -> None:
    if kind == "slow":
        check_non_negative(kind, params, "seconds")


def test_add_fills_defaults_and_names_the_path_as_the_simulator_does() -> None:
    board = FaultBoard(KINDS, _check, path_param="path_contains")
    armed = {"kind": "boom", "count": 2, "path_contains": "/campaigns", "status": 500}
    assert board.add("boom", 2, "/campaigns") == armed
    assert board.pending() == [armed]
    assert FaultBoard(KINDS).add("other") == {"kind": "other", "count": 1, "path": None}


@pytest.mark.parametrize(
    "kind, count, path, params, message",
    [
        ("meteor", 1, None, {}, "unknown fault kind 'meteor'; known: boom, slow, other"),
        ("boom", 1, None, {"colour": "red"}, "boom: unknown parameter(s) colour"),
        ("boom", 0, None, {}, "count must be a positive integer"),
        ("boom", True, None, {}, "count must be a positive integer"),
        ("boom", 1, 7, {}, "where must be a string"),
        ("slow", 1, None, {"seconds": -1}, "slow: seconds must be a non-negative number"),
    ],
)
def test_bad_faults_are_refused_and_not_armed(
    kind: str, count: Any, path: Any, params: dict[str, Any], message: str
) -> None:
    board = FaultBoard(KINDS, _check, path_param="where")
    with pytest.raises(ValueError) as refused:
        board.add(kind, count, path, **params)
    assert str(refused.value) == message
    assert board.pending() == []


def test_aliases_name_the_same_parameter() -> None:
    board = FaultBoard(KINDS, _check, aliases={"delay": "seconds"})
    assert board.add("slow", delay=0.5)["seconds"] == 0.5


def test_take_consumes_the_count_of_the_first_matching_fault() -> None:
    board = FaultBoard(KINDS)
    board.add("boom", 2, "/insights")
    board.add("boom", 1, None, status=503)
    board.add("slow")
    first = board.take("/v1/act_1/campaigns", ("boom",))
    assert first is not None and first.params["status"] == 503  # the /insights one does not match
    assert board.take("/v1/act_1/campaigns", ("boom",)) is None
    assert [board.take("/v1/act_1/insights", ("boom",)) is not None for _ in range(3)] == [True, True, False]
    assert board.pending() == [{"kind": "slow", "count": 1, "path": None, "seconds": 1.0}]
    board.clear()
    assert board.take("/anything", ("slow",)) is None


def test_check_non_negative() -> None:
    check_non_negative("k", {"a": 0, "b": None}, "a")
    check_non_negative("k", {"b": None}, "b", optional=True)
    for value in (-1, "1", True, None):
        with pytest.raises(ValueError, match="k: a must be a non-negative number"):
            check_non_negative("k", {"a": value}, "a")
