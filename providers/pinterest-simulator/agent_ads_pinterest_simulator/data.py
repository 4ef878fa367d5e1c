"""Seeded ad accounts, campaigns, ad groups, ads and audiences, generated on demand.

Benchmarks run the simulator with 100,000 campaigns per account, so nothing here is
materialised: each object is a pure function of ``(seed, account index, object index)``
and ids encode those indices, so an id can be decoded back to its object in O(1).

Id layout (decimal strings, as the API returns them), for account index ``a`` and
object index ``i`` (ad groups are numbered ``campaign * ad_groups_per_campaign + k``,
ads ``ad_group * ads_per_ad_group + m``):

===============  ========================================
ad account       ``549755885175 + a``
campaign         ``626700000000 + a * 10**7 + i``
ad group         ``2680000000000 + a * 10**8 + i``
ad               ``687000000000000 + a * 10**9 + i``
pin (of an ad)   ``394200000000000000 + a * 10**10 + i``
audience         ``2542610000000 + a * 10**6 + i``
===============  ========================================

So with the defaults the first account is ``549755885175`` and its first campaign
``626700000000``. Statuses are mixed roughly 60% ACTIVE, 25% PAUSED, 15% ARCHIVED.
The last ad account (when there is more than one) is shared with the user rather than
owned, so ``include_shared_accounts=false`` hides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .hashing import stable_int, stable_unit

BASE_TIME = 1_672_531_200  # 2023-01-01T00:00:00Z; creation times count up from here

_CURRENCIES = (("US", "USD"), ("DE", "EUR"), ("GB", "GBP"), ("CA", "CAD"))
_ADJECTIVES = ("Spring", "Summer", "Autumn", "Winter", "Evergreen", "Holiday", "Flash", "Café", "Frühling")
_NOUNS = ("Sale", "Launch", "Lookbook", "Recipes", "Home Decor", "DIY", "Outfits", "Travel", "Wellness")
_OBJECTIVES = ("AWARENESS", "CONSIDERATION", "WEB_CONVERSION", "CATALOG_SALES", "VIDEO_COMPLETION")
_CREATIVE_TYPES = ("REGULAR", "VIDEO", "CAROUSEL", "SHOPPING", "IDEA")
_AUDIENCE_TYPES = ("CUSTOMER_LIST", "VISITOR", "ENGAGEMENT", "ACTALIKE")

# Summary statuses the API derives from an entity status (campaigns/ad groups, then ads).
SUMMARY_STATUS = {"ACTIVE": "RUNNING", "PAUSED": "PAUSED", "ARCHIVED": "ARCHIVED"}
AD_SUMMARY_STATUS = {"ACTIVE": "APPROVED", "PAUSED": "PAUSED", "ARCHIVED": "ARCHIVED"}


@dataclass(frozen=True)
class IdSpace:
    """Maps (account index, object index) to a numeric id string and back."""

    base: int
    stride: int

    def make(self, account: int, index: int) -> str:
        return str(self.base + account * self.stride + index)

    def parse(self, account: int, object_id: str, count: int) -> int | None:
        """The object index of ``object_id`` within ``account``, or None if it is not one of its objects."""
        if not object_id.isdigit():
            return None
        index = int(object_id) - self.base - account * self.stride
        return index if 0 <= index < count else None


ACCOUNT_BASE = 549_755_885_175
CAMPAIGNS = IdSpace(626_700_000_000, 10**7)
AD_GROUPS = IdSpace(2_680_000_000_000, 10**8)
ADS = IdSpace(687_000_000_000_000, 10**9)
PINS = IdSpace(394_200_000_000_000_000, 10**10)
AUDIENCES = IdSpace(2_542_610_000_000, 10**6)


def _status(*key: object) -> str:
    """ACTIVE/PAUSED/ARCHIVED in a 60/25/15 mix, fixed per key."""
    roll = stable_int(*key) % 100
    return "ACTIVE" if roll < 60 else "PAUSED" if roll < 85 else "ARCHIVED"


class Dataset:
    """All seeded objects of one simulator, addressed by index or by id."""

    def __init__(
        self,
        *,
        seed: int = 0,
        accounts: int = 3,
        campaigns: int = 300,
        ad_groups_per_campaign: int = 2,
        ads_per_ad_group: int = 2,
        audiences: int = 40,
    ) -> None:
        limits = {
            "accounts": (accounts, 1, 1000),
            "campaigns per account": (campaigns, 0, CAMPAIGNS.stride),
            "ad groups per account": (campaigns * ad_groups_per_campaign, 0, AD_GROUPS.stride),
            "ads per account": (campaigns * ad_groups_per_campaign * ads_per_ad_group, 0, ADS.stride),
            "audiences per account": (audiences, 0, AUDIENCES.stride),
        }
        for name, (value, low, high) in limits.items():
            if not low <= value <= high:
                raise ValueError(f"{name} must be between {low} and {high}, got {value}")
        self.seed = seed
        self.accounts = accounts
        self.campaigns = campaigns
        self.ad_groups_per_campaign = ad_groups_per_campaign
        self.ads_per_ad_group = ads_per_ad_group
        self.ad_groups = campaigns * ad_groups_per_campaign
        self.ads = self.ad_groups * ads_per_ad_group
        self.audiences = audiences

    # --- ad accounts -------------------------------------------------------------

    def account_id(self, a: int) -> str:
        return str(ACCOUNT_BASE + a)

    def account_index(self, ad_account_id: str) -> int | None:
        if not ad_account_id.isdigit():
            return None
        a = int(ad_account_id) - ACCOUNT_BASE
        return a if 0 <= a < self.accounts else None

    def is_shared(self, a: int) -> bool:
        """The user reaches the last account through Business Access, not ownership."""
        return self.accounts > 1 and a == self.accounts - 1

    def account(self, a: int) -> dict[str, Any]:
        country, currency = _CURRENCIES[a % len(_CURRENCIES)]
        owner = 1_000 + (a if self.is_shared(a) else 0)
        created = BASE_TIME - (self.accounts - a) * 30 * 86_400
        return {
            "id": self.account_id(a),
            "name": f"Demo Advertiser {a + 1}" + (" (shared)" if self.is_shared(a) else ""),
            "owner": {"id": str(owner), "username": f"demo_user_{owner}"},
            "country": country,
            "currency": currency,
            "permissions": ["ANALYST"] if self.is_shared(a) else ["OWNER"],
            "created_time": created,
            "updated_time": created + stable_int(self.seed, "account-upd", a) % (90 * 86_400),
        }

    # --- campaigns ---------------------------------------------------------------

    def campaign_id(self, a: int, j: int) -> str:
        return CAMPAIGNS.make(a, j)

    def campaign_index(self, a: int, campaign_id: str) -> int | None:
        return CAMPAIGNS.parse(a, campaign_id, self.campaigns)

    def campaign_status(self, a: int, j: int) -> str:
        return _status(self.seed, "campaign", a, j)

    def campaign_name(self, a: int, j: int) -> str:
        roll = stable_int(self.seed, "campaign-name", a, j)
        adjective = _ADJECTIVES[roll % len(_ADJECTIVES)]
        noun = _NOUNS[(roll >> 8) % len(_NOUNS)]
        return f"{adjective} {noun} #{j + 1}"

    def campaign_objective(self, a: int, j: int) -> str:
        return _OBJECTIVES[stable_int(self.seed, "objective", a, j) % len(_OBJECTIVES)]

    def campaign(self, a: int, j: int) -> dict[str, Any]:
        status = self.campaign_status(a, j)
        created = BASE_TIME + j * 300 + a * 7
        roll = stable_int(self.seed, "campaign-money", a, j)
        return {
            "id": self.campaign_id(a, j),
            "ad_account_id": self.account_id(a),
            "name": self.campaign_name(a, j),
            "status": status,
            "summary_status": SUMMARY_STATUS[status],
            "objective_type": self.campaign_objective(a, j),
            "daily_spend_cap": (roll % 50 + 1) * 1_000_000 if roll % 3 == 0 else None,
            "lifetime_spend_cap": (roll % 900 + 100) * 1_000_000 if roll % 3 == 1 else None,
            "start_time": created + 86_400,
            "end_time": None,
            "order_line_id": None,
            "tracking_urls": None,
            "bid_options": None,
            "is_campaign_budget_optimization": roll % 4 == 0,
            "is_flexible_daily_budgets": roll % 5 == 0,
            "is_performance_plus": False,
            "is_automated_campaign": False,
            "created_time": created,
            "updated_time": created + roll % (60 * 86_400),
            "type": "campaign",
        }

    # --- ad groups ---------------------------------------------------------------

    def ad_group_id(self, a: int, g: int) -> str:
        return AD_GROUPS.make(a, g)

    def ad_group_index(self, a: int, ad_group_id: str) -> int | None:
        return AD_GROUPS.parse(a, ad_group_id, self.ad_groups)

    def ad_group_campaign(self, g: int) -> int:
        return g // self.ad_groups_per_campaign

    def ad_groups_of_campaign(self, j: int) -> range:
        first = j * self.ad_groups_per_campaign
        return range(first, first + self.ad_groups_per_campaign)

    def ad_group_status(self, a: int, g: int) -> str:
        return _status(self.seed, "ad_group", a, g)

    def ad_group_name(self, a: int, g: int) -> str:
        return f"{self.campaign_name(a, self.ad_group_campaign(g))} · group {g % self.ad_groups_per_campaign + 1}"

    def ad_group(self, a: int, g: int) -> dict[str, Any]:
        status = self.ad_group_status(a, g)
        j = self.ad_group_campaign(g)
        created = BASE_TIME + j * 300 + a * 7 + 60 + g % self.ad_groups_per_campaign
        roll = stable_int(self.seed, "ad-group-money", a, g)
        return {
            "id": self.ad_group_id(a, g),
            "ad_account_id": self.account_id(a),
            "campaign_id": self.campaign_id(a, j),
            "name": self.ad_group_name(a, g),
            "status": status,
            "summary_status": SUMMARY_STATUS[status],
            "budget_in_micro_currency": (roll % 100 + 5) * 1_000_000,
            "bid_in_micro_currency": (roll % 20 + 1) * 100_000,
            "budget_type": "DAILY",
            "bid_strategy_type": "AUTOMATIC_BID",
            "billable_event": "IMPRESSION" if self.campaign_objective(a, j) == "AWARENESS" else "CLICKTHROUGH",
            "start_time": created + 86_400,
            "end_time": None,
            "targeting_spec": {"AGE_BUCKET": ["25-34", "35-44"], "GENDER": ["female", "male"], "LOCATION": ["US"]},
            "lifetime_frequency_cap": -1,
            "tracking_urls": None,
            "auto_targeting_enabled": True,
            "placement_group": "ALL",
            "pacing_delivery_type": "STANDARD",
            "conversion_learning_mode_type": None,
            "optimization_goal_metadata": None,
            "is_creative_optimization": None,
            "promotion_id": None,
            "promotion_application_level": None,
            "targeting_template_ids": None,
            "bid_multiplier": None,
            "feed_profile_id": "0",
            "created_time": created,
            "updated_time": created + roll % (60 * 86_400),
            "type": "adgroup",
        }

    # --- ads -----------------------------------------------------------------------

    def ad_id(self, a: int, i: int) -> str:
        return ADS.make(a, i)

    def ad_index(self, a: int, ad_id: str) -> int | None:
        return ADS.parse(a, ad_id, self.ads)

    def ad_ad_group(self, i: int) -> int:
        return i // self.ads_per_ad_group

    def ads_of_ad_group(self, g: int) -> range:
        first = g * self.ads_per_ad_group
        return range(first, first + self.ads_per_ad_group)

    def pin_id(self, a: int, i: int) -> str:
        """Each ad promotes its own pin, so pin ids decode to ads like any other id."""
        return PINS.make(a, i)

    def pin_index(self, a: int, pin_id: str) -> int | None:
        return PINS.parse(a, pin_id, self.ads)

    def ad_status(self, a: int, i: int) -> str:
        return _status(self.seed, "ad", a, i)

    def ad_name(self, a: int, i: int) -> str:
        return f"Pin ad {i + 1}"

    def ad(self, a: int, i: int) -> dict[str, Any]:
        status = self.ad_status(a, i)
        g = self.ad_ad_group(i)
        j = self.ad_group_campaign(g)
        created = BASE_TIME + j * 300 + a * 7 + 120 + i % (self.ads_per_ad_group * self.ad_groups_per_campaign)
        roll = stable_int(self.seed, "ad", a, i)
        return {
            "id": self.ad_id(a, i),
            "ad_account_id": self.account_id(a),
            "campaign_id": self.campaign_id(a, j),
            "ad_group_id": self.ad_group_id(a, g),
            "pin_id": self.pin_id(a, i),
            "name": self.ad_name(a, i),
            "status": status,
            "summary_status": AD_SUMMARY_STATUS[status],
            "review_status": "APPROVED",
            "creative_type": _CREATIVE_TYPES[roll % len(_CREATIVE_TYPES)],
            "destination_url": f"https://shop.example.com/p/{i + 1}",
            "android_deep_link": None,
            "ios_deep_link": None,
            "click_tracking_url": None,
            "view_tracking_url": None,
            "carousel_android_deep_links": None,
            "carousel_destination_urls": None,
            "carousel_ios_deep_links": None,
            "tracking_urls": None,
            "is_pin_deleted": False,
            "is_removable": False,
            "lead_form_id": None,
            "grid_click_type": "CLOSEUP",
            "rejected_reasons": [],
            "rejection_labels": [],
            "created_time": created,
            "updated_time": created + roll % (60 * 86_400),
            "type": "pinpromotion",
        }

    # --- audiences -------------------------------------------------------------------

    def audience_id(self, a: int, i: int) -> str:
        return AUDIENCES.make(a, i)

    def audience_index(self, a: int, audience_id: str) -> int | None:
        return AUDIENCES.parse(a, audience_id, self.audiences)

    def audience_ownership(self, a: int, i: int) -> str:
        """Every fifth audience was shared with the account by another one."""
        return "RECEIVED" if i % 5 == 4 else "OWNED"

    def audience(self, a: int, i: int) -> dict[str, Any]:
        roll = stable_int(self.seed, "audience", a, i)
        audience_type = _AUDIENCE_TYPES[roll % len(_AUDIENCE_TYPES)]
        created = BASE_TIME + i * 3_600 + a * 7
        return {
            "id": self.audience_id(a, i),
            "ad_account_id": self.account_id(a),
            "name": f"{audience_type.replace('_', ' ').title()} audience {i + 1}",
            "audience_type": audience_type,
            "description": None if roll % 3 else "Seeded by the simulator.",
            "rule": {"retention_days": 180} if audience_type == "VISITOR" else {},
            "size": None if roll % 7 == 0 else 1_000 + roll % 5_000_000,
            "status": "READY" if roll % 10 else "TOO_SMALL",
            "created_by_company_name": "Pinterest" if self.audience_ownership(a, i) == "RECEIVED" else None,
            "created_timestamp": created,
            "updated_timestamp": created + int(stable_unit(self.seed, "audience-upd", a, i) * 30 * 86_400),
            "type": "audience",
        }
