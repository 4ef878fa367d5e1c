"""Guard: every flag of every ``pinterest`` command is run by at least one end-to-end test.

A flag counts as covered when it appears as a string literal (``"--flag"`` or ``'--flag'``)
in some ``tests/e2e/*.py`` file, i.e. some test passes it to the real ``agent-ads`` process.
Adding a flag without an end-to-end test that uses it fails here, naming the command.
The literal counts wherever it is, so this file keeps flag names out of its own code and
holds only the tests of flags no feature test needs (explicit defaults).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from agent_ads_core.context import RunContext
from agent_ads_core.plugins import Registry

E2E = Path(__file__).parent
HELP = {"-h", "--help"}


def _pinterest_flags() -> dict[str, list[str]]:
    registry = Registry().load()
    ctx = RunContext(registry, argparse.Namespace())
    flags = {}
    for path, spec in sorted(registry.commands.items()):
        if spec.owner != "pinterest":
            continue
        parser = spec.load()(ctx, spec.path).get_parser(f"agent-ads {path}")
        flags[path] = sorted({o for action in parser._actions for o in action.option_strings} - HELP)
    return flags


FLAGS = _pinterest_flags()


def _literals() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(E2E.glob("*.py")))
    return set(re.findall(r"""["'](-{1,2}[A-Za-z0-9][A-Za-z0-9-]*)["']""", text))


def test_the_guard_sees_the_commands():
    assert "pinterest analytics query" in FLAGS and "pinterest report-runs wait" in FLAGS
    assert len(FLAGS["pinterest report-runs submit"]) > 10


def test_include_shared_accounts_is_the_default(cli, simulator):
    """The positive form of --no-include-shared-accounts (test_objects.py) changes nothing but is accepted."""
    explicit = cli("pinterest", "ad-accounts", "list", "--include-shared-accounts")
    assert explicit.code == 0, explicit.stderr
    assert ("include_shared_accounts", "true") in simulator.requests()[-1]["query"]
    assert explicit.json() == cli("pinterest", "ad-accounts", "list").json()


@pytest.mark.parametrize("path", sorted(FLAGS))
def test_every_flag_is_used_by_an_e2e_test(path):
    missing = [flag for flag in FLAGS[path] if flag not in _literals()]
    assert not missing, f"'agent-ads {path}' flags no e2e test passes: {', '.join(missing)}"
