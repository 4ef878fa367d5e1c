"""The cursor pagination runner behind every list command.

A provider supplies one function that fetches a single page; the runner turns it into a
stream of pages honouring ``--all``, ``--max-items`` and a resume cursor, and records
where it stopped so a cut-off run can be resumed with the cursor it reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent_ads_core.progress import Progress


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
    state: PagingState = field(init=False)

    def __post_init__(self) -> None:
        self.state = PagingState(self.cursor_name, next_cursor=self.start_cursor)

    def pages(self) -> Iterator[list[Any]]:
        cursor = self.start_cursor
        unlimited = self.fetch_all or self.max_items is not None
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

    def _fetch(self, request: PageRequest, show: bool) -> Page:
        """One page; a long listing shows how far it got while the request is out, and erases it after."""
        if not show or self.progress is None:
            return self.fetch(request)
        self.progress.listing(self.state.pages, self.state.items)
        try:
            return self.fetch(request)
        finally:
            self.progress.clear()
