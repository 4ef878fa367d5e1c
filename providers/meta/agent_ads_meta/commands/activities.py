"""``meta activities list`` and ``meta custom-conversions list``: an ad account's history and conversions."""

from __future__ import annotations

from agent_ads_meta.commands.base import GraphList, Param


class ActivitiesList(GraphList):
    """Changes made to an ad account and its objects: GET /act_<id>/activities.

    AdActivity has no id field: rows are keyed by event_time, object_id and event_type.
    """

    edge_name = "activities"
    default_fields = ("event_time,event_type,translated_event_type,actor_id,actor_name,object_id,object_name,"
                      "object_type,extra_data")
    params = (
        Param("--since", "since", "from (date, ISO datetime or Unix seconds)", "timestamp"),
        Param("--until", "until", "until (date, ISO datetime or Unix seconds)", "timestamp"),
        Param("--category", "category", "only this kind of change"),
        Param("--data-source", "data_source", "only changes recorded by this source"),
    )


class CustomConversionsList(GraphList):
    """Custom conversions of an ad account: GET /act_<id>/customconversions."""

    edge_name = "customconversions"
    default_fields = "id,name,custom_event_type,rule,default_conversion_value,is_archived,creation_time"
