"""Issue 9, point 20: completion scripts for bash, zsh and fish, with global options and enum values.

The bash script is exercised in a real bash (without the bash-completion package) by
setting COMP_WORDS/COMP_CWORD as bash does and calling the function it registers.
"""

from __future__ import annotations

import shutil
import subprocess
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from cli_runner import run_process

BASH = shutil.which("bash")
# Commands of installed non-provider plugins (the MCP server's "mcp") complete at the top level too.
PLUGINS = {ep.name for ep in entry_points(group="agent_ads.plugins")}


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import os

    folder = tmp_path_factory.mktemp("completion")
    env = {**os.environ, "AGENT_ADS_PROVIDERS": "pinterest"}
    out = {}
    for shell in ("bash", "zsh", "fish"):
        run = run_process(["complete", "--shell", shell], env)
        assert run.code == 0, run.stderr
        out[shell] = folder / f"agent-ads.{shell}"
        out[shell].write_text(run.stdout)
    return out


def complete(script: Path, *words: str) -> list[str]:
    probe = (f"source {script}\nCOMP_WORDS=(agent-ads {' '.join(repr(w) for w in words)})\n"
             "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n_agent_ads\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run([BASH, "--norc", "--noprofile", "-c", probe], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.skipif(BASH is None, reason="no bash")
@pytest.mark.parametrize(("words", "expected"), [
    (("",), {"pinterest", "providers", "complete", "config", "auth", "doctor", "skill", *PLUGINS}),
    (("pinterest", "camp"), {"campaigns"}),
    (("--format", ""), {"json", "jsonl", "csv", "table", "chart"}),
    (("--chart-type", ""), {"line", "bar"}),
    (("pinterest", "campaigns", "list", "--format", "js"), {"json", "jsonl"}),
    (("pinterest", "analytics", "query", "--level", ""), {"ad_account", "campaign", "ad_group", "ad", "ad_pin"}),
    (("pinterest", "report-runs", "submit", "--level", "ADV"), {"ADVERTISER", "ADVERTISER_TARGETING"}),
    (("-v", "pinterest", "campaigns", "list", "--ad-account-id", "1", "--ord"), {"--order"}),
    (("pinterest", "campaigns", "list", "--out"), {"--output"}),
])
def test_bash_completes_commands_flags_global_options_and_enum_values(scripts, words, expected) -> None:
    assert set(complete(scripts["bash"], *words)) == expected


def test_zsh_uses_its_own_bashcompinit_and_fish_gets_a_native_script(scripts) -> None:
    zsh = scripts["zsh"].read_text()
    assert "bashcompinit" in zsh and "complete -F _agent_ads agent-ads" in zsh
    fish = scripts["fish"].read_text()
    assert "complete -c agent-ads" in fish and "'pinterest analytics query|--level'" in fish
    assert "ad_account campaign ad_group ad ad_pin" in fish


def test_an_unknown_shell_is_an_argument_error() -> None:
    import os

    run = run_process(["complete", "--shell", "tcsh"], dict(os.environ))
    assert run.code == 2 and '"argument"' in run.stderr
