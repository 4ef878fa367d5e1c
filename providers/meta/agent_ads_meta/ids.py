"""Graph ids: ad accounts are ``act_<digits>``, everything else bare digits.

Users paste either form of an ad account id (the AdAccount ``account_id`` field is the
bare digits), so ``--ad-account-id`` takes both and always sends ``act_``; other ids are
checked to be digits before anything is sent.
"""

from __future__ import annotations

import re

from agent_ads_core.context import ProviderContext
from agent_ads_core.errors import ArgumentError

_AD_ACCOUNT = re.compile(r"^(?:act_)?([0-9]+)$")
_DIGITS = re.compile(r"^[0-9]+$")
AD_ACCOUNT_ENV = "META_ADS_DEFAULT_AD_ACCOUNT_ID"
BUSINESS_ENV = "META_ADS_DEFAULT_BUSINESS_ID"


def ad_account_id(value: str, flag: str = "--ad-account-id") -> str:
    match = _AD_ACCOUNT.match(value.strip())
    if not match:
        raise ArgumentError(f"{flag}: {value!r} is not an ad account id (act_123 or 123)", provider="meta")
    return f"act_{match.group(1)}"


def object_id(value: str, flag: str) -> str:
    if not _DIGITS.match(value.strip()):
        hint = "ad account ids go to --ad-account-id" if value.startswith("act_") else None
        raise ArgumentError(f"{flag}: {value!r} is not a Graph id (digits only)", provider="meta", hint=hint)
    return value.strip()


def default_ad_account(ctx: ProviderContext, flag_value: str | None) -> str:
    """--ad-account-id > $META_ADS_DEFAULT_AD_ACCOUNT_ID > providers.meta.default_ad_account_id."""
    value = ctx.setting("default_ad_account_id", flag_value)
    if not value:
        raise ArgumentError("no ad account given", provider=ctx.name,
                            hint=f"pass --ad-account-id, set {AD_ACCOUNT_ENV}, or set providers.meta."
                                 "default_ad_account_id in agent-ads.config.json (list them with "
                                 "'agent-ads meta ad-accounts list')")
    return ad_account_id(str(value))


def default_business(ctx: ProviderContext, flag_value: str | None) -> str | None:
    """--business-id > $META_ADS_DEFAULT_BUSINESS_ID > providers.meta.default_business_id, or None."""
    value = ctx.setting("default_business_id", flag_value)
    return object_id(str(value), "--business-id") if value else None
