"""Deterministic seeded data: the same seed always gives the same ids, names and values.

For any seed: one user (``/me``), two businesses and three ad accounts:

* account 0 is owned by business 0 (``/{business}/owned_ad_accounts``),
* account 1 is owned by business 1 and a *client* account of business 0
  (``/{business 0}/client_ad_accounts``),
* account 2 belongs to no business and is reached only through ``/me/adaccounts``.

Each account has 60 campaigns, 2-3 ad sets per campaign, 1-2 ads per ad set (each with its
own creative), 1-2 pixels, 3 custom conversions and 30 activities. Statuses mix ACTIVE,
PAUSED, ARCHIVED and DELETED; the first campaign of every account (and its first ad set and
ad) is ACTIVE. Children of an ARCHIVED/DELETED parent share its status; children of a PAUSED
parent are ``CAMPAIGN_PAUSED``/``ADSET_PAUSED``. Ids are numeric strings (``1202...``); ad
accounts are ``act_<digits>`` with ``account_id`` = the digits. Times are fixed dates in 2025
so they do not move with the clock; insights are computed relative to today (UTC).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

CAMPAIGNS_PER_ACCOUNT = 60
DATA_START = dt.date(2025, 1, 1)
EPOCH = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)

OBJECTIVES = [
    "OUTCOME_SALES",
    "OUTCOME_TRAFFIC",
    "OUTCOME_AWARENESS",
    "OUTCOME_LEADS",
    "OUTCOME_ENGAGEMENT",
    "OUTCOME_APP_PROMOTION",
]
OPTIMIZATION_GOALS = ["LINK_CLICKS", "OFFSITE_CONVERSIONS", "REACH", "IMPRESSIONS", "LANDING_PAGE_VIEWS"]
WORDS_A = [
    "Spring",
    "Summer",
    "Autumn",
    "Winter",
    "Evergreen",
    "Flash",
    "Holiday",
    "Launch",
    "Always-on",
    "Retargeting",
]
WORDS_B = ["Sale", "Promo", "Awareness", "Leads", "Catalog", "Brand", "Traffic", "Video", "Carousel", "Install"]
CTA_TYPES = ["SHOP_NOW", "LEARN_MORE", "SIGN_UP", "DOWNLOAD", "GET_OFFER"]
ACTIVITY_TYPES = [
    ("update_campaign_run_status", "CAMPAIGN"),
    ("update_ad_set_budget", "CAMPAIGN"),
    ("create_ad", "ADGROUP"),
    ("update_ad_run_status", "ADGROUP"),
    ("create_campaign_group", "CAMPAIGN_GROUP"),
    ("update_campaign_name", "CAMPAIGN_GROUP"),
    ("ad_account_billing_charge", "ACCOUNT"),
    ("update_ad_set_target_spec", "CAMPAIGN"),
]
CUSTOM_EVENTS = ["PURCHASE", "LEAD", "COMPLETE_REGISTRATION", "ADD_TO_CART"]


@dataclass(frozen=True)
class Ref:
    """A reference to another object; rendered as ``{"id": ...}`` or expanded with ``field{...}``."""

    id: str


@dataclass
class Record:
    type: str  # the description's node name: Campaign, AdSet, Ad, ...
    id: str
    data: dict[str, Any]
    account: str | None = None  # "act_..." of the owning ad account, when there is one
    children: dict[str, list[str]] = field(default_factory=dict)  # list edges: edge name -> ids

    @property
    def effective_status(self) -> str | None:
        return self.data.get("effective_status")


def graph_time(moment: dt.datetime) -> str:
    """Graph's datetime format: ``2025-03-04T10:11:12+0000``."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


class Dataset:
    def __init__(self, seed: int = 0, campaigns: int = CAMPAIGNS_PER_ACCOUNT) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.records: dict[str, Record] = {}
        self._next_id = 120_200_000_000_000_000 + self.rng.randrange(10**8) * 10**6
        self.user_id = str(10_000_000_000_000 + self.rng.randrange(10**13))
        self.business_ids = [str(1_000_000_000_000_000 + self.rng.randrange(10**15)) for _ in range(2)]
        self.account_ids = [f"act_{100_000_000_000_000 + self.rng.randrange(10**15)}" for _ in range(3)]
        self.campaigns_per_account = campaigns
        self.ads: dict[str, list[str]] = {}  # account -> every ad id, any status (insights walk these)
        self.activities: dict[str, list[dict[str, Any]]] = {}  # account -> AdActivity rows, newest first
        self._build()

    # --- lookups ----------------------------------------------------------------------------

    def get(self, object_id: str) -> Record | None:
        return self.records.get(object_id)

    def children(self, object_id: str, edge: str) -> list[Record]:
        record = self.records.get(object_id)
        if record is None:
            return []
        return [self.records[i] for i in record.children.get(edge, [])]

    def owner_of(self, account_id: str) -> str:
        """The id used as key of ``x-business-use-case-usage`` for an account: its business, else itself."""
        record = self.records.get(account_id)
        business = record.data.get("business") if record else None
        return business.id if isinstance(business, Ref) else account_id.removeprefix("act_")

    def first_campaign(self, account_index: int = 0) -> str:
        return self.records[self.account_ids[account_index]].children["campaigns"][0]

    # --- generation ------------------------------------------------------------------------

    def _new_id(self) -> str:
        self._next_id += 1 + self.rng.randrange(3)
        return str(self._next_id)

    def _add(self, record: Record) -> Record:
        self.records[record.id] = record
        return record

    def _time(self, day_from: int, day_to: int) -> dt.datetime:
        return EPOCH + dt.timedelta(days=self.rng.randrange(day_from, day_to), seconds=self.rng.randrange(86400))

    def _build(self) -> None:
        rng = self.rng
        user = self._add(
            Record(
                "User",
                self.user_id,
                {
                    "id": self.user_id,
                    "name": "Dana Demo",
                    "first_name": "Dana",
                    "last_name": "Demo",
                    "short_name": "Dana",
                    "email": "dana.demo@example.com",
                    "locale": "en_US",
                    "timezone": 0,
                    "verified": True,
                },
            )
        )
        names = ["Acme Retail Group", "Northwind Agency"]
        for index, business_id in enumerate(self.business_ids):
            self._add(
                Record(
                    "Business",
                    business_id,
                    {
                        "id": business_id,
                        "name": names[index],
                        "created_time": graph_time(self._time(0, 30)),
                        "updated_time": graph_time(self._time(30, 60)),
                        "verification_status": "verified" if index == 0 else "not_verified",
                        "timezone_id": 1,
                        "vertical": "RETAIL" if index == 0 else "ADVERTISING",
                        "link": f"https://business.facebook.com/business/{business_id}",
                        "is_hidden": False,
                        "two_factor_type": "none",
                    },
                )
            )
        user.children["businesses"] = list(self.business_ids)
        user.children["adaccounts"] = list(self.account_ids)
        b0, b1 = (self.records[b] for b in self.business_ids)
        b0.children["owned_ad_accounts"] = [self.account_ids[0]]
        b0.children["client_ad_accounts"] = [self.account_ids[1]]
        b1.children["owned_ad_accounts"] = [self.account_ids[1]]
        b1.children["client_ad_accounts"] = []
        owners = [self.business_ids[0], self.business_ids[1], None]
        settings = [("USD", "America/Los_Angeles", 1, -8.0), ("EUR", "Europe/Berlin", 82, 1.0), ("USD", "UTC", 0, 0.0)]
        for index, account_id in enumerate(self.account_ids):
            currency, tz_name, tz_id, tz_offset = settings[index]
            business = owners[index]
            data: dict[str, Any] = {
                "id": account_id,
                "account_id": account_id.removeprefix("act_"),
                "name": ["Acme Retail US", "Northwind Client EU", "Dana Personal"][index],
                "account_status": 1,
                "disable_reason": 0,
                "currency": currency,
                "timezone_name": tz_name,
                "timezone_id": tz_id,
                "timezone_offset_hours_utc": tz_offset,
                "amount_spent": str(rng.randrange(10**6, 10**8)),
                "balance": str(rng.randrange(0, 10**5)),
                "spend_cap": "0",
                "min_daily_budget": 100,
                "created_time": graph_time(self._time(0, 20)),
                "is_personal": 0 if business else 1,
                "is_prepay_account": False,
                "capabilities": ["CAN_USE_REACH_AND_FREQUENCY"],
                "user_tasks": ["MANAGE", "ADVERTISE", "ANALYZE"],
                "business_country_code": "US" if currency == "USD" else "DE",
                "owner": business or self.user_id,
            }
            if business:
                data["business"] = Ref(business)
                data["owner_business"] = Ref(business)
                data["business_name"] = self.records[business].data["name"]
            account = self._add(Record("AdAccount", account_id, data, account=account_id))
            self._build_account(account)

    def _build_account(self, account: Record) -> None:
        rng = self.rng
        act = account.id
        digits = act.removeprefix("act_")
        edges: dict[str, list[str]] = {e: [] for e in ("campaigns", "adsets", "ads", "adcreatives", "adspixels")}
        edges["customconversions"] = []
        self.ads[act] = []
        pixels = []
        for p in range(2 if act == self.account_ids[0] else 1):
            pixel_id = self._new_id()
            created = self._time(0, 30)
            pixel = self._add(
                Record(
                    "AdsPixel",
                    pixel_id,
                    {
                        "id": pixel_id,
                        "name": f"{account.data['name']} Pixel {p + 1}",
                        "code": f"<!-- Meta Pixel Code {pixel_id} -->",
                        "creation_time": graph_time(created),
                        "last_fired_time": graph_time(EPOCH + dt.timedelta(days=330 + p)),
                        "is_unavailable": False,
                        "is_created_by_business": account.data.get("business") is not None,
                        "enable_automatic_matching": p == 0,
                        "automatic_matching_fields": ["em", "ph"] if p == 0 else [],
                        "data_use_setting": "ADVERTISING_AND_ANALYTICS",
                        "first_party_cookie_status": "FIRST_PARTY_COOKIE_ENABLED",
                        "owner_ad_account": Ref(act),
                        **({"owner_business": account.data["business"]} if "business" in account.data else {}),
                    },
                    account=act,
                )
            )
            pixels.append(pixel.id)
        edges["adspixels"] = pixels
        for c in range(3):
            cc_id = self._new_id()
            event = CUSTOM_EVENTS[c % len(CUSTOM_EVENTS)]
            self._add(
                Record(
                    "CustomConversion",
                    cc_id,
                    {
                        "id": cc_id,
                        "name": f"{event.title().replace('_', ' ')} conversions",
                        "account_id": digits,
                        "custom_event_type": event,
                        "rule": '{"url":{"i_contains":"/thank-you"}}',
                        "pixel": Ref(pixels[c % len(pixels)]),
                        "creation_time": graph_time(self._time(20, 60)),
                        "first_fired_time": graph_time(self._time(60, 90)),
                        "last_fired_time": graph_time(self._time(300, 330)),
                        "is_archived": False,
                        "is_unavailable": False,
                        "retention_days": 0,
                        "default_conversion_value": 0,
                        "event_source_type": "pixel",
                        "description": "",
                    },
                    account=act,
                )
            )
            edges["customconversions"].append(cc_id)
        for c in range(self.campaigns_per_account):
            campaign = self._campaign(act, digits, c)
            edges["campaigns"].append(campaign.id)
            for s in range(2 + rng.randrange(2)):
                adset = self._adset(act, digits, campaign, s, first=c == 0 and s == 0)
                campaign.children["adsets"].append(adset.id)
                edges["adsets"].append(adset.id)
                for a in range(1 + rng.randrange(2)):
                    ad, creative = self._ad(act, digits, campaign, adset, a, first=c == 0 and s == 0 and a == 0)
                    adset.children["ads"].append(ad.id)
                    campaign.children["ads"].append(ad.id)
                    edges["ads"].append(ad.id)
                    edges["adcreatives"].append(creative.id)
                    self.ads[act].append(ad.id)
        account.children.update(edges)
        activities = []
        for n in range(30):
            event_type, object_type = ACTIVITY_TYPES[n % len(ACTIVITY_TYPES)]
            target = self.records[edges["campaigns"][rng.randrange(len(edges["campaigns"]))]]
            moment = EPOCH + dt.timedelta(days=330 - n * 3, seconds=rng.randrange(86400))
            activities.append(
                {
                    "actor_id": self.user_id,
                    "actor_name": "Dana Demo",
                    "application_id": "119211728144504",
                    "application_name": "Ads Manager",
                    "date_time_in_timezone": f"{moment:%m/%d/%Y} at {moment.hour % 12 or 12}:{moment:%M %p}",
                    "event_time": graph_time(moment),
                    "event_type": event_type,
                    "extra_data": '{"old_value":"PAUSED","new_value":"ACTIVE"}',
                    "object_id": target.id,
                    "object_name": target.data["name"],
                    "object_type": object_type,
                    "translated_event_type": event_type.replace("_", " ").capitalize(),
                }
            )
        self.activities[act] = activities

    def _status(self, parent_status: str | None, first: bool, parent_is_campaign: bool = False) -> tuple[str, str]:
        """(configured status, effective status) given the parent's effective status."""
        if first:
            return "ACTIVE", "ACTIVE"
        if parent_status in ("ARCHIVED", "DELETED"):
            return parent_status, parent_status
        roll = self.rng.random()
        if parent_status is None:  # a campaign
            status = "ACTIVE" if roll < 0.45 else "PAUSED" if roll < 0.75 else "ARCHIVED" if roll < 0.9 else "DELETED"
        else:
            status = "ACTIVE" if roll < 0.7 else "PAUSED" if roll < 0.9 else "ARCHIVED" if roll < 0.95 else "DELETED"
        effective = status
        if status == "ACTIVE" and parent_status in ("CAMPAIGN_PAUSED", "ADSET_PAUSED"):
            effective = parent_status
        elif status == "ACTIVE" and parent_status == "PAUSED":
            effective = "CAMPAIGN_PAUSED" if parent_is_campaign else "ADSET_PAUSED"
        return status, effective

    def _campaign(self, act: str, digits: str, index: int) -> Record:
        rng = self.rng
        campaign_id = self._new_id()
        status, effective = self._status(None, index == 0)
        created = self._time(10, 300)
        data: dict[str, Any] = {
            "id": campaign_id,
            "account_id": digits,
            "name": f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)} {index + 1:02d}",
            "objective": rng.choice(OBJECTIVES),
            "status": status,
            "configured_status": status,
            "effective_status": effective,
            "buying_type": "AUCTION",
            "bid_strategy": "LOWEST_COST_WITHOUT_CAP",
            "special_ad_categories": [],
            "created_time": graph_time(created),
            "updated_time": graph_time(created + dt.timedelta(days=rng.randrange(1, 30))),
            "start_time": graph_time(created),
            "budget_remaining": str(rng.randrange(0, 50_000)),
            "pacing_type": ["standard"],
            "can_use_spend_cap": True,
        }
        if rng.random() < 0.6:
            data["daily_budget"] = str(rng.randrange(10, 500) * 100)
        else:
            data["lifetime_budget"] = str(rng.randrange(100, 5000) * 100)
            data["stop_time"] = graph_time(created + dt.timedelta(days=rng.randrange(30, 400)))
        return self._add(Record("Campaign", campaign_id, data, account=act, children={"adsets": [], "ads": []}))

    def _adset(self, act: str, digits: str, campaign: Record, index: int, first: bool) -> Record:
        rng = self.rng
        adset_id = self._new_id()
        status, effective = self._status(campaign.effective_status, first, parent_is_campaign=True)
        created = dt.datetime.strptime(campaign.data["created_time"], "%Y-%m-%dT%H:%M:%S%z") + dt.timedelta(hours=1)
        data: dict[str, Any] = {
            "id": adset_id,
            "account_id": digits,
            "campaign_id": campaign.id,
            "campaign": Ref(campaign.id),
            "name": f"{campaign.data['name']} - Ad set {index + 1}",
            "status": status,
            "configured_status": status,
            "effective_status": effective,
            "billing_event": "IMPRESSIONS",
            "optimization_goal": rng.choice(OPTIMIZATION_GOALS),
            "bid_strategy": "LOWEST_COST_WITHOUT_CAP",
            "daily_budget": str(rng.randrange(5, 200) * 100),
            "budget_remaining": str(rng.randrange(0, 20_000)),
            "targeting": {
                "geo_locations": {"countries": [rng.choice(["US", "DE", "GB", "FR", "CA"])]},
                "age_min": 18,
                "age_max": 65,
            },
            "destination_type": "WEBSITE",
            "created_time": graph_time(created),
            "updated_time": graph_time(created + dt.timedelta(days=rng.randrange(1, 30))),
            "start_time": graph_time(created),
        }
        return self._add(Record("AdSet", adset_id, data, account=act, children={"ads": []}))

    def _ad(
        self, act: str, digits: str, campaign: Record, adset: Record, index: int, first: bool
    ) -> tuple[Record, Record]:
        rng = self.rng
        creative_id = self._new_id()
        ad_id = self._new_id()
        status, effective = self._status(adset.effective_status, first)
        created = dt.datetime.strptime(adset.data["created_time"], "%Y-%m-%dT%H:%M:%S%z") + dt.timedelta(hours=1)
        cta = rng.choice(CTA_TYPES)
        self._add(
            Record(
                "AdCreative",
                creative_id,
                {
                    "id": creative_id,
                    "account_id": digits,
                    "name": f"Creative for {adset.data['name']} #{index + 1}",
                    "title": f"{campaign.data['name']}",
                    "body": "Discover the new collection today.",
                    "object_type": "SHARE",
                    "status": "ACTIVE",
                    "call_to_action_type": cta,
                    "link_url": f"https://shop.example.com/p/{creative_id}",
                    "image_url": f"https://cdn.example.com/img/{creative_id}.jpg",
                    "thumbnail_url": f"https://cdn.example.com/thumb/{creative_id}.jpg",
                    "url_tags": "utm_source=facebook&utm_medium=paid",
                    "actor_id": "104000000000001",
                    "effective_object_story_id": f"104000000000001_{creative_id}",
                    "object_story_spec": {
                        "page_id": "104000000000001",
                        "link_data": {
                            "link": f"https://shop.example.com/p/{creative_id}",
                            "call_to_action": {"type": cta},
                        },
                    },
                },
                account=act,
            )
        )
        data: dict[str, Any] = {
            "id": ad_id,
            "account_id": digits,
            "campaign_id": campaign.id,
            "campaign": Ref(campaign.id),
            "adset_id": adset.id,
            "adset": Ref(adset.id),
            "creative": Ref(creative_id),
            "name": f"{adset.data['name']} - Ad {index + 1}",
            "status": status,
            "configured_status": status,
            "effective_status": effective,
            "created_time": graph_time(created),
            "updated_time": graph_time(created + dt.timedelta(days=rng.randrange(1, 30))),
            "preview_shareable_link": f"https://fb.me/sim{ad_id}",
            "bid_type": "ABSOLUTE_OCPM",
        }
        ad = self._add(Record("Ad", ad_id, data, account=act, children={"adcreatives": [creative_id]}))
        return ad, self.records[creative_id]
