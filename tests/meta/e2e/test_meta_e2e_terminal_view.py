"""The human formats work for Meta with no Meta code: a table of insights rows and a chart over ``date_start``."""

from __future__ import annotations

from agent_ads_core import chart_data
from agent_ads_meta_simulator import CAMPAIGN_ID

INSIGHTS = ("insights", "query", "--level", "campaign", "--fields", "campaign_id,campaign_name,spend,impressions",
            "--date-preset", "last_7d", "--time-increment", "1", "--all")


def test_table_of_insights_rows_fits_80_columns_ids_first(meta) -> None:
    rows = meta(*INSIGHTS).json()
    table = meta(*INSIGHTS, "--format", "table", "--table-columns", "campaign_id,date_start,spend",
                 env={"COLUMNS": "80"})
    assert table.code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].split() == ["campaign_id", "date_start", "spend"] and len(lines) == 2 + len(rows)
    assert [line.split() for line in lines[2:]] == [[r["campaign_id"], r["date_start"], r["spend"]] for r in rows]


def test_chart_of_one_campaign_plots_exactly_the_json_rows(meta) -> None:
    args = (*INSIGHTS, "--campaign-id", CAMPAIGN_ID)
    rows = meta(*args).json()
    chart = meta(*args, "--format", "chart", "--chart-metric", "spend", env={"COLUMNS": "90", "LINES": "30"})
    assert chart.code == 0, chart.stderr
    data = chart_data.build(rows, ["spend"])
    plotted = {d.date().isoformat(): v for s in data.series for d, v in s.points.items()}
    assert plotted == {r["date_start"]: float(r["spend"]) for r in rows} and len(rows) == 7
    assert "spend by date_start" in chart.stdout
