"""--format table and chart through the CLI with a third-party provider: no provider code, same data."""

from __future__ import annotations

import json
import sys

import pytest

from agent_ads_core import chart_data


def test_table_of_a_third_party_listing_streams_pages_with_a_footer(app, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = app("acme", "items", "list", "--count", "5", "--all", "--page-size", "2", "--format", "table")
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == ["id   nested", "─" * 12, *[f"{i}    {{\"a\":{i}}}" for i in range(5)]]
    assert run.stderr == "5 rows\n"


def test_quiet_drops_the_footer(app) -> None:
    run = app("-q", "acme", "items", "list", "--format", "table")
    assert run.code == 0 and run.stderr == "" and run.stdout.startswith("id")


def test_chart_of_a_third_party_time_series_plots_its_json_rows(app, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    rows = json.loads(app("acme", "stats").stdout)
    run = app("acme", "stats", "--format", "chart", "--chart-type", "bar")
    assert run.code == 0, run.stderr
    data = chart_data.build(rows)
    assert (data.date_column, data.metrics, data.entity_column) == ("day", ["views"], "widget_id")
    assert {(s.label, d.date().isoformat()): v for s in data.series for d, v in s.points.items()} == {
        (f"{r['widget_name']} ({r['widget_id']})", r["day"]): float(r["views"]) for r in rows}
    assert "Widget 1 (w1)" in run.stdout and "views by day" in run.stdout
    assert all(len(line) <= 72 for line in run.stdout.splitlines())


def test_chart_settings_come_from_the_terminal_config_section(app, tmp_path, monkeypatch) -> None:
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"terminal": {"chart_type": "bar", "chart_height": 9, "chart_max_series": 1}}))
    run = app("--config", str(config), "acme", "stats", "--format", "chart", "--chart-metric", "cost")
    assert run.code == 0, run.stderr
    assert len(run.stdout.splitlines()) == 9 and "•" in run.stdout  # bars, marked per series without colour
    assert run.stderr == "chart: showing 1 of 2 series (by widget_id); narrow the ids to see the others\n"


@pytest.mark.parametrize(("config", "path"), [
    ({"terminal": {"chart_type": "pie"}}, "$.terminal.chart_type"),
    ({"terminal": {"colour": True}}, "$.terminal"),
])
def test_terminal_config_is_schema_checked(app, tmp_path, config, path) -> None:
    file = tmp_path / "c.json"
    file.write_text(json.dumps(config))
    run = app("--config", str(file), "acme", "ping")
    assert run.code == 2 and path in run.stderr


def test_config_may_make_table_the_default(app, tmp_path) -> None:
    file = tmp_path / "c.json"
    file.write_text(json.dumps({"output_format": "table"}))
    assert app("--config", str(file), "acme", "ping").stdout.splitlines()[0].split() == ["field", "value"]


@pytest.mark.parametrize(("fmt", "missing"), [("table", "rich"), ("chart", "plotext")])
def test_without_the_terminal_extra_the_format_is_exit_2_before_anything_runs(app, monkeypatch, fmt, missing):
    for name in [m for m in sys.modules if m == missing or m.startswith((f"{missing}.", "agent_ads_core.formatters"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)  # what an uninstalled package looks like to import
    run = app("acme", "items", "list", "--fail-on-page", "1", "--format", fmt)  # would fail if it ran
    assert run.code == 2 and run.stdout == ""
    error = json.loads(run.stderr)["error"]
    assert error["type"] == "argument" and missing in error["message"]
    assert error["hint"] == 'pip install "agent-ads[terminal]"'


def test_a_bad_chart_metric_is_an_argument_error_naming_the_choices(app) -> None:
    run = app("acme", "stats", "--format", "chart", "--chart-metric", "clicks")
    assert run.code == 2 and run.stdout == ""
    assert "views, cost" in json.loads(run.stderr)["error"]["hint"]
