"""The cursor pagination runner behind every list command.

A provider supplies one function that fetches a single page; the runner turns it into a
stream of pages honouring ``--all``, ``--max-items`` and a resume cursor, and records
where it stopped so a cut-off run can be resumed with the cursor it reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from agent_ads_core.errors import TransportError

if TYPE_CHECKING:
    from agent_ads_core.progress import Progress

# Empty pages that still carry a cursor happen (filtered pages), but not without end.
MAX_EMPTY_PAGES = 20


@dataclass
class Page:
    items: list[Any]
    next_cursor: str | None


@dataclass
class PagingState:
    """Where a listing stopped; shown as ``paging`` in envelopes."""

    cursor_name: str
    next_cursor: str | None = None
    items: int = 0
    cursor_flag: str | None = None  # the flag that resumes from next_cursor, for hints
    pages: int = 0
    complete: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {self.cursor_name: self.next_cursor, "items": self.items, "pages": self.pages,
                "complete": self.complete}


@dataclass
class PageRequest:
    cursor: str | None
    page_size: int | None


@dataclass
class Paginator:
    """Drive ``fetch(PageRequest) -> Page`` until the user's limits are met."""

    fetch: Callable[[PageRequest], Page]
    cursor_name: str
    start_cursor: str | None = None
    page_size: int | None = None
    fetch_all: bool = False
    max_items: int | None = None
    progress: Progress | None = None  # the run's status line: pages and items so far, while a page is awaited
    cursor_flag: str | None = None
    state: PagingState = field(init=False)

    def __post_init__(self) -> None:
        self.state = PagingState(self.cursor_name, next_cursor=self.start_cursor, cursor_flag=self.cursor_flag)

    def pages(self) -> Iterator[list[Any]]:
        cursor = self.start_cursor
        unlimited = self.fetch_all or self.max_items is not None
        seen: set[str] = set()
        empty_in_a_row = 0
        while True:
            remaining = None if self.max_items is None else self.max_items - self.state.items
            # Ask for no more than is still wanted, so a page is never cut and the
            # reported cursor resumes exactly after the last item written.
            size = self.page_size if remaining is None or self.page_size is None else min(self.page_size, remaining)
            page = self._fetch(PageRequest(cursor, size), show=unlimited)
            items = page.items if remaining is None else page.items[:remaining]
            self.state.items += len(items)
            self.state.pages += 1
            cut_inside_page = len(items) < len(page.items)
            # A page longer than asked for cannot be resumed mid-page; resume from its start.
            self.state.next_cursor = cursor if cut_inside_page else page.next_cursor
            self.state.complete = page.next_cursor is None and not cut_inside_page
            yield items
            if self.state.complete or not unlimited:
                return
            if self.max_items is not None and self.state.items >= self.max_items:
                return
            cursor = page.next_cursor
            empty_in_a_row = 0 if page.items else empty_in_a_row + 1
            self._check_advancing(cursor, seen, empty_in_a_row)
            seen.add(cursor)

    def _check_advancing(self, cursor: str | None, seen: set[str], empty_in_a_row: int) -> None:
        """A server that hands back a cursor it already gave, or only empty pages, would page forever."""
        if cursor in seen:
            raise TransportError(f"the API returned the {self.cursor_name} {cursor!r} a second time; "
                                 f"stopped after {self.state.pages} pages instead of looping forever",
                                 hint="the listing is incomplete; try again later")
        if empty_in_a_row >= MAX_EMPTY_PAGES:
            raise TransportError(f"the API returned {empty_in_a_row} empty pages in a row, each with a new "
                                 f"{self.cursor_name} (last {cursor!r}); stopped instead of paging forever",
                                 hint="the listing is incomplete; try again later")

    def _fetch(self, request: PageRequest, show: bool) -> Page:
        """One page; a long listing shows how far it got while the request is out, and erases it after."""
        if not show or self.progress is None:
            return self.fetch(request)
        self.progress.listing(self.state.pages, self.state.items)
        try:
            return self.fetch(request)
        finally:
            self.progress.clear()
