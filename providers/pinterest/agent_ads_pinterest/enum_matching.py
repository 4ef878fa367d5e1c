"""Matching what users type against Pinterest's enum values.

A value that matches an allowed value exactly, or case-insensitively matches exactly one
allowed value, is accepted and normalised to the description's spelling
(``spend_in_dollar`` -> ``SPEND_IN_DOLLAR``); a synonym people use (``ad`` ->
``PIN_PROMOTION``) is suggested; anything else is rejected with the closest allowed
values, all bad values at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent_ads_core.errors import ArgumentError
from agent_ads_core.suggest import canonical, did_you_mean
from agent_ads_pinterest.plugin import NAME

# Enums longer than this are summarised rather than printed in full in errors.
SHORT_ENUM = 12
# Other words people use for Pinterest's values (their own or another platform's).
SYNONYMS = {
    "ad_account": "ADVERTISER",
    "account": "ADVERTISER",
    "ad_account_targeting": "ADVERTISER_TARGETING",
    "ad": "PIN_PROMOTION",
    "ad_targeting": "PIN_PROMOTION_TARGETING",
    "adgroup": "AD_GROUP",
    "age": "AGE_BUCKET",
    "sex": "GENDER",
    "asc": "ASCENDING",
    "desc": "DESCENDING",
}


def invalid_choice(value: str, allowed: Sequence[str]) -> str:
    return f"{value!r} is not a valid value" + did_you_mean(value, allowed, synonyms=SYNONYMS)


def choices_hint(allowed: Sequence[Any], flag: str) -> str:
    if len(allowed) <= SHORT_ENUM:
        return "valid values: " + ", ".join(map(str, allowed))
    return (f"{len(allowed)} valid values; list them all with "
            f"'agent-ads {NAME} enums list --flag {flag.lstrip('-')}'")


def check_choices(values: list[str], allowed: Sequence[str], flag: str) -> list[str]:
    """Return the values in the spec's spelling, or reject all bad ones at once with suggestions."""
    found = [canonical(value, allowed) for value in values]
    bad = [value for value, match in zip(values, found, strict=True) if match is None]
    if bad:
        raise ArgumentError(
            f"{flag}: " + "; ".join(invalid_choice(value, allowed) for value in bad),
            provider=NAME,
            hint=choices_hint(allowed, flag),
        )
    return [match for match in found if match is not None]
