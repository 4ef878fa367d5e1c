"""Issue 9, point 3: an interruption is its own error type, even during start-up."""

from __future__ import annotations

import json

import pytest

from agent_ads_core import entry
from agent_ads_core.errors import ERROR_TYPES
from agent_ads_core.signals import Terminated


@pytest.mark.parametrize(("stop", "code"), [(KeyboardInterrupt(), 130), (Terminated(15), 143)])
def test_an_interruption_during_start_up_prints_one_json_error(monkeypatch, capsys, stop, code) -> None:
    def interrupted_start(argv):
        raise stop

    monkeypatch.setattr(entry, "_main", interrupted_start)
    assert entry.main(["providers", "list"]) == code
    err = capsys.readouterr().err
    assert json.loads(err)["error"]["type"] == "interrupted" and "Traceback" not in err


def test_interrupted_is_a_documented_error_type() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert "interrupted" in ERROR_TYPES and "`interrupted`" in readme
