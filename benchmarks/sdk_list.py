"""List one ad account's campaigns with Pinterest's official SDK (``pinterest-api-sdk``).

Run only by ``benchmarks/pinterest_list.py``, with the benchmark venv's interpreter (the SDK
is never installed into the project venv). The host comes from the SDK's own setting,
``PINTEREST_API_URI``; the token from ``PINTEREST_ACCESS_TOKEN``.
Usage: ``sdk_list.py AD_ACCOUNT_ID [--all] [--page-size N] [--entity-status S,...]``; prints the item count.
"""

import argparse
import json
import os
import sys

from pinterest.ads.campaigns import Campaign
from pinterest.client import PinterestSDKClient


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("ad_account_id")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--page-size", type=int, default=None)
    parser.add_argument("--entity-status", default=None)
    args = parser.parse_args()
    client = PinterestSDKClient.create_client_with_token(os.environ["PINTEREST_ACCESS_TOKEN"])
    statuses = args.entity_status.split(",") if args.entity_status else None
    campaigns, bookmark = Campaign.get_all(ad_account_id=args.ad_account_id, page_size=args.page_size,
                                           entity_statuses=statuses, client=client)
    count = len(campaigns)
    while args.all and bookmark is not None:
        campaigns, bookmark = bookmark.get_next()
        count += len(campaigns)
    json.dump({"items": count}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
