#!/usr/bin/env python3
"""Copy each provider guide from ``docs/providers/<name>.md`` into the provider's package.

``docs/providers/<name>.md`` is the one source people edit (the README links to it). The
copy named by the provider's ``ProviderInfo.guide`` (``"agent_ads_pinterest:guide.md"``) is
package data, so ``agent-ads <name> guide`` works from an installed wheel. Run this after
editing a guide; ``--check`` (used by a test) fails when a copy is stale.

Usage: sync_guides.py [--check]
"""

from __future__ import annotations

import argparse
import io
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "providers"


def guide_copies() -> list[tuple[Path, Path]]:
    """(source in docs/, package copy in the provider's source tree) for each installed provider with a guide."""
    from agent_ads_core.plugins import Registry

    pairs = []
    for record in Registry(warn=io.StringIO()).load().usable_providers():
        if not record.info.guide:
            continue
        package, _, name = record.info.guide.partition(":")
        copy = Path(str(resources.files(package).joinpath(name)))
        pairs.append((DOCS / f"{record.name}.md", copy))
    return pairs


def stale() -> list[str]:
    return [f"{copy} differs from {source.relative_to(ROOT)}" for source, copy in guide_copies()
            if not copy.is_file() or copy.read_bytes() != source.read_bytes()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale copies (exit 1 if any)")
    if parser.parse_args().check:
        problems = stale()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    for source, copy in guide_copies():
        copy.write_bytes(source.read_bytes())
        print(f"{source.relative_to(ROOT)} -> {copy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
