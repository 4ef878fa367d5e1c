"""``pinterest campaigns list|get``."""

from __future__ import annotations

from agent_ads_pinterest.commands.base import ObjectGet
from agent_ads_pinterest.commands.list_filters import ARCHIVED_NOTE, ENTITY_STATUS, OrderedList


class CampaignsList(OrderedList):
    __doc__ = f"List campaigns of an ad account.\n\n{ARCHIVED_NOTE}"

    op_id = "campaigns/list"
    list_filters = (("--campaign-id", "campaign_ids", "only these campaigns"), ENTITY_STATUS)


class CampaignsGet(ObjectGet):
    """Get one campaign."""

    op_id = "campaigns/get"
    id_flag = "--campaign-id"
    id_param = "campaign_id"
