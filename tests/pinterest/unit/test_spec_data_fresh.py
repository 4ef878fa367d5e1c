"""The committed spec_data.json must be exactly what the generator derives from the spec."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
SCRIPT = REPO_ROOT / "providers" / "pinterest" / "scripts" / "generate_spec_data.py"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_spec_data", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _load_generator()
needs_spec = pytest.mark.skipif(
    not generator.default_spec_path().exists(),
    reason=f"Pinterest OpenAPI spec not found at {generator.default_spec_path()}; cannot regenerate spec_data.json",
)


@needs_spec
def test_committed_data_matches_the_spec() -> None:
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, f"spec_data.json is stale or hand-edited; rerun {SCRIPT.name}\n{result.stderr}"


@needs_spec
def test_check_flags_a_hand_edited_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "spec_data.json"
    monkeypatch.setattr(generator, "OUTPUT", output)
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    output.write_text(output.read_text().replace('"page_size"', '"page_sizes"', 1))
    assert generator.main(["--check"]) == 1


def test_missing_spec_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    assert generator.main(["--spec", str(tmp_path / "nope.json"), "--check"]) == 2


def test_nullable_becomes_a_draft7_type_list() -> None:
    # A property *named* "description" must survive while the keyword is dropped.
    spec = {"components": {"schemas": {"S": {"type": "string", "enum": ["A"], "nullable": True, "description": "x"}}}}
    schema = {"type": "object", "properties": {"description": {"$ref": "#/components/schemas/S"}}}
    expected = {"type": ["string", "null"], "enum": ["A", None]}
    assert generator.to_json_schema(spec, schema) == {"type": "object", "properties": {"description": expected}}
