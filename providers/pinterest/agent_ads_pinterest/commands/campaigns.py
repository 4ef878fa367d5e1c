"""``pinterest campaigns list|get``."""

from __future__ import annotations

import argparse
from typing import Any

from agent_ads_core.argparsing import ArgumentParser
from agent_ads_pinterest.commands.base import ARCHIVED_NOTE, ObjectGet, ObjectList, order_argument

ENTITY_STATUS = ("--entity-status", "entity_statuses", "ACTIVE, PAUSED, ARCHIVED, DRAFT, DELETED_DRAFT "
                 "(default ACTIVE,PAUSED)")


class OrderedList(ObjectList):
    """A list endpoint that also sorts by id."""

    def add_options(self, parser: ArgumentParser) -> None:
        order_argument(parser, self.op_id)

    def query(self, parsed_args: argparse.Namespace) -> dict[str, Any]:
        return {**super().query(parsed_args), "order": parsed_args.order}


class CampaignsList(OrderedList):
    __doc__ = f"List campaigns of an ad account.\n\n{ARCHIVED_NOTE}"

    op_id = "campaigns/list"
    list_filters = (("--campaign-id", "campaign_ids", "only these campaigns"), ENTITY_STATUS)


class CampaignsGet(ObjectGet):
    """Get one campaign."""

    op_id = "campaigns/get"
    id_flag = "--campaign-id"
    id_param = "campaign_id"
