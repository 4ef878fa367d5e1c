"""Guard: every flag of every ``meta`` command is passed to the real process by some Meta e2e test.

A flag counts when it stands as a string literal in a ``tests/meta/e2e/*.py`` file.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from agent_ads_core.context import RunContext
from agent_ads_core.plugins import Registry

HERE = Path(__file__).parent


def _meta_flags() -> dict[str, set[str]]:
    registry = Registry().load()
    ctx = RunContext(registry, argparse.Namespace())
    found = {}
    for path, spec in registry.commands.items():
        if spec.owner == "meta":
            parser = spec.load()(ctx, spec.path).get_parser(f"agent-ads {path}")
            found[path] = {o for action in parser._actions for o in action.option_strings} - {"-h", "--help"}
    return found


FLAGS = _meta_flags()
QUOTED = re.compile(r"""["'](--[a-z0-9][a-z0-9-]*)["']""")


def test_every_command_of_the_issue_is_registered() -> None:
    expected = {"me", "businesses list", "ad-accounts list", "ad-accounts get", "campaigns list", "campaigns get",
                "adsets list", "adsets get", "ads list", "ads get", "creatives list", "creatives get",
                "creatives preview", "insights query", "report-runs submit", "report-runs status",
                "report-runs wait", "report-runs results", "activities list", "custom-conversions list",
                "pixels list", "pixels get", "pixels stats", "auth set", "auth status", "auth delete", "doctor",
                "config path", "config show", "config validate"}
    assert {f"meta {name}" for name in expected} <= set(FLAGS)


@pytest.mark.parametrize("path", sorted(FLAGS))
def test_every_flag_is_passed_by_an_e2e_test(path: str) -> None:
    used = set(QUOTED.findall("\n".join(p.read_text(encoding="utf-8") for p in HERE.glob("*.py"))))
    missing = sorted(FLAGS[path] - used)
    assert not missing, f"'agent-ads {path}': no Meta e2e test passes {', '.join(missing)}"
