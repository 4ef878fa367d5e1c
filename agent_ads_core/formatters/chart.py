"""``--format chart``: metrics over time as a terminal line or bar chart, drawn with plotext.

What is plotted comes from :mod:`agent_ads_core.chart_data`, read from the very rows JSON
would show; this module only draws it, fitted to the terminal. Without colour (stdout is
not a terminal) each series gets its own marker character so the legend still tells them
apart. plotext comes with the ``agent-ads[terminal]`` extra and is imported only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from agent_ads_core import chart_data
from agent_ads_core.formatters.base import Formatter
from agent_ads_core.formatters.table import TERMINAL_EXTRA
from agent_ads_core.result import Result
from agent_ads_core.terminal import TerminalView

MARKERS = ("•", "+", "x", "o", "*", "#", "=", "%")  # one per series when there is no colour
MIN_HEIGHT, MAX_HEIGHT = 12, 30


@dataclass(frozen=True)
class ChartOptions:
    metrics: Sequence[str] | None = None  # --chart-metric; default: the first numeric column
    kind: str = "line"
    max_series: int = chart_data.MAX_SERIES
    height: int | None = None  # rows; default: fit the terminal within MIN_HEIGHT..MAX_HEIGHT


class ChartFormatter(Formatter):
    name = "chart"
    supports_envelope = False
    requires = ("plotext",)
    install_hint = TERMINAL_EXTRA

    def write(self, result: Result, out: TextIO) -> None:
        settings = self.terminal
        render_chart(result, out, settings.view(out), ChartOptions(
            metrics=settings.chart_metrics, kind=settings.chart_type,
            max_series=settings.chart_max_series or chart_data.MAX_SERIES, height=settings.chart_height))


def _rows(result: Result) -> list[Any]:
    if result.is_stream:
        return [row for page in result.pages for row in page]  # type: ignore[union-attr]
    return result.data if isinstance(result.data, list) else [result.data]


def _date_form(dates: Sequence[datetime]) -> str:
    return "%Y-%m-%d %H:%M" if any(d.hour or d.minute for d in dates) else "%Y-%m-%d"


def render_chart(result: Result, out: TextIO, view: TerminalView, options: ChartOptions) -> chart_data.ChartData:
    data = chart_data.build(_rows(result), options.metrics, options.max_series)
    height = options.height or min(max(view.height - 4, MIN_HEIGHT), MAX_HEIGHT)
    out.write(draw(data, options.kind, view.width, height, view.color) + "\n")
    out.flush()
    if data.dropped_series:
        view.note(f"chart: showing {len(data.series)} of {len(data.series) + data.dropped_series} series "
                  f"(by {data.entity_column}); narrow the ids to see the others")
    if data.summed_points:
        view.note(f"chart: {data.summed_points} rows shared a series and date with another row and were added up")
    return data


def draw(data: chart_data.ChartData, kind: str, width: int, height: int, color: bool) -> str:
    import plotext

    figure = plotext.figure
    figure.clear.all()
    plotext.terminal.limit(width=False, height=False)  # the size is ours to fit (COLUMNS, the real terminal)
    dates = data.dates
    form = _date_form(dates)
    labels = [d.strftime(form) for d in dates]
    if kind == "bar":
        _bars(figure, data, dates, labels, color)
    else:
        figure.date(axis=0).activate(form=form)
        for index, series in enumerate(data.series):
            xs = [d.strftime(form) for d in series.points]
            signal = figure.signal(xs, list(series.points.values()), marker=None if color else _marker(index))
            figure.draw(signal.label(series.label).lines(True))
    figure.plot_size(width, height)
    figure.title(f"{', '.join(data.metrics)} by {data.date_column}")
    figure.label(data.date_column, axis=0)
    figure.label(", ".join(data.metrics), axis=1)
    text = figure.build().string(colorless=not color)
    return "\n".join(line.rstrip(" ") for line in text.splitlines())


def _marker(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


def _bars(figure: Any, data: chart_data.ChartData, dates: list[datetime], labels: list[str], color: bool) -> None:
    """Side-by-side bars per date, one bar per series, the dates as category labels."""
    position = {d: i + 1 for i, d in enumerate(dates)}
    count = len(data.series)
    bar_width = 0.8 / count
    for index, series in enumerate(data.series):
        offset = -0.4 + bar_width * (index + 0.5)
        xs = [position[d] + offset for d in series.points]
        signal = figure.bar(xs, list(series.points.values()), width=bar_width,
                            marker=None if color else _marker(index))
        figure.draw(signal.label(series.label))
    figure.ruler("x").ticks(list(range(1, len(dates) + 1)), labels=labels)
