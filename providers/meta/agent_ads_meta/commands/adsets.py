"""``meta adsets list|get``: ad sets of an ad account or of one campaign."""

from __future__ import annotations

from agent_ads_meta.commands.base import (
    AD_ACCOUNT,
    ADSET,
    ARCHIVED_NOTE,
    CAMPAIGN,
    DELIVERY_FILTERS,
    GraphGet,
    GraphList,
)

ADSET_FIELDS = ("id,name,campaign_id,status,effective_status,optimization_goal,billing_event,bid_strategy,"
                "daily_budget,lifetime_budget,start_time,end_time,updated_time")


class AdSetsList(GraphList):
    __doc__ = f"""Ad sets: GET /act_<id>/adsets, or GET /{{campaign-id}}/adsets with --campaign-id.

    {ARCHIVED_NOTE} --updated-since works on the ad account's listing only (the campaign
    edge does not take it).
    """

    edge_name = "adsets"
    scopes = (CAMPAIGN, AD_ACCOUNT)
    default_fields = ADSET_FIELDS
    params = DELIVERY_FILTERS
    time_range = True


class AdSetsGet(GraphGet):
    """One ad set by id: GET /{adset-id}."""

    scope = ADSET
    default_fields = ADSET_FIELDS
