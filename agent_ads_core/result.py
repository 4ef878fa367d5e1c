"""What a command hands back to the core for rendering.

Commands never print. They return a :class:`Result` whose ``pages`` may be a generator,
so a list command streams page by page while the renderer writes; ``meta`` and
``paging`` are read only after the data is written, so they may be filled in while
the pages are consumed (the last request id, the resume cursor).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from agent_ads_core.exit_codes import ExitCode


@dataclass
class Result:
    """One command's output and how the run ends.

    Exactly one of ``data`` (a JSON value shown as is), ``pages`` (an iterable of lists
    of records, rendered as one list) or ``text`` (written verbatim, whatever ``--format``:
    a shell completion script, a Markdown guide) is used. ``exit_code`` lets a command that succeeded in
    reporting still end non-zero (``doctor`` with a failed check).
    """

    data: Any = None
    pages: Iterable[list[Any]] | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    paging: Any = None  # a dict, or an object with as_dict() read after the data is written
    warnings: list[str] = field(default_factory=list)
    # Columns known in advance (e.g. the metrics asked for), so an empty CSV still has a header.
    columns: list[str] | None = None
    text: str | None = None
    exit_code: int = ExitCode.OK

    @property
    def is_stream(self) -> bool:
        return self.pages is not None
