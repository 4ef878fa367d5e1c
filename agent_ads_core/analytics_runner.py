"""The analytics runner: one provider ``fetch`` function becomes a whole, checked, merged query.

Analytics APIs cap how long a date range one request may span, how far back it may
start, and how many ids one request may name. From the provider's
:class:`~agent_ads_core.declarations.AnalyticsSpec` the runner

1. checks the range and the lookback *before anything is sent* (one clear error naming
   the flag, instead of one refusal per request);
2. covers the range with consecutive windows the API accepts and cuts id lists into
   batches (named id lists are ANDed filters, so every combination of their batches is
   one request and each row falls in exactly one);
3. runs the requests with bounded concurrency (``--max-concurrency``, else 4; never more
   than the spec declares) and yields rows in a deterministic order, window by window
   then batch by batch, as they arrive, so a long merge streams instead of piling up.
   The first failure ends the run: nothing more is sent, queued requests are cancelled,
   and that failure (not a later one, not one behind it in plan order) is raised.

A provider supplies ``fetch(window, ids) -> rows``; that is all it writes.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, InvalidStateError, ThreadPoolExecutor, wait
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, Union

from agent_ads_core.errors import ArgumentError

if TYPE_CHECKING:
    from agent_ads_core.context import ProviderContext
    from agent_ads_core.declarations import AnalyticsSpec
    from agent_ads_core.progress import Progress

T = TypeVar("T")
# One request's ids: a plain list, or named lists (``{"campaign_ids": [...], "pin_ids": [...]}``).
IdBatch = Union[list[str], dict[str, list[str]]]
Fetch = Callable[["DateWindow", Any], Iterable[dict[str, Any]]]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Requests in flight when neither the user nor the command says: quick on long ranges, gentle on rate limits.
DEFAULT_CONCURRENCY = 4


class DateWindow(NamedTuple):
    """An inclusive date range one request covers (a tuple: ``start, end = window`` works)."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Calendar days covered, both ends included."""
        return (self.end - self.start).days + 1


# -- dates -----------------------------------------------------------------------
def utc_today() -> date:
    """Ad platforms count lookback from the current UTC date, not the user's local one."""
    return datetime.now(timezone.utc).date()


def parse_date(text: str, flag: str, provider: str | None = None) -> date:
    """Accept only YYYY-MM-DD, the one format these APIs take, so nothing is reinterpreted."""
    if not _ISO_DATE.fullmatch(text.strip()):
        raise ArgumentError(f"{flag} must be a date in YYYY-MM-DD format, got {text!r}", provider=provider,
                            hint="e.g. 2024-01-31")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ArgumentError(f"{flag}: {text!r} is not a valid date ({exc})", provider=provider) from None


def check_range(start: date, end: date, *, provider: str | None = None, start_flag: str = "--start-date",
                end_flag: str = "--end-date") -> None:
    """An inverted range would otherwise come back as an empty or confusing API error."""
    if start > end:
        raise ArgumentError(f"{start_flag} ({start.isoformat()}) is after {end_flag} ({end.isoformat()})",
                            provider=provider, hint=f"{start_flag} must be on or before {end_flag}")


def check_lookback(start: date, today: date, max_back_days: int, *, provider: str | None = None,
                   flag: str = "--start-date", platform: str | None = None) -> None:
    """Name the oldest allowed date so the user can fix the flag in one try."""
    oldest = today - timedelta(days=max_back_days)
    if start < oldest:
        raise ArgumentError(
            f"{flag} {start.isoformat()} is too far back: {platform or provider or 'the API'} serves data only up to "
            f"{max_back_days} days before today ({today.isoformat()} UTC); the oldest allowed date is "
            f"{oldest.isoformat()}",
            provider=provider, hint=f"use {flag} {oldest.isoformat()} or later",
        )


def split_range(start: date, end: date, max_days: int) -> list[DateWindow]:
    """Consecutive windows covering ``start..end``, each with ``(end - start).days <= max_days``."""
    if max_days < 0:
        raise ValueError(f"max_days must be >= 0, got {max_days}")
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    windows = []
    window_start = start
    while window_start <= end:
        window_end = min(window_start + timedelta(days=max_days), end)
        windows.append(DateWindow(window_start, window_end))
        window_start = window_end + timedelta(days=1)
    return windows


# -- ids -------------------------------------------------------------------------
def batched(items: Sequence[T], size: int | None) -> list[list[T]]:
    """Slices of at most ``size`` items (one slice when there is no limit; ``[[]]`` for none)."""
    if not items or size is None or size <= 0:
        return [list(items)]
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def id_batches(spec: AnalyticsSpec, ids: Sequence[str] | Mapping[str, Sequence[str] | None] | None) -> list[IdBatch]:
    """The id part of every request: batches of a list, or every combination of named lists' batches."""
    if ids is None:
        return [[]]
    if not isinstance(ids, Mapping):
        return list(batched(list(ids), spec.ids_per_request()))
    groups = [[(name, batch) for batch in batched(list(values), spec.ids_per_request(name))]
              for name, values in ids.items() if values]
    return [dict(combo) for combo in itertools.product(*groups)]


# -- the run ---------------------------------------------------------------------
class AnalyticsRun:
    """A planned analytics query; iterate it for rows, or :meth:`pages` for one list per request.

    ``windows``, ``batches`` and ``requests`` count the plan, known before anything is sent.
    """

    def __init__(self, plan: list[tuple[DateWindow, IdBatch]], windows: int, batches: int, fetch: Fetch,
                 concurrency: int, progress: Progress | None = None) -> None:
        self.plan = plan
        self.progress = progress
        self.windows = windows
        self.batches = batches
        self.requests = len(plan)
        self.concurrency = max(1, concurrency)
        self._fetch = fetch

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for page in self.pages():
            yield from page

    def _one(self, window: DateWindow, ids: IdBatch) -> list[dict[str, Any]]:
        return list(self._fetch(window, ids))

    def pages(self) -> Iterator[list[dict[str, Any]]]:
        """Each request's rows, in plan order; while one is awaited, "request n of m" is on the status line."""
        ordered = self._ordered()
        show = self.progress is not None and self.requests > 1
        rows = 0
        try:
            for done in range(self.requests):
                if show:
                    self.progress.requests(done, self.requests, rows)
                page = next(ordered)
                if show:
                    self.progress.clear()  # erased before the page is written
                rows += len(page)
                yield page
        finally:
            ordered.close()
            if show:
                self.progress.clear()

    def _ordered(self) -> Iterator[list[dict[str, Any]]]:
        """Up to ``concurrency`` requests in flight; their pages handed on in plan order.

        While the next page in plan order is awaited, a failure of any request in flight
        ends the run at once: waiting for the head first would start more requests after
        the failure and could raise a later error instead of the first.
        """
        if self.concurrency == 1 or self.requests <= 1:
            for window, ids in self.plan:
                yield self._one(window, ids)
            return
        first_failure: Future[None] = Future()  # holds the first exception any worker raised

        def attempt(window: DateWindow, ids: IdBatch) -> list[dict[str, Any]]:
            if first_failure.done():
                raise CancelledError  # a worker reaching a step after the first failure sends nothing
            try:
                return self._one(window, ids)
            except BaseException as exc:
                try:
                    first_failure.set_exception(exc)
                except InvalidStateError:
                    pass  # another request failed first
                raise

        pool = ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="agent-ads-analytics")
        todo = iter(self.plan)
        in_flight: deque[Future[list[dict[str, Any]]]] = deque(
            pool.submit(attempt, *step) for step in itertools.islice(todo, self.concurrency))
        try:
            while in_flight:
                head = in_flight[0]
                wait((head, first_failure), return_when=FIRST_COMPLETED)
                if first_failure.done():
                    raise first_failure.exception()  # type: ignore[misc] - done with an exception, never a result
                page = in_flight.popleft().result()
                step = next(todo, None)
                if step is not None:
                    in_flight.append(pool.submit(attempt, *step))
                yield page
        finally:  # an error, Ctrl-C or a reader that stopped: send nothing more
            for future in in_flight:
                future.cancel()
            pool.shutdown(wait=False, cancel_futures=True)


def run_analytics(
    ctx: ProviderContext,
    spec: AnalyticsSpec,
    *,
    start: date | str,
    end: date | str,
    granularity: str,
    ids: Sequence[str] | Mapping[str, Sequence[str] | None] | None,
    fetch: Fetch,
    max_concurrency: int | None = None,
    today: date | None = None,
    start_flag: str = "--start-date",
    end_flag: str = "--end-date",
) -> AnalyticsRun:
    """Check and plan the query now (errors before any request); the returned run fetches lazily.

    ``start``/``end`` may be text as typed (checked as YYYY-MM-DD, errors name the flags).
    Requests in flight: the user's ``--max-concurrency`` (or config), else the command's
    ``max_concurrency``, else :data:`DEFAULT_CONCURRENCY`; never more than the spec declares.
    """
    provider = spec.provider
    if isinstance(start, str):
        start = parse_date(start, start_flag, provider)
    if isinstance(end, str):
        end = parse_date(end, end_flag, provider)
    check_range(start, end, provider=provider, start_flag=start_flag, end_flag=end_flag)
    lookback = spec.lookback(granularity)
    if lookback is not None:
        check_lookback(start, today or utc_today(), lookback, provider=provider, flag=start_flag,
                       platform=ctx.info.title)
    windows = split_range(start, end, spec.window_days(granularity))
    batches = id_batches(spec, ids)
    wanted = ctx.max_concurrency or max_concurrency or DEFAULT_CONCURRENCY
    concurrency = min(wanted, spec.max_concurrency)
    plan = [(window, batch) for window in windows for batch in batches]
    return AnalyticsRun(plan, len(windows), len(batches), fetch, concurrency, ctx.progress)
