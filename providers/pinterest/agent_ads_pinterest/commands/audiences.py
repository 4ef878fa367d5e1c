"""``pinterest audiences list|get``."""

from __future__ import annotations

import argparse
from typing import Any

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_pinterest import openapi_table
from agent_ads_pinterest.commands.base import ObjectGet
from agent_ads_pinterest.commands.list_filters import OrderedList


class AudiencesList(OrderedList):
    """List audiences of an ad account (owned by default, or shared with it)."""

    op_id = "audiences/list"

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        choices = openapi_table.enum_values(self.op_id, "ownership_type")
        parser.add_argument("--ownership-type", type=str.upper, choices=choices,
                            help="OWNED (API default) or RECEIVED (shared with this account)")

    def query(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        return {**super().query(parsed_args), "ownership_type": parsed_args.ownership_type}


class AudiencesGet(ObjectGet):
    """Get one audience."""

    op_id = "audiences/get"
    id_flag = "--audience-id"
    id_param = "audience_id"
