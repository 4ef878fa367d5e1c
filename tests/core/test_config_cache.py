"""A config file that passed validation is not validated again until it or the schema changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent_ads_core import config, config_cache, state
from agent_ads_core.errors import ConfigError

FRAGMENTS = {"acme": {"type": "object", "additionalProperties": False, "properties": {"region": {"type": "string"}}}}


@pytest.fixture
def validations(isolated_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every call of the real validator, in order."""
    calls: list[object] = []
    real = config.validation_errors

    def counting(data: object, schema: dict) -> list[str]:
        calls.append(data)
        return real(data, schema)

    monkeypatch.setattr(config, "validation_errors", counting)
    return calls


def write(path: Path, data: object) -> config.ConfigLocation:
    path.write_text(json.dumps(data))
    return config.ConfigLocation(path, "flag")


def test_unchanged_file_is_validated_once(validations: list[object], tmp_path: Path) -> None:
    location = write(tmp_path / "c.json", {"providers": {"acme": {"region": "eu"}}})
    for _ in range(3):
        assert config.load(location, FRAGMENTS) == {"providers": {"acme": {"region": "eu"}}}
    assert len(validations) == 1
    assert (state.state_dir() / config_cache.STATE_FILE).is_file()


def test_edited_file_or_changed_schema_is_validated_again(validations: list[object], tmp_path: Path) -> None:
    location = write(tmp_path / "c.json", {"providers": {"acme": {"region": "eu"}}})
    config.load(location, FRAGMENTS)
    write(location.path, {"providers": {"acme": {"region": "us"}}})
    config.load(location, FRAGMENTS)
    stricter = {"acme": {**FRAGMENTS["acme"], "properties": {"region": {"enum": ["us"]}}}}
    config.load(location, stricter)
    assert len(validations) == 3


def test_invalid_file_is_never_remembered(validations: list[object], tmp_path: Path) -> None:
    location = write(tmp_path / "c.json", {"providers": {"acme": {"region": 3}}})
    for _ in range(2):
        with pytest.raises(ConfigError, match=r"\$\.providers\.acme\.region"):
            config.load(location, FRAGMENTS)
    assert len(validations) == 2


def test_unwritable_or_damaged_state_only_costs_a_validation(
    validations: list[object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    location = write(tmp_path / "c.json", {"providers": {}})
    state.state_dir().mkdir(parents=True)
    (state.state_dir() / config_cache.STATE_FILE).write_text("{not json")
    assert config.load(location, FRAGMENTS) == {"providers": {}}
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "file-not-dir"))
    (tmp_path / "file-not-dir").write_text("")
    assert config.load(location, FRAGMENTS) == {"providers": {}}
    assert len(validations) == 2
