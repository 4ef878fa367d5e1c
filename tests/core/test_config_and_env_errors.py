"""Issue 9, points 10 (config part), 18 and 19: config and environment problems are clear config errors.

``config path`` and ``doctor`` keep working with a broken file (showing where it is and
what is wrong is their job); ``output_format`` has an env var and applies to data only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "agent-ads.config.json"
    path.write_text(text)
    return path


def test_config_path_shows_the_path_of_an_invalid_file(app, tmp_path: Path) -> None:
    path = write_config(tmp_path, '{"output_format": "xml"}')
    for argv in (["config", "path"], ["--config", str(path), "config", "path"]):
        run = app(*argv)
        assert run.code == 0, run.stderr
        assert json.loads(run.stdout)["path"] == str(path)


def test_doctor_lists_every_check_with_the_config_problem_as_one_failure(app, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(tmp_path, '{"providers": {"acme": {"region": "mars"}}}')
    monkeypatch.setenv("ACME_TOKEN", "t")
    monkeypatch.setenv("ACME_SECRET", "s")
    run = app("acme", "doctor")
    assert run.code == 2 and "\"error\"" not in run.stderr  # a report, not an abort (warnings may come)
    checks = {check["name"]: check for check in json.loads(run.stdout)["checks"]}
    assert not checks["config"]["ok"] and "region" in checks["config"]["detail"]
    assert checks["credential:token"]["ok"] and "local" in checks


def test_output_format_env_var_applies_to_data_commands_and_is_shown_with_its_source(
        app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENT_ADS_OUTPUT_FORMAT", "JSONL")
    listing = app("acme", "items", "list")
    assert listing.code == 0 and listing.stdout.startswith('{"id":"0",')
    shown = json.loads(app("config", "show").stdout)["effective"]["output_format"]
    assert shown == {"value": "jsonl", "source": "env", "env_var": "AGENT_ADS_OUTPUT_FORMAT"}


@pytest.mark.parametrize("argv", [["config", "show"], ["providers", "list"], ["acme", "auth", "status"],
                                  ["acme", "doctor"]])
def test_output_format_setting_leaves_status_commands_json(app, tmp_path: Path, argv: list[str]) -> None:
    write_config(tmp_path, '{"output_format": "csv"}')
    out = app(*argv).stdout
    assert isinstance(json.loads(out), (dict, list)), out


def test_an_invalid_output_format_env_var_names_it_and_its_values(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENT_ADS_OUTPUT_FORMAT", "xml")
    run = app("acme", "items", "list")
    error = json.loads(run.stderr)["error"]
    assert run.code == 2 and error["type"] == "config"
    assert "AGENT_ADS_OUTPUT_FORMAT" in error["message"] and "jsonl" in error["message"]


def test_a_config_file_over_one_megabyte_is_refused_unread(app, tmp_path: Path) -> None:
    write_config(tmp_path, '{"providers": {"acme": {}}, "$schema": "' + "x" * (1024 * 1024) + '"}')
    run = app("acme", "settings")
    assert run.code == 2 and "KiB" in json.loads(run.stderr)["error"]["message"]


def test_deeply_nested_config_is_a_config_error_not_a_crash(app, tmp_path: Path) -> None:
    write_config(tmp_path, "[" * 100_000 + "]" * 100_000)
    run = app("acme", "settings")
    error = json.loads(run.stderr)["error"]
    assert run.code == 2 and error["type"] == "config", error
