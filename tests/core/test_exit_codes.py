"""The README's exit-code table is the ExitCode enum, row for row."""

from __future__ import annotations

import re
from pathlib import Path

from agent_ads_core.errors import ApiError, ArgumentError, Interrupted, TransportError
from agent_ads_core.exit_codes import ExitCode

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_table() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| exit code | meaning |"):].split("\n\n", 1)[0]
    rows = [line.strip("|").split("|", 1) for line in table.splitlines()[2:]]
    return {code.strip(): meaning.strip().replace("\\|", "|") for code, meaning in rows}


def test_readme_exit_code_table_matches_the_enum() -> None:
    table = readme_table()
    expected = {str(int(code)): meaning for code, meaning in ExitCode.meanings().items()}
    assert {k: v for k, v in table.items() if k.isdigit()} == expected
    assert re.search(r"Pinterest: \*\*6\*\*", table["provider's own"])


def test_every_number_has_a_meaning_and_internal_is_transport() -> None:
    assert set(ExitCode.meanings()) == {int(code) for code in ExitCode}
    assert ExitCode.INTERNAL is ExitCode.TRANSPORT


def test_errors_exit_with_the_enum_codes() -> None:
    assert ArgumentError("x").exit_code() == ExitCode.USAGE
    assert TransportError("x").exit_code() == ExitCode.TRANSPORT
    assert Interrupted().exit_code() == ExitCode.INTERRUPTED
    assert ApiError("x", provider="acme").exit_code({"acme": 9}) == 9
