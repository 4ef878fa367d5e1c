"""The table's decisions: column order, cell text, fitting a width, from any provider's rows."""

from __future__ import annotations

import io

import pytest

from agent_ads_core import table_layout
from agent_ads_core.result import Result
from agent_ads_core.terminal import TerminalView

CAMPAIGN = {"ad_account_id": "549755885175", "created_time": 1700000000, "id": "626735565838",
            "name": "Spring sale – a very long campaign name that will not fit anywhere",
            "status": "ACTIVE", "targeting_spec": {"AGE_BUCKET": ["18-24"]}, "lifetime_spend_cap": 12.5,
            "is_flexible_daily_budgets": True, "end_time": None}


def test_ids_and_names_lead_then_dates_and_statuses_then_the_rest_in_api_order() -> None:
    assert table_layout.default_columns([CAMPAIGN])[:4] == ["id", "name", "ad_account_id", "status"]
    insights = {"impressions": "100", "date_start": "2024-05-01", "campaign_name": "Spring", "campaign_id": "42"}
    assert table_layout.default_columns([insights]) == ["campaign_id", "campaign_name", "date_start", "impressions"]


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (True, "true"), (3.0, "3"), (0.1 + 0.2, "0.3"), (12.345678, "12.345678"), ("a\nb", "a b"),
    ({"AGE_BUCKET": ["18-24"]}, '{"AGE_BUCKET":["18-24"]}'), (["a", 1], '["a",1]'), (1700000000, "1700000000"),
])
def test_cells_are_one_compact_line(value, text) -> None:
    assert table_layout.cell_text(value) == text


def test_numbers_even_as_strings_are_numeric_but_ids_are_not() -> None:
    layout = table_layout.plan([{"campaign_id": "42", "spend": "12.5", "clicks": 3, "name": "x"}], 200)
    numeric = {c.name: c.numeric for c in layout.columns}
    assert numeric == {"campaign_id": False, "name": False, "spend": True, "clicks": True}


def test_layout_fits_the_width_hiding_low_ranked_columns_and_cutting_long_text() -> None:
    layout = table_layout.plan([CAMPAIGN], 80)
    widths = [c.width for c in layout.columns]
    assert sum(widths) + table_layout.SEPARATOR * (len(widths) - 1) <= 80
    assert [c.name for c in layout.columns][:2] == ["id", "name"] and layout.hidden
    assert set(layout.hidden) | {c.name for c in layout.columns} == set(CAMPAIGN)


def test_requested_columns_are_all_kept_in_order_and_reach_into_objects() -> None:
    layout = table_layout.plan([CAMPAIGN], 40, ["status", "targeting_spec.AGE_BUCKET", "id"])
    assert [c.name for c in layout.columns] == ["status", "targeting_spec.AGE_BUCKET", "id"] and not layout.hidden
    assert table_layout.lookup(CAMPAIGN, "targeting_spec.AGE_BUCKET") == ["18-24"]


def test_numbers_are_cut_last() -> None:
    rows = [{"name": "n" * 60, "spend": 123456.78}]
    layout = table_layout.plan(rows, 30)
    assert {c.name: c.width for c in layout.columns}["spend"] == len("123456.78")


rich = pytest.importorskip("rich")


def _table(result: Result, width: int = 80, columns=None) -> tuple[str, str]:
    from agent_ads_core.formatters.table import render_table

    out, notes = io.StringIO(), io.StringIO()
    render_table(result, out, TerminalView(width, 24, False, notes), columns)
    return out.getvalue(), notes.getvalue()


def test_table_lines_fit_the_width_with_numbers_right_aligned_and_an_ellipsis() -> None:
    rows = [{**CAMPAIGN, "id": str(i), "lifetime_spend_cap": 10.0 ** i} for i in range(5)]
    text, notes = _table(Result(data=rows), 80)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert lines[0].startswith("id") and set(lines[1]) == {"─"} and len(lines) == 2 + 5
    assert "…" in text and "\x1b[" not in text
    assert notes.startswith("5 rows; ") and "--table-columns" in notes


def test_streamed_pages_print_one_header_and_keep_the_first_pages_widths() -> None:
    pages = iter([[{"id": "1", "name": "a"}], [], [{"id": "2", "name": "a much longer name than the first"}]])
    text, notes = _table(Result(pages=pages), 80)
    lines = text.splitlines()
    assert [line.split()[0] for line in lines] == ["id", "─" * 9, "1", "2"]
    assert lines[3] == "2    a m…"  # widths from the first page: name is 4 wide (its header)
    assert notes == "2 rows\n"


def test_one_object_is_shown_field_by_field() -> None:
    text, notes = _table(Result(data={"id": "1", "status": "ACTIVE"}), 80, ["status"])
    assert text.splitlines()[2:] == ["status   ACTIVE"] and notes == ""


def test_no_rows_writes_nothing_on_stdout() -> None:
    assert _table(Result(pages=iter([[]]))) == ("", "0 rows\n")
