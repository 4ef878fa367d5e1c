"""The Graph API itself: routing ``/vNN.0/<id>[/<edge>]`` and answering from the seeded data.

:meth:`GraphApi.prepare` matches a request to a node read or edge of the description and
collects its violations (see :mod:`.request_checks`); :meth:`GraphApi.answer` then checks the
token and ``appsecret_proof`` and builds the answer. Node reads return only the requested
``fields`` (always with ``id``; default ``id`` alone, ``id,name`` for users and businesses,
every field for report runs and activities). List edges are cursor-paged (:mod:`.cursors`);
campaigns, ad sets and ads hide ARCHIVED objects unless ``effective_status`` asks for them and
never list DELETED ones (still readable by id). Valid edges the simulator does not model
answer ``{"data": []}``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from . import cursors, insights_rows
from .dataset import Dataset, Record, Ref, graph_time
from .description import NODE_READ, Api, Description
from .fault_board import FaultBoard
from .report_jobs import COMPLETED, FAILED, SKIPPED, ReportJobs, ReportRun
from .request_checks import check_params, parse_fields
from .tokens import TokenStore, token_from

VERSION = re.compile(r"v\d+\.0")
ACCOUNT_ID = re.compile(r"act_\d+")
NUMERIC_ID = re.compile(r"\d+")
PAGING = ("after", "before", "limit", "access_token", "appsecret_proof")
ROWS_CACHE_SIZE = 16
NODE_ENDPOINTS = {"GET": NODE_READ, "POST": "#update", "DELETE": "#delete"}
DEFAULT_FIELDS: dict[str, list[str]] = {"User": ["name", "id"], "Business": ["id", "name"]}
STATUS_FILTERED_EDGES = ("campaigns", "adsets", "ads")
HIDDEN_BY_DEFAULT = ("ARCHIVED", "DELETED")
PIXEL_EVENTS = ("PageView", "ViewContent", "AddToCart", "InitiateCheckout", "Purchase", "Lead")
AGGREGATION_VALUES = {
    "event": PIXEL_EVENTS,
    "device_type": ("desktop", "mobile_android_phone", "mobile_iphone", "tablet"),
    "device_os": ("Android", "iOS", "Windows", "Mac OS X"),
    "browser_type": ("Chrome", "Safari", "Firefox", "Edge"),
    "host": ("shop.example.com", "www.example.com"),
    "url": ("https://shop.example.com/", "https://shop.example.com/cart", "https://shop.example.com/thank-you"),
    "event_source": ("browser", "server"),
}


@dataclass
class Call:
    """One API request as the HTTP layer parsed it."""

    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    content_type: str | None
    has_body: bool
    authorization: str | None
    base_url: str

    @property
    def params(self) -> dict[str, str]:
        return {**self.query, **self.form}


@dataclass
class Prepared:
    """What routing and checking found out about a call before it is answered."""

    version: str | None = None
    violations: list[str] = field(default_factory=list)
    error: tuple[int, dict[str, Any]] | None = None  # a non-violation error (e.g. unknown object)
    node_type: str | None = None
    record: Record | None = None
    run: ReportRun | None = None
    api: Api | None = None
    owner: str | None = None  # key of x-business-use-case-usage
    insights: bool = False


@dataclass
class Answer:
    status: int
    body: Any
    violations: list[str] = field(default_factory=list)
    paged: bool = False


class GraphApi:
    def __init__(
        self,
        description: Description,
        dataset: Dataset,
        jobs: ReportJobs,
        faults: FaultBoard,
        tokens: TokenStore,
        require_appsecret_proof: bool = False,
    ) -> None:
        self.description = description
        self.dataset = dataset
        self.jobs = jobs
        self.faults = faults
        self.tokens = tokens
        self.require_appsecret_proof = require_appsecret_proof
        self._rows_cache: dict[tuple[Any, ...], list[dict[str, Any]]] = {}  # sync insights, for paging
        self._cache_lock = threading.Lock()

    # --- routing and checks --------------------------------------------------------------------

    def prepare(self, call: Call) -> Prepared:
        found = Prepared()
        parts = [p for p in call.path.split("/") if p]
        if not parts or not VERSION.fullmatch(parts[0]):
            found.violations.append(f"(#100) Unknown or missing API version in path {call.path!r}; expected /vNN.0/...")
            return found
        found.version = parts[0]
        parts = parts[1:]
        if not parts:
            found.violations.append("(#100) Missing object id: the path is only a version")
            return found
        if len(parts) > 2:
            found.violations.append(f"(#100) Unknown path components: /{'/'.join(parts[2:])}")
            return found
        object_id = parts[0]
        edge = parts[1] if len(parts) == 2 else None
        if not self._resolve(found, object_id):
            return found
        node = self.description.node(found.node_type or "")
        if node is None:  # cannot happen with the seeded types; keep the answer honest anyway
            found.error = _graph_error(400, f"(#100) No description for node type {found.node_type}")
            return found
        found.insights = edge == "insights" or found.node_type == "AdReportRun"
        endpoint = edge or NODE_ENDPOINTS.get(call.method, NODE_READ)
        api = node.api(call.method, endpoint)
        if api is None:
            other = [m for (m, e) in node.apis if e == endpoint or (not edge and e.startswith("#"))]
            if other:
                found.violations.append(
                    f"(#100) Unsupported {call.method} request on {found.node_type} "
                    f"{'edge ' + edge if edge else 'node'}; the description allows {', '.join(sorted(other))}"
                )
            else:
                found.violations.append(f"(#100) Unknown path components: /{edge} on node type {found.node_type}")
            return found
        if call.method != "GET" and not (call.method == "POST" and edge == "insights"):
            found.violations.append(
                f"(#100) {call.method} {found.node_type} {'/' + edge if edge else 'node'} is a write; "
                "a read-only client must not send it"
            )
            return found
        in_query = sorted(set(call.query) - {"access_token", "appsecret_proof"})
        if call.method == "POST" and in_query:
            found.violations.append(
                f"(#100) POST parameters belong in the form body, not the query string: {', '.join(in_query)}"
            )
        if call.method == "POST" and call.has_body and not _is_form(call.content_type):
            found.violations.append(
                f"(#100) POST parameters must be a form-encoded body (application/x-www-form-urlencoded), "
                f"got {call.content_type or 'no Content-Type'}"
            )
        found.api = api
        found.violations += check_params(self.description, found.node_type or "", api, call.params)
        return found

    def _resolve(self, found: Prepared, object_id: str) -> bool:
        ds = self.dataset
        record: Record | None = None
        if object_id == "me":
            record = ds.get(ds.user_id)
        elif object_id.startswith("act_"):
            if not ACCOUNT_ID.fullmatch(object_id):
                found.violations.append(f"(#100) Invalid ad account id {object_id!r}: expected act_<digits>")
                return False
            record = ds.get(object_id)
        elif NUMERIC_ID.fullmatch(object_id):
            if ds.get(f"act_{object_id}") is not None:
                found.violations.append(
                    f"(#100) {object_id} is an ad account's number: ad account ids are act_{object_id}"
                )
                return False
            record = ds.get(object_id)
            if record is None:
                run = self.jobs.get(object_id)
                if run is not None:
                    found.node_type, found.run = "AdReportRun", run
                    found.owner = ds.owner_of(f"act_{run.account_id}")
                    return True
        else:
            found.error = _graph_error(
                404, f"(#803) Some of the aliases you requested do not exist: {object_id}", code=803
            )
            return False
        if record is None:
            found.error = _graph_error(
                400,
                f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be loaded due to "
                "missing permissions, or does not support this operation. Please read the Graph API documentation "
                "at https://developers.facebook.com/docs/graph-api",
                type_="GraphMethodException",
                subcode=33,
            )
            return False
        found.node_type, found.record = record.type, record
        if record.account:
            found.owner = ds.owner_of(record.account)
        return True

    # --- answers ------------------------------------------------------------------------------

    def answer(self, call: Call, found: Prepared) -> Answer:
        """Auth first (190, never a violation), then violations (400/100), then the data."""
        params = call.params
        token = token_from(params, call.authorization)
        problem = self.tokens.check(token)
        if problem is not None:
            return Answer(400, {"error": problem})
        proof = self.tokens.proof_problem(token or "", params.get("appsecret_proof"), self.require_appsecret_proof)
        if proof is not None:
            return Answer(
                400, _graph_error(400, f"(#100) {proof}", type_="GraphMethodException")[1], [f"(#100) {proof}"]
            )
        if found.violations:
            return Answer(400, _graph_error(400, "; ".join(found.violations))[1])
        if found.error is not None:
            return Answer(found.error[0], found.error[1])
        assert found.api is not None and found.node_type is not None
        try:
            return self._dispatch(call, found)
        except cursors.BadCursor as error:  # checked before; kept as a guard
            message = f"(#100) The cursor is invalid: {error}"
            return Answer(400, _graph_error(400, message)[1], [message])

    def _dispatch(self, call: Call, found: Prepared) -> Answer:
        params = call.params
        api = found.api
        assert api is not None
        if found.run is not None:
            return self._report_run(call, found.run, api.endpoint)
        record = found.record
        assert record is not None
        edge = api.endpoint
        tree = _fields(params)
        if edge == NODE_READ:
            return Answer(200, self.render(record, tree))
        if edge == "insights":
            return self._insights(call, record)
        if edge in record.children:
            items = record.children[edge]
            listed = [self.dataset.records[i] for i in items]
            if edge in STATUS_FILTERED_EDGES:
                listed = _status_filter(listed, params.get("effective_status"))
            sub = tree or [("id", None)]
            return self._page(call, listed, lambda r: self.render(r, sub), summary=params.get("summary"))
        if record.type == "AdAccount" and edge == "activities":
            return self._page(call, self._activities(record, params), lambda a: _project(a, tree))
        if edge == "previews":
            return Answer(200, {"data": [_project({"body": _preview(record, params)}, tree)]})
        if record.type == "AdsPixel" and edge == "stats":
            return self._page(call, _pixel_stats(record, params), lambda s: _project(s, tree))
        return Answer(200, {"data": []})

    def _page(self, call: Call, items: list[Any], render: Callable[[Any], Any], summary: str | None = None) -> Answer:
        empty = self.faults.take(call.path, ("empty_page",)) is not None
        base = f"{call.base_url}{call.path}"
        body = cursors.page(items, call.params, render, lambda q: cursors.url(base, q), empty=empty)
        if empty and items:
            start = cursors.decode(call.params["after"])[0] if call.params.get("after") else 0
            body["paging"]["cursors"]["after"] = cursors.encode(min(start, len(items)), 0)
            query = {k: v for k, v in call.params.items() if k not in ("after", "before")}
            body["paging"]["next"] = cursors.url(base, {**query, "after": body["paging"]["cursors"]["after"]})
        if summary in ("true", "1", "total_count"):
            body["summary"] = {"total_count": len(items)}
        return Answer(200, body, paged=True)

    def _insights(self, call: Call, record: Record) -> Answer:
        level = insights_rows.LEVEL_OF_TYPE.get(record.type)
        if level is None:
            return Answer(200, {"data": []})
        query = insights_rows.query_from(call.params, level)
        if call.method == "POST":
            outcome = COMPLETED
            fault = self.faults.take(call.path, ("report_failed", "report_skipped"))
            if fault is not None:
                outcome = FAILED if fault.kind == "report_failed" else SKIPPED
            account = self.dataset.records[record.account or record.id]
            run = self.jobs.submit(record.id, account.data["account_id"], query, outcome)
            return Answer(200, {"report_run_id": run.id})
        key = (
            record.id,
            insights_rows.today_utc(),
            tuple(sorted((k, v) for k, v in call.params.items() if k not in PAGING)),
        )
        with self._cache_lock:
            rows = self._rows_cache.get(key)
        if rows is None:
            rows = insights_rows.rows(self.dataset, record, query)
            with self._cache_lock:
                self._rows_cache[key] = rows
                while len(self._rows_cache) > ROWS_CACHE_SIZE:
                    self._rows_cache.pop(next(iter(self._rows_cache)))
        return self._page(call, rows, lambda row: row)

    def _report_run(self, call: Call, run: ReportRun, endpoint: str) -> Answer:
        tree = _fields(call.params)
        if endpoint == NODE_READ:
            return Answer(200, _project(self.jobs.poll(run), tree, keep_id=True))
        status, _ = self.jobs.state(run)
        if status != COMPLETED:
            message = f"(#100) Report run {run.id} has no results: its async_status is {status!r}"
            return Answer(400, _graph_error(400, message)[1], [message])
        if run.rows is None:
            run.rows = insights_rows.rows(self.dataset, self.dataset.records[run.object_id], run.query)
        return self._page(call, run.rows, lambda row: row)

    def _activities(self, account: Record, params: dict[str, str]) -> list[dict[str, Any]]:
        items = self.dataset.activities.get(account.id, [])
        since, until = _moment(params.get("since")), _moment(params.get("until"))
        category = params.get("category")
        out = []
        for item in items:
            moment = dt.datetime.strptime(item["event_time"], "%Y-%m-%dT%H:%M:%S%z")
            if since and moment < since or until and moment > until:
                continue
            if category and _activity_category(item["object_type"]) != category:
                continue
            out.append(item)
        return out

    # --- rendering -------------------------------------------------------------------------------

    def render(self, record: Record, tree: list[tuple[str, Any]] | None) -> dict[str, Any]:
        """``record`` with the requested fields (``tree`` from ``parse_fields``), always with ``id``."""
        if tree is None:
            tree = [(name, None) for name in DEFAULT_FIELDS.get(record.type, ["id"])]
        out: dict[str, Any] = {}
        for name, sub in tree:
            if name in record.data:
                out[name] = self._value(record.data[name], sub)
            elif name in record.children:
                children = [self.dataset.records[i] for i in record.children[name]]
                if name in STATUS_FILTERED_EDGES:
                    children = _status_filter(children, None)
                out[name] = {"data": [self.render(c, sub or [("id", None)]) for c in children[: cursors.DEFAULT_LIMIT]]}
            elif name == "insights" and record.type in insights_rows.LEVEL_OF_TYPE:
                fields = ",".join(n for n, _ in sub) if sub else ""
                query = insights_rows.query_from({"fields": fields}, insights_rows.LEVEL_OF_TYPE[record.type])
                rows = insights_rows.rows(self.dataset, record, query)
                if rows:
                    out[name] = {"data": rows}
        if "id" not in out:
            out["id"] = record.id  # Graph always adds the id, after the requested fields
        return out

    def _value(self, value: Any, sub: list[tuple[str, Any]] | None) -> Any:
        if isinstance(value, Ref):
            target = self.dataset.get(value.id)
            return self.render(target, sub or [("id", None)]) if target else {"id": value.id}
        if isinstance(value, list):
            return [self._value(v, sub) for v in value]
        if isinstance(value, dict) and sub:
            return _project(value, sub)
        return value


# --- helpers ---------------------------------------------------------------------------------------


def _graph_error(
    status: int, message: str, code: int = 100, type_: str = "OAuthException", subcode: int | None = None
) -> tuple[int, dict[str, Any]]:
    error: dict[str, Any] = {"message": message, "type": type_, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    return status, {"error": error}


def _is_form(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == "application/x-www-form-urlencoded"


def _fields(params: dict[str, str]) -> list[tuple[str, Any]] | None:
    text = params.get("fields")
    if not text:
        return None
    return parse_fields(text)


def _project(item: dict[str, Any], tree: list[tuple[str, Any]] | None, keep_id: bool = False) -> dict[str, Any]:
    if tree is None:
        return dict(item)
    out = {name: item[name] for name, _ in tree if name in item}
    if keep_id and "id" in item:
        out.setdefault("id", item["id"])
    return out


def _status_filter(records: list[Record], raw: str | None) -> list[Record]:
    if raw:
        wanted = set(insights_rows.split_list(raw)) - {"DELETED"}
        return [r for r in records if r.effective_status in wanted]
    return [r for r in records if r.effective_status not in HIDDEN_BY_DEFAULT]


def _moment(raw: str | None) -> dt.datetime | None:
    if not raw:
        return None
    if NUMERIC_ID.fullmatch(raw):
        return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
    text = raw.replace("Z", "+00:00")
    if re.search(r"[+-]\d{4}$", text):
        text = f"{text[:-2]}:{text[-2:]}"
    text = re.sub(r"(\.\d{1,6})\d*", r"\1", text)
    try:
        moment = dt.datetime.fromisoformat(text if "T" in text or " " in text else f"{text}T00:00:00")
    except ValueError:
        return None  # the checker accepted it as a datetime; treat an unusual form as "not given"
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _activity_category(object_type: str) -> str:
    return {"CAMPAIGN_GROUP": "CAMPAIGN", "CAMPAIGN": "AD_SET", "ADGROUP": "AD", "ACCOUNT": "ACCOUNT"}[object_type]


def _preview(record: Record, params: dict[str, str]) -> str:
    ad_format = params.get("ad_format", "")
    src = f"https://www.facebook.com/ads/api/preview_iframe.php?d={quote(record.id)}&amp;t={quote(ad_format)}"
    return f'<iframe src="{src}" width="540" height="690" scrolling="yes" style="border: none;"></iframe>'


def _pixel_stats(pixel: Record, params: dict[str, str]) -> list[dict[str, Any]]:
    """Hourly buckets between ``start_time`` and ``end_time`` (default: the last 24 hours)."""
    now = dt.datetime.now(dt.timezone.utc).replace(minute=0, second=0, microsecond=0)
    end = _moment(params.get("end_time")) or now
    start = _moment(params.get("start_time")) or end - dt.timedelta(hours=24)
    start = start.replace(minute=0, second=0, microsecond=0)
    aggregation = params.get("aggregation") or "event"
    values = AGGREGATION_VALUES.get(aggregation, ("other",))
    event = params.get("event")
    out = []
    hour = start
    seed = int(pixel.id) % 997
    while hour < end and len(out) < 24 * 93:
        index = int(hour.timestamp()) // 3600
        data = []
        for position, value in enumerate(values):
            if aggregation == "event" and event and value != event:
                continue
            count = (index * 31 + seed * 7 + position * 13) % 50 + (100 if position == 0 else 0)
            data.append({"value": value, "count": count})
        out.append({"aggregation": aggregation, "start_time": graph_time(hour), "data": data})
        hour += dt.timedelta(hours=1)
    return out


def dumps(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()
