"""The simulator's "today" is UTC, like the client's and Pinterest's, whatever the machine's time zone.

Near midnight UTC, a machine at UTC+14 or UTC-11 is on another calendar day; if the simulator
counted lookback from the local date, the client (which counts from UTC) and the simulator
would disagree about the 90-day edge on one side or the other.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from agent_ads_core.analytics_runner import check_lookback, utc_today
from agent_ads_core.errors import ArgumentError
from agent_ads_pinterest_simulator.openapi_validator import SpecValidator, default_spec_path

ANALYTICS = "/v5/ad_accounts/123/campaigns/analytics"


def query(start: dt.date, end: dt.date) -> list[tuple[str, str]]:
    return [("start_date", start.isoformat()), ("end_date", end.isoformat()), ("campaign_ids", "42"),
            ("columns", "SPEND_IN_DOLLAR"), ("granularity", "DAY")]


def client_accepts(start: dt.date) -> bool:
    try:
        check_lookback(start, utc_today(), 90)
    except ArgumentError:
        return False
    return True


@pytest.fixture(scope="module")
def validator() -> SpecValidator:
    return SpecValidator.from_file(default_spec_path())  # no injected clock: its own notion of today


@pytest.mark.parametrize("zone", ["Etc/GMT-14", "Etc/GMT+11"])  # POSIX signs: UTC+14 and UTC-11
def test_the_90_day_edge_agrees_with_the_client_in_any_time_zone(validator, monkeypatch, zone) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        today = utc_today()
        edge, past = today - dt.timedelta(days=90), today - dt.timedelta(days=91)
        for start, accepted in ((edge, True), (past, False)):
            result = validator.validate("GET", ANALYTICS, query(start, start + dt.timedelta(days=1)), {}, b"")
            assert (result.violations == []) is accepted, (zone, start, result.violations)
            assert client_accepts(start) is accepted
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_the_zones_really_are_on_different_local_days(monkeypatch) -> None:
    """Guards the test above against passing vacuously: +14 and -11 are 25 hours apart."""
    days = []
    for zone in ("Etc/GMT-14", "Etc/GMT+11"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        days.append(dt.date.today())
    monkeypatch.delenv("TZ")
    time.tzset()
    assert days[0] != days[1]
