"""The ``agent-ads`` console script.

``--version`` is answered from package metadata before cliff (and its stevedore import)
is even loaded; everything else goes to the cliff application.
"""

from __future__ import annotations

import json
import sys

from agent_ads_core.exit_codes import ExitCode
from agent_ads_core.global_options import split_argv


def main(argv: list[str] | None = None) -> int:
    from agent_ads_core.signals import Terminated, install, interrupted

    install()
    try:
        return _main(argv)
    except (KeyboardInterrupt, Terminated) as stop:  # during start-up, before the app reports errors
        sys.stderr.write(interrupted(stop).to_json() + "\n")
        return int(interrupted(stop).exit_code())


def _main(argv: list[str] | None) -> int:
    args = sys.argv[1:] if argv is None else argv
    global_tokens, rest = split_argv(list(args))
    if "--version" in global_tokens and not rest:
        from agent_ads_core.versions import versions

        sys.stdout.write(json.dumps(versions()) + "\n")
        return int(ExitCode.OK)
    from agent_ads_core.app import main as app_main

    return app_main(split=(global_tokens, rest))
