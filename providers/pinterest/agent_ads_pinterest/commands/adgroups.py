"""``pinterest adgroups list|get``."""

from __future__ import annotations

import argparse
from typing import Any

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_pinterest.commands.base import ObjectGet
from agent_ads_pinterest.commands.list_filters import ARCHIVED_NOTE, ENTITY_STATUS, OrderedList


class AdGroupsList(OrderedList):
    __doc__ = f"List ad groups of an ad account.\n\n{ARCHIVED_NOTE}"

    op_id = "ad_groups/list"
    list_filters = (
        ("--campaign-id", "campaign_ids", "only ad groups of these campaigns"),
        ("--ad-group-id", "ad_group_ids", "only these ad groups"),
        ENTITY_STATUS,
    )
    only_one_of = ("campaign_ids", "ad_group_ids")

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--translate-interests-to-names", action="store_true", default=None,
                            help="show targeting interests by name instead of id")

    def query(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        return {**super().query(parsed_args), "translate_interests_to_names": parsed_args.translate_interests_to_names}


class AdGroupsGet(ObjectGet):
    """Get one ad group."""

    op_id = "ad_groups/get"
    id_flag = "--ad-group-id"
    id_param = "ad_group_id"
