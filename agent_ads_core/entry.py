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
    args = sys.argv[1:] if argv is None else argv
    global_tokens, rest = split_argv(list(args))
    if "--version" in global_tokens and not rest:
        from agent_ads_core.versions import versions

        sys.stdout.write(json.dumps(versions()) + "\n")
        return int(ExitCode.OK)
    from agent_ads_core.app import main as app_main

    return app_main(args)
