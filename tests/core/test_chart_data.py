"""What a chart plots: the date axis, the metric and one series per entity, read from the rows alone."""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from agent_ads_core import chart_data
from agent_ads_core.errors import ArgumentError
from agent_ads_core.result import Result
from agent_ads_core.terminal import TerminalView

PINTEREST_LIKE = [{"CAMPAIGN_ID": cid, "DATE": f"2024-05-0{day}", "SPEND_IN_DOLLAR": day * n, "IMPRESSION_1": 100}
                  for n, cid in enumerate(["11", "22", "33"], 1) for day in (3, 1, 2)]
META_LIKE = [{"campaign_id": "7", "campaign_name": "Spring", "date_start": f"2024-05-0{day}",
              "date_stop": f"2024-05-0{day}", "impressions": str(day * 10), "spend": "1.5"} for day in (1, 2)]


def test_date_metric_and_entity_are_found_without_provider_knowledge() -> None:
    data = chart_data.build(PINTEREST_LIKE)
    assert (data.date_column, data.metrics, data.entity_column) == ("DATE", ["SPEND_IN_DOLLAR"], "CAMPAIGN_ID")
    assert [s.label for s in data.series] == ["11", "22", "33"]
    assert list(data.series[1].points.items()) == [(datetime(2024, 5, d), 2.0 * d) for d in (1, 2, 3)]
    meta = chart_data.build(META_LIKE, ["impressions", "spend"])
    assert meta.date_column == "date_start" and meta.entity_column is None
    assert {s.label: list(s.points.values()) for s in meta.series} == {"impressions": [10, 20], "spend": [1.5, 1.5]}


def test_series_are_capped_and_the_rest_counted() -> None:
    data = chart_data.build(PINTEREST_LIKE, max_series=2)
    assert [s.label for s in data.series] == ["11", "22"] and data.dropped_series == 1


def test_names_next_to_ids_label_the_series() -> None:
    rows = [{**row, "campaign_id": cid} for cid in ("7", "8") for row in META_LIKE]
    assert [s.label for s in chart_data.build(rows).series] == ["Spring (7)", "Spring (8)"]


@pytest.mark.parametrize(("rows", "metrics", "message"), [
    ([{"id": "1", "name": "x"}], None, "date column"),
    ([{"DATE": "2024-05-01", "name": "x"}], None, "no numeric column"),
    (PINTEREST_LIKE, ["CTR"], "CTR"),
    ([], None, "no rows"),
])
def test_rows_that_are_not_a_time_series_are_argument_errors(rows, metrics, message) -> None:
    with pytest.raises(ArgumentError, match=message):
        chart_data.build(rows, metrics)


pytest.importorskip("plotext")


@pytest.mark.parametrize("kind", ["line", "bar"])
def test_chart_fits_the_width_labels_its_axes_and_notes_capped_series(kind: str) -> None:
    from agent_ads_core.formatters.chart import ChartOptions, render_chart

    out, notes = io.StringIO(), io.StringIO()
    data = render_chart(Result(pages=iter([PINTEREST_LIKE[:4], PINTEREST_LIKE[4:]])), out,
                        TerminalView(70, 20, False, notes), ChartOptions(kind=kind, max_series=2))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 70 for line in lines) and "\x1b[" not in out.getvalue()
    assert "SPEND_IN_DOLLAR by DATE" in lines[0] and "DATE" in lines[-1] and "SPEND_IN_DOLLAR" in lines[-1]
    assert "2024-05-01" in out.getvalue() and "11" in out.getvalue()
    assert notes.getvalue() == "chart: showing 2 of 3 series (by CAMPAIGN_ID); narrow the ids to see the others\n"
    assert len(data.series) == 2
