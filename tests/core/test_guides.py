"""``agent-ads <provider> guide``: declared once in ProviderInfo, read from the installed package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from cli_runner import run_process

ROOT = Path(__file__).resolve().parents[2]
ACME_GUIDE = ROOT / "tests" / "third_party" / "acme" / "agent_ads_acme" / "guide.md"


def test_the_core_registers_guide_for_a_provider_that_declares_one(app) -> None:
    run = app("acme", "guide")
    assert run.code == 0, run.stderr
    assert run.stdout == ACME_GUIDE.read_text(encoding="utf-8")
    assert "guide" in app("acme", "--help").stdout


def test_a_provider_without_a_guide_has_no_guide_command(registry_of) -> None:
    registry = registry_of("acme", "typo")
    assert registry.resolve("acme guide") is not None
    assert not [path for path in registry.commands if path.endswith(" guide") and not path.startswith("acme")]


def test_package_copies_of_the_guides_are_fresh() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "sync_guides.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"run scripts/sync_guides.py: {done.stderr}"


def test_pinterest_guide_from_an_installed_wheel(tmp_path: Path, isolated_env: dict[str, str]) -> None:
    """Build a real (non-editable) wheel, install it into its own directory and read the guide from there."""
    wheels, target, source = tmp_path / "wheels", tmp_path / "site", tmp_path / "source"
    # built from a copy, so the build leaves nothing in the source tree
    shutil.copytree(ROOT / "providers" / "pinterest", source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
                   check=True, timeout=300, capture_output=True)
    wheel = next(wheels.glob("agent_ads_pinterest-*.whl"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300,
                   capture_output=True)
    env = {**isolated_env, "PYTHONPATH": str(target), "AGENT_ADS_PROVIDERS": "pinterest"}
    where = subprocess.run([sys.executable, "-c", "import agent_ads_pinterest; print(agent_ads_pinterest.__file__)"],
                           env=env, capture_output=True, text=True, check=True, timeout=60).stdout
    assert Path(where.strip()).is_relative_to(target), "the test must run the installed wheel, not the source tree"
    done = run_process(["pinterest", "guide"], env, as_module=True)
    assert done.code == 0, done.stderr
    assert done.stdout == (ROOT / "docs" / "providers" / "pinterest.md").read_text(encoding="utf-8")
