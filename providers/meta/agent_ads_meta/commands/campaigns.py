"""``meta campaigns list|get``: GET /act_X/campaigns and GET /{campaign}."""

from __future__ import annotations

from agent_ads_meta.commands.base import ARCHIVED_NOTE, CAMPAIGN, DELIVERY_FILTERS, GraphGet, GraphList

CAMPAIGN_FIELDS = ("id,name,status,effective_status,objective,buying_type,daily_budget,lifetime_budget,"
                   "start_time,stop_time,created_time,updated_time")


class CampaignsList(GraphList):
    __doc__ = f"""Campaigns of an ad account: GET /act_<id>/campaigns.

    {ARCHIVED_NOTE}
    """

    edge_name = "campaigns"
    default_fields = CAMPAIGN_FIELDS
    params = DELIVERY_FILTERS
    time_range = True


class CampaignsGet(GraphGet):
    """One campaign by id: GET /{campaign-id}."""

    scope = CAMPAIGN
    default_fields = CAMPAIGN_FIELDS
