"""Helpers shared by the core's tests: fake distributions installed the way pip leaves them."""

from __future__ import annotations

from pathlib import Path


def write_distribution(site: Path, dist: str, version: str, entry_points: dict[str, str], summary: str = "",
                       group: str = "agent_ads.providers") -> None:
    """Write the metadata pip would: enough for ``importlib.metadata`` to list the entry points."""
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\nSummary: {summary}\n")
    lines = "".join(f"{name} = {target}\n" for name, target in entry_points.items())
    (info / "entry_points.txt").write_text(f"[{group}]\n{lines}")
