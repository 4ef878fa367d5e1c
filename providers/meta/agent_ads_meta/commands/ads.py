"""``meta ads list|get``: ads of an ad account, a campaign or an ad set."""

from __future__ import annotations

from agent_ads_meta.commands.base import (
    AD,
    AD_ACCOUNT,
    ADSET,
    ARCHIVED_NOTE,
    CAMPAIGN,
    DELIVERY_FILTERS,
    GraphGet,
    GraphList,
)

AD_FIELDS = "id,name,adset_id,campaign_id,status,effective_status,creative{id,name},created_time,updated_time"


class AdsList(GraphList):
    __doc__ = f"""Ads: GET /act_<id>/ads, /{{campaign-id}}/ads or /{{adset-id}}/ads.

    {ARCHIVED_NOTE}
    """

    edge_name = "ads"
    scopes = (ADSET, CAMPAIGN, AD_ACCOUNT)
    default_fields = AD_FIELDS
    params = DELIVERY_FILTERS
    time_range = True


class AdsGet(GraphGet):
    """One ad by id: GET /{ad-id}."""

    scope = AD
    default_fields = AD_FIELDS
