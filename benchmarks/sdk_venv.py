"""The separate virtualenv holding Pinterest's official SDK, created on first use.

The SDK (``pinterest-api-sdk``) is what a user would otherwise pick to script the same
listing, so the benchmarks run it side by side; it never enters the project venv. When it
cannot be installed (no network, no index), the comparisons are skipped with the reason.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

VENV = Path(__file__).with_name(".sdk-venv")
REQUIREMENT = "pinterest-api-sdk==0.2.7"
SCRIPT = Path(__file__).with_name("sdk_list.py")


def sdk_python() -> tuple[Path | None, str]:
    """The benchmark venv's interpreter with the SDK importable, or ``None`` and why not."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".installed"
    if stamp.exists() and stamp.read_text() == REQUIREMENT:
        return python, ""
    steps = ([sys.executable, "-m", "venv", "--clear", str(VENV)],
             [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", REQUIREMENT])
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"cannot install {REQUIREMENT} into {VENV}: {exc}"
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            return None, f"cannot install {REQUIREMENT} into {VENV}: {last}"
    stamp.write_text(REQUIREMENT)
    return python, ""
