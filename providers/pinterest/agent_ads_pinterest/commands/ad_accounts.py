"""``pinterest ad-accounts list|get``."""

from __future__ import annotations

import argparse
from typing import Any

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_pinterest.commands.base import ObjectGet, ObjectList


class AdAccountsList(ObjectList):
    """List the ad accounts the token can access (yours and, by default, shared ones)."""

    op_id = "ad_accounts/list"
    scoped = False

    def add_options(self, parser: ArgumentParser) -> None:
        shared = parser.add_mutually_exclusive_group()
        shared.add_argument("--include-shared-accounts", dest="include_shared_accounts", action="store_true",
                            default=None, help="include accounts shared with you (the API default)")
        shared.add_argument("--no-include-shared-accounts", dest="include_shared_accounts", action="store_false",
                            help="only accounts you own")

    def query(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        return {"include_shared_accounts": parsed_args.include_shared_accounts}


class AdAccountsGet(ObjectGet):
    """Get one ad account (--ad-account-id or the default ad account)."""

    op_id = "ad_accounts/get"
