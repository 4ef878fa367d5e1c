"""Allow ``python -m agent_ads_core`` to behave like the ``agent-ads`` script."""

import sys

from agent_ads_core.entry import main

sys.exit(main())
