"""Insights rows, deterministic per (ad, date) and consistent across levels.

Every ad delivers a seeded amount on each day since it was created (on ~6 days in 7). Rows at
campaign, ad set and account level are sums over their ads, so an account's spend for a day
equals the sum of its campaigns' spend for that day. Breakdowns split each ad's total of a row's
date bucket with fixed weights and cumulative rounding, so summing the rows of any one breakdown
gives the unbroken total, at every level.

Dates: ``time_range`` ``{"since", "until"}``, else ``time_ranges`` (one bucket each), else
``date_preset`` (default ``last_30d``) relative to today in UTC. ``time_increment``: ``all_days``
(default), ``monthly`` or 1-90 days. Ratios (ctr, cpc, cpm, cpp, frequency) are recomputed
from the summed counts. Numbers are strings as Graph sends them.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .dataset import DATA_START, Dataset, Record

LEVELS = ("account", "campaign", "adset", "ad")
LEVEL_OF_TYPE = {"AdAccount": "account", "Campaign": "campaign", "AdSet": "adset", "Ad": "ad"}
DEFAULT_FIELDS = ("impressions", "spend")
BREAKDOWN_VALUES: dict[str, tuple[tuple[str, int], ...]] = {
    "age": (("18-24", 15), ("25-34", 28), ("35-44", 22), ("45-54", 16), ("55-64", 11), ("65+", 8)),
    "gender": (("female", 48), ("male", 47), ("unknown", 5)),
    "country": (("US", 40), ("DE", 20), ("GB", 15), ("FR", 15), ("CA", 10)),
    "region": (("California", 40), ("Texas", 30), ("New York", 30)),
    "publisher_platform": (("facebook", 55), ("instagram", 35), ("audience_network", 7), ("messenger", 3)),
    "platform_position": (("feed", 60), ("story", 25), ("reels", 15)),
    "device_platform": (("mobile_app", 70), ("mobile_web", 20), ("desktop", 10)),
    "impression_device": (("iphone", 40), ("android_smartphone", 40), ("desktop", 15), ("ipad", 5)),
}
COUNTS = ("impressions", "clicks", "spend", "reach", "link_clicks", "landing_page_views", "purchases", "leads", "value")


@dataclass
class InsightsQuery:
    """What an insights request asks for, already validated."""

    level: str
    fields: list[str]
    breakdowns: list[str]
    ranges: list[tuple[dt.date, dt.date]]  # one entry per requested range (time_ranges) or the single range
    increment: str  # "all_days", "monthly" or a number of days
    filtering: list[dict[str, Any]] = field(default_factory=list)
    date_preset: str | None = None
    sort: list[str] = field(default_factory=list)  # "<field>_ascending" / "<field>_descending"


def today_utc() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def preset_range(preset: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """A ``date_preset`` (either case) as (since, until), like Graph computes it for an account in UTC."""
    p = preset.lower()
    day = dt.timedelta(days=1)
    if p == "today":
        return today, today
    if p == "yesterday":
        return today - day, today - day
    if p.startswith("last_") and p.endswith("d") and p[5:-1].isdigit():
        n = int(p[5:-1])
        return today - n * day, today - day
    if p == "this_month":
        return today.replace(day=1), today
    if p == "last_month":
        end = today.replace(day=1) - day
        return end.replace(day=1), end
    if p in ("this_quarter", "last_quarter"):
        start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        if p == "this_quarter":
            return start, today
        end = start - day
        return dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end
    if p == "this_year":
        return dt.date(today.year, 1, 1), today
    if p == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if p == "this_week_mon_today":
        return today - today.weekday() * day, today
    if p == "this_week_sun_today":
        return today - ((today.weekday() + 1) % 7) * day, today
    if p == "last_week_mon_sun":
        start = today - today.weekday() * day - 7 * day
        return start, start + 6 * day
    if p == "last_week_sun_sat":
        start = today - ((today.weekday() + 1) % 7) * day - 7 * day
        return start, start + 6 * day
    if p in ("maximum", "data_maximum"):
        return max(DATA_START, today - dt.timedelta(days=37 * 31)), today
    raise ValueError(f"unknown date_preset {preset}")


def query_from(params: dict[str, str], own_level: str, today: dt.date | None = None) -> InsightsQuery:
    """Build the query of a (validated) GET/POST insights request."""
    today = today or today_utc()
    ranges: list[tuple[dt.date, dt.date]]
    if params.get("time_range"):
        value = json.loads(params["time_range"])
        ranges = [(dt.date.fromisoformat(value["since"]), dt.date.fromisoformat(value["until"]))]
    elif params.get("time_ranges"):
        ranges = [
            (dt.date.fromisoformat(r["since"]), dt.date.fromisoformat(r["until"]))
            for r in json.loads(params["time_ranges"])
        ]
    else:
        ranges = [preset_range(params.get("date_preset") or "last_30d", today)]
    level = params.get("level") or own_level
    if LEVELS.index(level) < LEVELS.index(own_level):
        level = own_level
    return InsightsQuery(
        level=level,
        fields=split_list(params.get("fields")) or list(DEFAULT_FIELDS),
        breakdowns=split_list(params.get("breakdowns")),
        ranges=ranges,
        increment=(params.get("time_increment") or "all_days") if not params.get("time_ranges") else "all_days",
        filtering=json.loads(params["filtering"]) if params.get("filtering") else [],
        date_preset=params.get("date_preset"),
        sort=split_list(params.get("sort")),
    )


def split_list(raw: str | None) -> list[str]:
    """A list parameter sent as a JSON array or comma-separated text."""
    if not raw:
        return []
    text = raw.strip()
    if text.startswith("["):
        return [str(v) for v in json.loads(text)]
    return [part.strip() for part in text.split(",") if part.strip()]


def buckets(query: InsightsQuery) -> list[tuple[dt.date, dt.date]]:
    out: list[tuple[dt.date, dt.date]] = []
    for since, until in query.ranges:
        if query.increment == "all_days":
            out.append((since, until))
        elif query.increment == "monthly":
            start = since
            while start <= until:
                next_month = (start.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
                out.append((start, min(until, next_month - dt.timedelta(days=1))))
                start = next_month
        else:
            step = int(query.increment)
            start = since
            while start <= until:
                out.append((start, min(until, start + dt.timedelta(days=step - 1))))
                start += dt.timedelta(days=step)
    return out


@lru_cache(maxsize=300_000)
def ad_day(seed: int, ad_id: str, ordinal: int) -> tuple[int, ...] | None:
    """The seeded delivery of one ad on one day (``COUNTS`` order; spend in cents), or None."""
    h = zlib.crc32(f"{seed}:{ad_id}:{ordinal}".encode())
    if h % 7 == 0:
        return None
    g = zlib.crc32(f"{h}:{ad_id}".encode())
    impressions = 200 + h % 4800
    clicks = impressions * (5 + g % 25) // 1000
    spend = impressions * (300 + (h >> 12) % 1200) // 1000  # cents: CPM between $3 and $15
    reach = impressions * (70 + (g >> 8) % 25) // 100
    link_clicks = clicks * (60 + (g >> 16) % 35) // 100
    landing = link_clicks * (50 + (h >> 20) % 40) // 100
    purchases = link_clicks * ((g >> 4) % 6) // 100
    leads = link_clicks * ((h >> 5) % 4) // 100
    value = purchases * (2000 + (g >> 10) % 8000)
    return impressions, clicks, spend, reach, link_clicks, landing, purchases, leads, value


def _split(amounts: tuple[int, ...], weights: tuple[tuple[str, int], ...]) -> list[tuple[str, tuple[int, ...]]]:
    """Split each count by ``weights`` with cumulative rounding, so the parts sum to the whole."""
    total = sum(w for _, w in weights)
    out = []
    cumulative = 0
    previous = [0] * len(amounts)
    for value, weight in weights:
        cumulative += weight
        upto = [a * cumulative // total for a in amounts]
        out.append((value, tuple(u - p for u, p in zip(upto, previous))))
        previous = upto
    return out


def _ads_of(dataset: Dataset, record: Record) -> list[Record]:
    if record.type == "AdAccount":
        ids = dataset.ads.get(record.id, [])
    elif record.type in ("Campaign", "AdSet"):
        ids = record.children.get("ads", [])
    else:
        ids = [record.id]
    return [dataset.records[i] for i in ids]


def _passes(ad: Record, dataset: Dataset, filters: Iterable[dict[str, Any]]) -> bool:
    for rule in filters:
        target, _, attribute = str(rule.get("field", "")).rpartition(".")
        operator = str(rule.get("operator", "")).upper()
        wanted = rule.get("value")
        record = {"campaign": "campaign_id", "adset": "adset_id"}.get(target)
        subject = dataset.records[ad.data[record]] if record else ad
        if attribute == "id":
            actual: Any = subject.id
        elif attribute in ("effective_status", "name", "objective"):
            actual = subject.data.get(attribute)
            if actual is None and attribute == "objective":
                actual = dataset.records[ad.data["campaign_id"]].data.get("objective")
        else:
            continue  # a filter this simulator does not model: ignore it, like an unfiltered answer
        values = wanted if isinstance(wanted, list) else [wanted]
        strings = [str(v) for v in values]
        if operator in ("IN", "EQUAL") and str(actual) not in strings:
            return False
        if operator in ("NOT_IN", "NOT_EQUAL") and str(actual) in strings:
            return False
        if operator == "CONTAIN" and strings and strings[0].lower() not in str(actual).lower():
            return False
        if operator == "NOT_CONTAIN" and strings and strings[0].lower() in str(actual).lower():
            return False
    return True


def rows(dataset: Dataset, record: Record, query: InsightsQuery) -> list[dict[str, Any]]:
    """The rows of ``query`` about ``record`` (an account, campaign, ad set or ad)."""
    ads = [ad for ad in _ads_of(dataset, record) if _passes(ad, dataset, query.filtering)]
    key_field = {"account": None, "campaign": "campaign_id", "adset": "adset_id", "ad": "id"}[query.level]
    dims = [b for b in query.breakdowns]
    table: dict[tuple[Any, ...], list[int]] = {}
    for since, until in buckets(query):
        for ad in ads:
            group = ad.data[key_field] if key_field else record.account
            day = max(since, dt.date.fromisoformat(ad.data["created_time"][:10]))
            summed = [0] * len(COUNTS)
            while day <= until:
                amounts = ad_day(dataset.seed, ad.id, day.toordinal())
                day += dt.timedelta(days=1)
                if amounts is not None:
                    for i, v in enumerate(amounts):
                        summed[i] += v
            if not summed[0]:
                continue
            for combo, part in _combos(tuple(summed), dims):
                key = (since, until, group, *combo)
                totals = table.get(key)
                if totals is None:
                    table[key] = list(part)
                else:
                    for i, v in enumerate(part):
                        totals[i] += v
    out = []
    for key in sorted(table, key=lambda k: (k[0], str(k[2]), *k[3:])):
        totals = table[key]
        if totals[0] == 0:
            continue
        since, until, group, *combo = key
        out.append(_render(dataset, record, query, group, dict(zip(dims, combo)), totals, since, until))
    for rule in reversed(query.sort):
        name, _, direction = rule.rpartition("_")
        if direction in ("ascending", "descending") and name:
            out.sort(key=lambda row, n=name: _sort_key(row.get(n)), reverse=direction == "descending")
    return out


def _sort_key(value: Any) -> tuple[int, float, str]:
    """Numbers (sent as strings) sort numerically, missing values first, anything else as text."""
    if value is None:
        return (0, 0.0, "")
    try:
        return (1, float(value), "")
    except (TypeError, ValueError):
        return (2, 0.0, str(value))


def _combos(amounts: tuple[int, ...], dims: list[str]) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    combos: list[tuple[tuple[str, ...], tuple[int, ...]]] = [((), amounts)]
    for dim in dims:
        weights = BREAKDOWN_VALUES.get(dim, (("unknown", 1),))
        combos = [(combo + (value,), part) for combo, whole in combos for value, part in _split(whole, weights)]
    return combos


def _money(cents: float) -> str:
    return f"{cents / 100:.2f}"


def _ratio(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if value else "0"


def _render(
    dataset: Dataset,
    record: Record,
    query: InsightsQuery,
    group: str,
    breakdowns: dict[str, str],
    totals: list[int],
    since: dt.date,
    until: dt.date,
) -> dict[str, Any]:
    c = dict(zip(COUNTS, totals))
    account = dataset.records[record.account] if record.account else record
    ad = campaign = adset = None
    if query.level == "ad":
        ad = dataset.records[group]
    if query.level == "adset":
        adset = dataset.records[group]
    elif ad is not None:
        adset = dataset.records[ad.data["adset_id"]]
    if query.level == "campaign":
        campaign = dataset.records[group]
    elif adset is not None:
        campaign = dataset.records[adset.data["campaign_id"]]
    spend = c["spend"]
    actions = [
        ("link_click", c["link_clicks"]),
        ("landing_page_view", c["landing_page_views"]),
        ("offsite_conversion.fb_pixel_purchase", c["purchases"]),
        ("purchase", c["purchases"]),
        ("lead", c["leads"]),
    ]
    values: dict[str, Any] = {
        "account_id": account.data["account_id"],
        "account_name": account.data["name"],
        "account_currency": account.data["currency"],
        "impressions": str(c["impressions"]),
        "clicks": str(c["clicks"]),
        "spend": _money(spend),
        "reach": str(c["reach"]),
        "frequency": _ratio(c["impressions"] / c["reach"]) if c["reach"] else "0",
        "ctr": _ratio(100 * c["clicks"] / c["impressions"]),
        "cpc": _ratio(spend / 100 / c["clicks"]) if c["clicks"] else None,
        "cpm": _ratio(spend / 100 * 1000 / c["impressions"]),
        "cpp": _ratio(spend / 100 * 1000 / c["reach"]) if c["reach"] else None,
        "unique_clicks": str(c["clicks"] * 9 // 10),
        "inline_link_clicks": str(c["link_clicks"]),
        "inline_link_click_ctr": _ratio(100 * c["link_clicks"] / c["impressions"]),
        "cost_per_inline_link_click": _ratio(spend / 100 / c["link_clicks"]) if c["link_clicks"] else None,
        "actions": [{"action_type": t, "value": str(v)} for t, v in actions if v] or None,
        "action_values": [
            {"action_type": t, "value": _money(c["value"])}
            for t in ("offsite_conversion.fb_pixel_purchase", "purchase")
            if c["value"]
        ]
        or None,
        "cost_per_action_type": [{"action_type": t, "value": _ratio(spend / 100 / v)} for t, v in actions if v] or None,
        "purchase_roas": [{"action_type": "omni_purchase", "value": _ratio(c["value"] / spend)}]
        if c["value"] and spend
        else None,
        "buying_type": "AUCTION",
        "attribution_setting": "7d_click_1d_view",
    }
    if campaign is not None:
        values.update(
            campaign_id=campaign.id, campaign_name=campaign.data["name"], objective=campaign.data["objective"]
        )
    if adset is not None:
        values.update(
            adset_id=adset.id, adset_name=adset.data["name"], optimization_goal=adset.data["optimization_goal"]
        )
    if ad is not None:
        values.update(ad_id=ad.id, ad_name=ad.data["name"])
    row: dict[str, Any] = {}
    for name in query.fields:
        if values.get(name) is not None:
            row[name] = values[name]
    row["date_start"] = since.isoformat()
    row["date_stop"] = until.isoformat()
    row.update(breakdowns)
    return row
