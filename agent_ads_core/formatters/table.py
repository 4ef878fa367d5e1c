"""``--format table``: aligned columns for a person at a terminal, drawn with rich.

Pages are printed as they arrive (a streamed ``--all`` shows rows while later pages are
still being fetched), all with the columns and widths planned from the first page. The
row count goes to stderr, so stdout holds only the table. rich comes with the
``agent-ads[terminal]`` extra and is imported only here.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from agent_ads_core import table_layout
from agent_ads_core.formatters.base import Formatter
from agent_ads_core.result import Result
from agent_ads_core.terminal import TerminalView

if TYPE_CHECKING:
    from rich.console import Console

HIDDEN_NAMED = 5  # hidden columns named in the footer; the rest are counted
TERMINAL_EXTRA = 'pip install "agent-ads[terminal]"'


class TableFormatter(Formatter):
    name = "table"
    supports_envelope = False
    requires = ("rich",)
    install_hint = TERMINAL_EXTRA

    def write(self, result: Result, out: TextIO) -> None:
        render_table(result, out, self.terminal.view(out), self.terminal.table_columns)


def _pages(result: Result) -> tuple[Iterable[list[Any]], bool]:
    """The rows to draw, and whether they are one object shown field by field."""
    if result.is_stream:
        return result.pages, False  # type: ignore[return-value]
    if isinstance(result.data, dict):
        return [table_layout.fields_as_rows(result.data)], True
    return [result.data if isinstance(result.data, list) else [result.data]], False


def _draw(console: Console, layout: table_layout.Layout, page: Sequence[Any], header: bool, out: TextIO) -> None:
    import rich.box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=rich.box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), show_header=header,
                  header_style="bold" if console.color_system else None)
    for col in layout.columns:
        table.add_column(col.name, width=col.width, no_wrap=True, overflow="ellipsis",
                         justify="right" if col.numeric else "left")
    for row in page:
        table.add_row(*(Text(table_layout.cell_text(table_layout.lookup(row, c.name))) for c in layout.columns))
    with console.capture() as captured:
        console.print(table)
    out.write("".join(line.rstrip(" ") + "\n" for line in captured.get().splitlines()))
    out.flush()


def render_table(result: Result, out: TextIO, view: TerminalView, columns: Sequence[str] | None = None) -> None:
    from rich.cells import cell_len
    from rich.console import Console

    pages, one_record = _pages(result)
    if one_record and columns:  # --table-columns picks the fields of a single object
        pages = [[row for row in page if row["field"] in columns] for page in pages]
        columns = None
    first, rest = table_layout.first_page(pages)
    if not first:
        view.note("0 rows")
        return
    layout = table_layout.plan(first, view.width, columns, measure=cell_len)
    console = Console(file=io.StringIO(), width=max(view.width, 1), color_system="standard" if view.color else None,
                      force_terminal=view.color, highlight=False, markup=False, emoji=False, soft_wrap=False)
    count = 0
    for index, page in enumerate(itertools.chain([first], rest)):
        if page:
            _draw(console, layout, page, header=index == 0, out=out)
            count += len(page)
    if not one_record:
        view.note(_footer(count, layout.hidden))


def _footer(count: int, hidden: Sequence[str]) -> str:
    text = f"{count} row{'' if count == 1 else 's'}"
    if hidden:
        named = ", ".join(hidden[:HIDDEN_NAMED]) + (", …" if len(hidden) > HIDDEN_NAMED else "")
        text += f"; {len(hidden)} more column{'' if len(hidden) == 1 else 's'} hidden ({named}): " \
                "pick columns with --table-columns"
    return text
