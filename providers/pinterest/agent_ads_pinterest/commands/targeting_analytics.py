"""``pinterest targeting-analytics query``: metrics broken down by targeting type."""

from __future__ import annotations

from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_pinterest.commands.analytics_common import AnalyticsQueryCommand, Level


class TargetingAnalyticsQuery(AnalyticsQueryCommand):
    """Metrics of an ad account, ad groups or ads per targeting value (age bucket, gender, keyword, ...).

    Each row is the API's {"targeting_type", "targeting_value", "metrics": {...}}. Pinterest serves
    up to 90 days back (8 for HOUR).
    """

    levels = {
        "ad_account": Level("ad_account_targeting_analytics/get"),
        "ad_group": Level("ad_groups_targeting_analytics/get", (("ad_group_ids",),)),
        "ad": Level("ad_targeting_analytics/get", (("ad_ids",),)),
    }
    extra_flags = {
        "ad_group_ids": "--ad-group-id",
        "ad_ids": "--ad-id",
        "targeting_types": "--targeting-type",
        "attribution_types": "--attribution-type",
    }
    rows_key = "data"

    def row_columns(self, columns: list[str]) -> list[str]:
        return ["targeting_type", "targeting_value", *(f"metrics.{column}" for column in columns)]

    def add_level_arguments(self, parser: ArgumentParser) -> None:
        add_list_argument(parser, "--targeting-type", dest="targeting_types", required=True, metavar="TYPE[,TYPE...]",
                          help="e.g. AGE_BUCKET,GENDER,LOCATION,KEYWORD")
        add_list_argument(parser, "--attribution-type", dest="attribution_types", metavar="TYPE[,TYPE...]",
                          help="INDIVIDUAL, HOUSEHOLD")
        ids = parser.add_argument_group("ids (comma-separated or repeated; long lists are batched)")
        add_list_argument(ids, "--ad-group-id", dest="ad_group_ids", help="level ad_group")
        add_list_argument(ids, "--ad-id", dest="ad_ids", help="level ad")
