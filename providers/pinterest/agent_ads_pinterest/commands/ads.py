"""``pinterest ads list|get``."""

from __future__ import annotations

from agent_ads_pinterest.commands.base import ObjectGet
from agent_ads_pinterest.commands.list_filters import ARCHIVED_NOTE, ENTITY_STATUS, OrderedList


class AdsList(OrderedList):
    __doc__ = f"List ads of an ad account.\n\n{ARCHIVED_NOTE}"

    op_id = "ads/list"
    list_filters = (
        ("--campaign-id", "campaign_ids", "only ads of these campaigns"),
        ("--ad-group-id", "ad_group_ids", "only ads of these ad groups"),
        ("--ad-id", "ad_ids", "only these ads"),
        ENTITY_STATUS,
    )
    only_one_of = ("campaign_ids", "ad_group_ids", "ad_ids")


class AdsGet(ObjectGet):
    """Get one ad."""

    op_id = "ads/get"
    id_flag = "--ad-id"
    id_param = "ad_id"
