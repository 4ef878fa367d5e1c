"""Output formats are stevedore drivers: the core's three by entry point, and any a third party installs."""

from __future__ import annotations

import re
from pathlib import Path

from agent_ads_core import formatters

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_core_formatters_are_entry_points_in_pyproject() -> None:
    text = PYPROJECT.read_text(encoding="utf-8")
    section = text[text.index('[project.entry-points."agent_ads.formatters"]'):].split("\n\n", 1)[0]
    names = set(re.findall(r"^(\w+) = \"agent_ads_core\.formatters\.\w+:\w+\"$", section, re.M))
    assert names == {"json", "jsonl", "csv", "table", "chart"}
    for name in names:
        assert formatters.load(name).name == name


def test_a_third_party_formatter_is_found_by_name(cli) -> None:
    """In a fresh process: stevedore caches a namespace's entry points for the life of one."""
    run = cli("acme", "items", "list", "--count", "2", "--format", "tsv")
    assert (run.code, run.stdout) == (0, "id\tnested.a\n0\t0\n1\t1\n"), run.stderr


def test_an_unknown_format_is_exit_2_naming_the_installed_ones_and_runs_nothing(app) -> None:
    run = app("--format", "xml", "acme", "items", "list", "--fail-on-page", "1")
    assert run.code == 2 and run.stdout == ""
    error = run.stderr.splitlines()[-1]
    assert '"type": "argument"' in error and "xml" in error
    assert all(name in error for name in ("csv", "json", "jsonl", "tsv"))
    assert "server fell over" not in run.stderr  # the command never ran


def test_envelope_with_a_format_that_cannot_hold_one_fails_before_the_command_runs(app) -> None:
    run = app("--format", "csv", "--envelope", "acme", "items", "list", "--fail-on-page", "1")
    assert run.code == 2 and run.stdout == "" and "server fell over" not in run.stderr
