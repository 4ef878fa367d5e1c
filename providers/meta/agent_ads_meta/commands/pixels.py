"""``meta pixels list|get|stats``: an ad account's Meta pixels and their event counts."""

from __future__ import annotations

from agent_ads_meta.commands.base import GraphGet, GraphList, Param, Scope

PIXEL = Scope("--pixel-id", "AdsPixel")
PIXEL_FIELDS = "id,name,creation_time,last_fired_time,is_unavailable"


class PixelsList(GraphList):
    """Pixels of an ad account: GET /act_<id>/adspixels."""

    edge_name = "adspixels"
    default_fields = PIXEL_FIELDS


class PixelsGet(GraphGet):
    """One pixel by id: GET /{pixel-id}."""

    scope = PIXEL
    default_fields = PIXEL_FIELDS


class PixelsStats(GraphList):
    """A pixel's event counts: GET /{pixel-id}/stats, one row per time bucket.

    Each row has start_time, aggregation and data: [{value, count}] by the --aggregation
    (event by default on Meta's side).
    """

    edge_name = "stats"
    scopes = (PIXEL,)
    scope_required = True
    params = (
        Param("--aggregation", "aggregation", "what to count by"),
        Param("--event", "event", "only this event (e.g. PageView, Purchase)"),
        Param("--start-time", "start_time", "from (date, ISO datetime or Unix seconds)", "timestamp"),
        Param("--end-time", "end_time", "until (date, ISO datetime or Unix seconds)", "timestamp"),
    )
