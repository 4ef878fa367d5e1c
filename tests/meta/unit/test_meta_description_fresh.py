"""The committed graph_description.json is exactly what the generator derives from ../shared/meta."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "providers" / "meta" / "scripts" / "generate_description_data.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_description_data", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _generator()
needs_description = pytest.mark.skipif(not (generator.default_description_dir() / "enum_types.json").exists(),
                                       reason="Meta's description is not in ../shared/meta")


@needs_description
def test_committed_data_is_fresh() -> None:
    assert generator.main(["--check"]) == 0, f"regenerate with {SCRIPT}"


@needs_description
def test_check_catches_a_hand_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "OUTPUT", tmp_path / "graph_description.json")
    assert generator.main([]) == 0 and generator.main(["--check"]) == 0
    edited = generator.OUTPUT.read_text().replace('"effective_status"', '"effective_statuses"', 1)
    generator.OUTPUT.write_text(edited)
    assert generator.main(["--check"]) == 1


def test_a_missing_description_is_exit_2(tmp_path: Path) -> None:
    assert generator.main(["--description-dir", str(tmp_path), "--check"]) == 2


def test_v26_removals_are_read_from_the_differences_file() -> None:
    text = "== AdsInsights: spec fields 2\n   fields only in spec: ['gone_a', 'gone_b']\n== Ad: x\n"
    assert generator.v26_removed_fields(text) == {"AdsInsights": {"gone_a", "gone_b"}}
