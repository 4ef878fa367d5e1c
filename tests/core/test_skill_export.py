"""The exported agent skill covers every registered command and flag of every installed provider."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agent_ads_core.command_reference import describe_all, describing_context

PROVIDERS = ("acme", "pinterest")


@pytest.fixture
def exported(cli, tmp_path: Path) -> Path:
    target = tmp_path / "skill"
    run = cli("skill", "export", "--dir", str(target), providers=",".join(PROVIDERS))
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["files"] == ["SKILL.md", *(f"references/{p}.md" for p in PROVIDERS)]
    return target


def sections(reference: str) -> dict[str, str]:
    """Command path -> the text of its section in a references/<provider>.md file."""
    parts = re.split(r"^### `agent-ads ([^`]+)`\n", reference, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_every_registered_command_and_flag_is_in_the_reference(exported: Path, registry_of) -> None:
    ctx = describing_context(registry_of(*PROVIDERS))
    checked_flags = 0
    for provider in PROVIDERS:
        found = sections((exported / "references" / f"{provider}.md").read_text(encoding="utf-8"))
        refs = list(describe_all(ctx, provider))
        assert sorted(found) == sorted(ref.path for ref in refs)
        for ref in refs:
            text = found[ref.path]
            assert ref.spec.summary in text
            for alias in ref.spec.aliases:
                assert f"`agent-ads {alias}`" in text
            if ref.error:
                assert "could not be loaded" in text
            for flag in ref.flags:
                row = next((line for line in text.splitlines() if line.startswith(f"| `{flag.name}")), None)
                assert row is not None, f"{ref.path}: {flag.name} missing"
                for name in (*flag.aliases, *([flag.negation] if flag.negation else [])):
                    assert name in row
                for choice in flag.choices or ():
                    assert f"`{choice}`" in row
                assert ("| yes |" in row) == flag.required
                checked_flags += 1
    assert checked_flags > 100  # pinterest alone has well over a hundred flags: the loop ran


def test_reference_starts_with_the_guide_and_lists_settings(exported: Path) -> None:
    acme = (exported / "references" / "acme.md").read_text(encoding="utf-8")
    guide = Path(__file__).resolve().parents[1] / "third_party" / "acme" / "agent_ads_acme" / "guide.md"
    assert acme.startswith(guide.read_text(encoding="utf-8").rstrip("\n"))
    for text in ("`ACME_REGION`", "`providers.acme.region`", "`apac`", "`ACME_TOKEN`", "`--page-token`"):
        assert text in acme


def test_skill_md_has_front_matter_rules_and_one_routing_row_per_provider(exported: Path, cli) -> None:
    skill = (exported / "SKILL.md").read_text(encoding="utf-8")
    front = re.match(r"---\nname: (.+)\ndescription: (.+)\n---\n", skill)
    assert front and front.group(1) == "agent-ads" and "pinterest" in front.group(2)
    for text in ("agent-ads <provider> <command>", "## Errors and exit codes", "| 6 | pinterest API error |",
                 "| 9 | acme API error |", "flag > environment variable > config file > default", "## Secrets"):
        assert text in skill
    rows = [line for line in skill.splitlines() if line.startswith("| ") and "references/" in line]
    assert [row.split("|")[1].strip() for row in rows] == list(PROVIDERS)
    assert "`agent-ads acme items list`" in rows[0] and "`agent-ads pinterest ad-accounts list`" in rows[1]
    assert cli("skill", "show", providers=",".join(PROVIDERS)).stdout == skill


def test_export_refuses_a_file_as_dir(cli, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    run = cli("skill", "export", "--dir", str(tmp_path / "f"))
    assert run.code == 2 and json.loads(run.stderr)["error"]["type"] == "argument"
