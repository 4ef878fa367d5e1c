"""The /v5 operations the simulator implements, keyed by OpenAPI operationId.

By the time a call gets here the spec validator has accepted it and decoded its
parameters, and the bearer token has been checked; this module only has to find the
objects, filter, paginate and compute metrics. Errors use Pinterest's ``{code, message}``
shape; "not found" uses the HTTP status as its code, as the spec's examples do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import entities, metric_rows
from .bookmarks import BookmarkError, fingerprint, paginate
from .data import Dataset
from .faults import REPORT_KINDS, FaultBoard
from .reports import ReportStore
from .tokens import TokenStore

DEFAULT_ENTITY_STATUSES = ("ACTIVE", "PAUSED")  # the spec's default for entity_statuses
DEFAULT_PAGE_SIZE = 25


@dataclass(frozen=True)
class Call:
    """One validated /v5 request."""

    operation_id: str
    path: str
    path_params: dict[str, str]
    query: dict[str, Any]
    body: Any
    authorization: str | None
    base_url: str


class ApiError(Exception):
    """Answered as ``status`` with body ``{"code": code, "message": message}``."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _bad_request(message: str) -> ApiError:
    return ApiError(400, 1, message)


class Api:
    """Dispatches validated calls to the operation handlers."""

    def __init__(self, dataset: Dataset, tokens: TokenStore, reports: ReportStore, faults: FaultBoard) -> None:
        self.ds = dataset
        self.tokens = tokens
        self.reports = reports
        self.faults = faults
        self._handlers: dict[str, Callable[[Call], Any]] = {
            "oauth/token": self._oauth_token,
            "ad_accounts/list": self._ad_accounts_list,
            "ad_accounts/get": self._ad_accounts_get,
            "campaigns/list": self._campaigns_list,
            "campaigns/get": self._campaigns_get,
            "ad_groups/list": self._ad_groups_list,
            "ad_groups/get": self._ad_groups_get,
            "ads/list": self._ads_list,
            "ads/get": self._ads_get,
            "audiences/list": self._audiences_list,
            "audiences/get": self._audiences_get,
            "ad_account/analytics": self._account_analytics,
            "campaigns/analytics": self._campaigns_analytics,
            "ad_groups/analytics": self._ad_groups_analytics,
            "ads/analytics": self._ads_analytics,
            "ad_pins/analytics": self._pins_analytics,
            "ad_account_targeting_analytics/get": self._account_targeting,
            "campaign_targeting_analytics/get": self._campaigns_targeting,
            "ad_groups_targeting_analytics/get": self._ad_groups_targeting,
            "ad_targeting_analytics/get": self._ads_targeting,
            "analytics/create_report": self._create_report,
            "analytics/get_report": self._get_report,
        }

    def handle(self, call: Call) -> tuple[int, Any]:
        """(HTTP status, JSON body) for ``call``."""
        handler = self._handlers.get(call.operation_id)
        if handler is None:
            return 501, {"code": 1, "message": f"Operation {call.operation_id} is not implemented by the simulator."}
        try:
            result = handler(call)
        except ApiError as error:
            return error.status, {"code": error.code, "message": error.message}
        except BookmarkError as error:
            return 400, {"code": 1, "message": str(error)}
        if isinstance(result, tuple):
            return result
        return 200, result

    # --- helpers -------------------------------------------------------------------

    def _account(self, call: Call) -> int:
        a = self.ds.account_index(call.path_params["ad_account_id"])
        if a is None:
            raise ApiError(404, 404, "Ad account not found.")
        return a

    def _page(
        self, call: Call, candidates: Sequence[int], keep: Callable[[int], bool], render_item: Callable[[int], Any]
    ) -> dict[str, Any]:
        """Order, paginate and render; the bookmark is tied to every other query parameter."""
        query = call.query
        if query.get("order") == "DESCENDING":
            candidates = candidates[::-1]
        owner = fingerprint(
            call.operation_id,
            sorted(call.path_params.items()),
            sorted((k, repr(v)) for k, v in query.items() if k not in ("bookmark", "page_size")),
        )
        return paginate(
            candidates,
            keep,
            render_item,
            page_size=query.get("page_size", DEFAULT_PAGE_SIZE),
            bookmark=query.get("bookmark"),
            query_fingerprint=owner,
        )

    def _statuses(self, call: Call) -> set[str]:
        return set(call.query.get("entity_statuses") or DEFAULT_ENTITY_STATUSES)

    def _only_one(self, call: Call, names: tuple[str, ...]) -> None:
        given = [name for name in names if call.query.get(name)]
        if len(given) > 1:
            raise _bad_request(f"Provide only one of {', '.join(names)}.")

    @staticmethod
    def _get(index: int | None, what: str) -> int:
        if index is None:
            raise ApiError(404, 404, f"{what} not found.")
        return index

    # --- oauth ---------------------------------------------------------------------------

    def _oauth_token(self, call: Call) -> tuple[int, Any]:
        form = call.body if isinstance(call.body, dict) else {}
        return self.tokens.token_request(call.authorization, form)

    # --- ad accounts ------------------------------------------------------------------------

    def _ad_accounts_list(self, call: Call) -> dict[str, Any]:
        shared = call.query.get("include_shared_accounts", True)
        return self._page(call, range(self.ds.accounts), lambda a: shared or not self.ds.is_shared(a), self.ds.account)

    def _ad_accounts_get(self, call: Call) -> dict[str, Any]:
        return self.ds.account(self._account(call))

    # --- campaigns, ad groups, ads ------------------------------------------------------------

    def _campaigns_list(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        ids = call.query.get("campaign_ids")
        candidates: Sequence[int] = (
            sorted(entities.known_indices(ids, lambda c: self.ds.campaign_index(a, c)))
            if ids
            else range(self.ds.campaigns)
        )
        statuses = self._statuses(call)
        return self._page(
            call, candidates, lambda j: self.ds.campaign_status(a, j) in statuses, lambda j: self.ds.campaign(a, j)
        )

    def _campaigns_get(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        return self.ds.campaign(a, self._get(self.ds.campaign_index(a, call.path_params["campaign_id"]), "Campaign"))

    def _ad_group_candidates(self, call: Call, a: int) -> Sequence[int]:
        q = call.query
        if q.get("ad_group_ids"):
            return sorted(entities.known_indices(q["ad_group_ids"], lambda g: self.ds.ad_group_index(a, g)))
        if q.get("campaign_ids"):
            campaigns = sorted(entities.known_indices(q["campaign_ids"], lambda c: self.ds.campaign_index(a, c)))
            return [g for j in campaigns for g in self.ds.ad_groups_of_campaign(j)]
        return range(self.ds.ad_groups)

    def _ad_groups_list(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        self._only_one(call, ("campaign_ids", "ad_group_ids"))
        statuses = self._statuses(call)
        return self._page(
            call,
            self._ad_group_candidates(call, a),
            lambda g: self.ds.ad_group_status(a, g) in statuses,
            lambda g: self.ds.ad_group(a, g),
        )

    def _ad_groups_get(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        return self.ds.ad_group(a, self._get(self.ds.ad_group_index(a, call.path_params["ad_group_id"]), "Ad group"))

    def _ads_list(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        self._only_one(call, ("campaign_ids", "ad_group_ids", "ad_ids"))
        candidates: Sequence[int]
        if call.query.get("ad_ids"):
            candidates = sorted(entities.known_indices(call.query["ad_ids"], lambda i: self.ds.ad_index(a, i)))
        elif call.query.get("campaign_ids") or call.query.get("ad_group_ids"):
            groups = self._ad_group_candidates(call, a)
            candidates = [i for g in groups for i in self.ds.ads_of_ad_group(g)]
        else:
            candidates = range(self.ds.ads)
        statuses = self._statuses(call)
        return self._page(call, candidates, lambda i: self.ds.ad_status(a, i) in statuses, lambda i: self.ds.ad(a, i))

    def _ads_get(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        return self.ds.ad(a, self._get(self.ds.ad_index(a, call.path_params["ad_id"]), "Ad"))

    # --- audiences ------------------------------------------------------------------------------

    def _audiences_list(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        ownership = call.query.get("ownership_type", "OWNED")
        return self._page(
            call,
            range(self.ds.audiences),
            lambda i: self.ds.audience_ownership(a, i) == ownership,
            lambda i: self.ds.audience(a, i),
        )

    def _audiences_get(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        return self.ds.audience(a, self._get(self.ds.audience_index(a, call.path_params["audience_id"]), "Audience"))

    # --- sync analytics -------------------------------------------------------------------------

    def _window(self, call: Call) -> tuple[dt.date, dt.date, str, list[str]]:
        """Dates, granularity and columns; the validator has already checked formats and windows."""
        q = call.query
        start, end = dt.date.fromisoformat(q["start_date"]), dt.date.fromisoformat(q["end_date"])
        return start, end, q["granularity"], list(q["columns"])

    def _analytics(self, call: Call, found: list[metric_rows.Entity]) -> list[dict[str, Any]]:
        start, end, granularity, columns = self._window(call)
        aggregate = call.query.get("aggregate_report_rows", False)
        return list(metric_rows.rows(found, start, end, granularity, columns, aggregate=aggregate))

    def _targeting(self, call: Call, found: list[metric_rows.Entity]) -> dict[str, Any]:
        start, end, granularity, columns = self._window(call)
        types = list(call.query["targeting_types"])
        return {"data": metric_rows.targeting_rows(found, types, start, end, granularity, columns)}

    def _campaign_entities(self, call: Call, a: int) -> list[metric_rows.Entity]:
        found = entities.known_indices(call.query["campaign_ids"], lambda c: self.ds.campaign_index(a, c))
        return [entities.campaign(self.ds, a, j) for j in found]

    def _ad_group_entities(self, call: Call, a: int) -> list[metric_rows.Entity]:
        found = entities.known_indices(call.query["ad_group_ids"], lambda g: self.ds.ad_group_index(a, g))
        return [entities.ad_group(self.ds, a, g) for g in found]

    def _ad_entities(self, call: Call, a: int) -> list[metric_rows.Entity]:
        q = call.query
        if q.get("ad_ids"):
            found = entities.known_indices(q["ad_ids"], lambda i: self.ds.ad_index(a, i))
        elif q.get("campaign_ids") and q.get("pin_ids"):
            campaigns = set(entities.known_indices(q["campaign_ids"], lambda c: self.ds.campaign_index(a, c)))
            pins = entities.known_indices(q["pin_ids"], lambda p: self.ds.pin_index(a, p))
            found = [i for i in pins if self.ds.ad_group_campaign(self.ds.ad_ad_group(i)) in campaigns]
        else:
            raise _bad_request("The request must contain either ad_ids or both campaign_ids and pin_ids.")
        return [entities.ad(self.ds, a, i) for i in found]

    def _account_analytics(self, call: Call) -> list[dict[str, Any]]:
        return self._analytics(call, [entities.account(self.ds, self._account(call))])

    def _campaigns_analytics(self, call: Call) -> list[dict[str, Any]]:
        return self._analytics(call, self._campaign_entities(call, self._account(call)))

    def _ad_groups_analytics(self, call: Call) -> list[dict[str, Any]]:
        return self._analytics(call, self._ad_group_entities(call, self._account(call)))

    def _ads_analytics(self, call: Call) -> list[dict[str, Any]]:
        return self._analytics(call, self._ad_entities(call, self._account(call)))

    def _pins_analytics(self, call: Call) -> list[dict[str, Any]]:
        a = self._account(call)
        campaign = self.ds.campaign_index(a, call.query["campaign_id"])
        pins = entities.known_indices(call.query["pin_ids"], lambda p: self.ds.pin_index(a, p))
        found = [i for i in pins if self.ds.ad_group_campaign(self.ds.ad_ad_group(i)) == campaign]
        return self._analytics(call, [entities.pin(self.ds, a, i) for i in found])

    def _account_targeting(self, call: Call) -> dict[str, Any]:
        return self._targeting(call, [entities.account(self.ds, self._account(call))])

    def _campaigns_targeting(self, call: Call) -> dict[str, Any]:
        return self._targeting(call, self._campaign_entities(call, self._account(call)))

    def _ad_groups_targeting(self, call: Call) -> dict[str, Any]:
        return self._targeting(call, self._ad_group_entities(call, self._account(call)))

    def _ads_targeting(self, call: Call) -> dict[str, Any]:
        return self._targeting(call, self._ad_entities(call, self._account(call)))

    # --- async reports ------------------------------------------------------------------------------

    def _create_report(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        request = call.body if isinstance(call.body, dict) else {}
        level = str(request.get("level", ""))
        if level.removesuffix("_TARGETING") not in entities.REPORT_LEVEL_KEYS:
            supported = ", ".join(entities.REPORT_LEVEL_KEYS)
            raise _bad_request(f"The simulator supports report levels {supported} (and their _TARGETING forms).")
        fault = self.faults.take(call.path, REPORT_KINDS)
        report = self.reports.create(a, request, fault.params["status"] if fault else "FINISHED")
        return {"report_status": "IN_PROGRESS", "token": report.token, "message": None}

    def _get_report(self, call: Call) -> dict[str, Any]:
        a = self._account(call)
        status, report = self.reports.poll(a, call.query["token"])
        if status != "FINISHED" or report is None:
            return {"report_status": status, "url": None, "size": None}
        return {
            "report_status": status,
            "url": call.base_url + self.reports.presigned_path(report),
            "size": self.reports.rendered(self.ds, report),
        }
