"""``pinterest analytics query``: the five synchronous ``.../analytics`` endpoints behind one command."""

from __future__ import annotations

from agent_ads_core.argparsing import ArgumentParser, add_list_argument
from agent_ads_pinterest.commands.analytics_common import AnalyticsQueryCommand, Level


class AnalyticsQuery(AnalyticsQueryCommand):
    """Metrics of an ad account, its campaigns, ad groups, ads or ad pins, one row per entity and time bucket.

    Rows keep the API's keys (e.g. DATE, CAMPAIGN_ID, SPEND_IN_DOLLAR). Pinterest serves up to
    90 days back (8 for HOUR). ad_pin is not available with --sandbox.
    """

    levels = {
        "ad_account": Level("ad_account/analytics"),
        "campaign": Level("campaigns/analytics", (("campaign_ids",),)),
        "ad_group": Level("ad_groups/analytics", (("ad_group_ids",),)),
        "ad": Level("ads/analytics", (("ad_ids",), ("campaign_ids", "pin_ids"))),
        "ad_pin": Level("ad_pins/analytics", (("campaign_id", "pin_ids"),)),
    }
    extra_flags = {
        "campaign_ids": "--campaign-id",
        "ad_group_ids": "--ad-group-id",
        "ad_ids": "--ad-id",
        "pin_ids": "--pin-id",
        "campaign_id": "--campaign",
        "aggregate_report_rows": "--aggregate-report-rows",
    }

    def add_level_arguments(self, parser: ArgumentParser) -> None:
        ids = parser.add_argument_group("ids (comma-separated or repeated; long lists are batched)")
        add_list_argument(ids, "--campaign-id", dest="campaign_ids", help="levels campaign, ad (with --pin-id)")
        add_list_argument(ids, "--ad-group-id", dest="ad_group_ids", help="level ad_group")
        add_list_argument(ids, "--ad-id", dest="ad_ids", help="level ad")
        add_list_argument(ids, "--pin-id", dest="pin_ids", help="levels ad (with --campaign-id), ad_pin")
        ids.add_argument("--campaign", dest="campaign_id", metavar="ID",
                         help="level ad_pin: the one campaign whose pins are reported")
        parser.add_argument("--aggregate-report-rows", dest="aggregate_report_rows", action="store_true",
                            default=None, help="levels campaign, ad_group: aggregate all rows into one")
