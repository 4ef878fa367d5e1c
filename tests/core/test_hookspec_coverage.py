"""Every hookspec is documented for provider authors and exercised by a test.

Fails when a hook is added to ``agent_ads_core.hookspecs`` without a section in
docs/writing-a-provider.md or without any test mentioning it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from agent_ads_core import hookspecs

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "writing-a-provider.md"


def hook_names() -> list[str]:
    return sorted(name for name, value in vars(hookspecs).items()
                  if callable(value) and hasattr(value, f"{hookspecs.PROJECT_NAME}_spec"))


def test_hookspecs_are_found() -> None:
    assert len(hook_names()) == 8 and "register_provider" in hook_names()


@pytest.mark.parametrize("hook", hook_names())
def test_hook_has_a_section_in_writing_a_provider(hook: str) -> None:
    assert DOC.is_file(), f"{DOC.relative_to(ROOT)} is missing"
    headings = [line for line in DOC.read_text(encoding="utf-8").splitlines() if re.match(r"#{1,6}\s", line)]
    assert any(hook in line for line in headings), f"no heading in {DOC.name} mentions {hook}"


@pytest.mark.parametrize("hook", hook_names())
def test_hook_is_exercised_by_a_test(hook: str) -> None:
    this = Path(__file__).resolve()
    tests = [p for p in (ROOT / "tests").rglob("test_*.py") if p.resolve() != this]
    assert any(hook in p.read_text(encoding="utf-8") for p in tests), f"no test under tests/ mentions {hook}"
