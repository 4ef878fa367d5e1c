"""agent_ads_core.output: json/jsonl/csv rendering, the envelope, --pretty and atomic files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator

import pytest

from agent_ads_core.errors import ArgumentError
from agent_ads_core.formatters.base import flatten
from agent_ads_core.output import Renderer, open_output
from agent_ads_core.pagination import PagingState
from agent_ads_core.result import Result

RECORDS = [
    {"id": "1", "name": "a", "targeting_spec": {"AGE_BUCKET": ["18-24", "25-34"], "GEO": {"country": "US"}}},
    {"id": "2", "status": "ACTIVE", "budget": None, "paused": False, "tags": [], "empty": {}},
]


def render(result: Result, fmt: str = "json", pretty: bool = False, envelope: bool = False) -> str:
    out = io.StringIO()
    Renderer(fmt, pretty, envelope).render(result, out)
    return out.getvalue()


def pages(*chunks: list) -> Iterator[list]:
    yield from chunks


def test_json_is_the_data_only() -> None:
    assert json.loads(render(Result(data={"a": 1}, meta={"m": 1}, warnings=["w"]))) == {"a": 1}
    assert json.loads(render(Result(data=RECORDS))) == RECORDS


def test_json_stream_of_pages_is_one_array() -> None:
    text = render(Result(pages=pages([{"i": 1}, {"i": 2}], [], [{"i": 3}])))
    assert json.loads(text) == [{"i": 1}, {"i": 2}, {"i": 3}]
    assert json.loads(render(Result(pages=pages()))) == []
    assert json.loads(render(Result(pages=pages([], [])))) == []


def test_jsonl_one_item_per_line() -> None:
    lines = render(Result(pages=pages(RECORDS[:1], RECORDS[1:])), "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == RECORDS
    assert render(Result(data={"a": 1}), "jsonl") == '{"a":1}\n'
    assert render(Result(pages=pages()), "jsonl") == ""


def test_csv_flattens_dot_paths_with_union_header_in_first_seen_order() -> None:
    text = render(Result(pages=pages(RECORDS[:1], RECORDS[1:])), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["id", "name", "targeting_spec.AGE_BUCKET", "targeting_spec.GEO.country", "status", "budget",
                       "paused", "tags", "empty"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert json.loads(first["targeting_spec.AGE_BUCKET"]) == ["18-24", "25-34"]  # lists as JSON text
    assert first["targeting_spec.GEO.country"] == "US" and first["status"] == ""
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second == {"id": "2", "name": "", "targeting_spec.AGE_BUCKET": "", "targeting_spec.GEO.country": "",
                      "status": "ACTIVE", "budget": "", "paused": "false", "tags": "[]", "empty": "{}"}


def test_csv_of_scalars_and_of_nothing() -> None:
    assert render(Result(data=[1, 2]), "csv") == "value\n1\n2\n"
    assert render(Result(pages=pages()), "csv") == ""


def test_flatten() -> None:
    assert flatten({"a": {"b": {"c": 1}}, "l": [1, {"x": 2}]}) == {"a.b.c": 1, "l": '[1,{"x":2}]'}


def test_envelope_for_data_and_streams() -> None:
    state = PagingState("bookmark", next_cursor="abc", items=2, pages=1)
    result = Result(pages=pages([{"i": 1}], [{"i": 2}]), meta={"provider": "acme"}, paging=state, warnings=["w1"])
    assert json.loads(render(result, envelope=True)) == {
        "data": [{"i": 1}, {"i": 2}], "meta": {"provider": "acme"},
        "paging": {"bookmark": "abc", "items": 2, "pages": 1, "complete": False}, "warnings": ["w1"]}
    data = json.loads(render(Result(data={"x": 1}), envelope=True))
    assert data == {"data": {"x": 1}, "meta": {}, "paging": None, "warnings": []}


def test_envelope_reads_paging_after_the_data_is_written() -> None:
    state = PagingState("cursor")

    def produce() -> Iterator[list]:
        state.items, state.complete = 1, True
        yield [{"i": 1}]

    data = json.loads(render(Result(pages=produce(), paging=state), envelope=True))
    assert data["paging"]["items"] == 1 and data["paging"]["complete"] is True


def test_jsonl_envelope_ends_with_a_trailer_line() -> None:
    lines = render(Result(pages=pages([{"i": 1}]), meta={"m": 1}), "jsonl", envelope=True).splitlines()
    assert json.loads(lines[0]) == {"i": 1}
    assert json.loads(lines[-1]) == {"meta": {"m": 1}, "paging": None, "warnings": []}


def test_envelope_with_csv_is_an_argument_error() -> None:
    with pytest.raises(ArgumentError):
        Renderer("csv", envelope=True)


@pytest.mark.parametrize("envelope", [False, True])
@pytest.mark.parametrize("stream", [False, True])
def test_pretty_is_indented_and_equal_to_compact(envelope: bool, stream: bool) -> None:
    def result() -> Result:
        return Result(pages=pages(RECORDS[:1], RECORDS[1:])) if stream else Result(data=RECORDS)

    pretty, compact = render(result(), pretty=True, envelope=envelope), render(result(), envelope=envelope)
    assert json.loads(pretty) == json.loads(compact)
    assert "\n  " in pretty and "\n" not in compact.rstrip("\n")


def test_pretty_empty_stream() -> None:
    assert json.loads(render(Result(pages=pages()), pretty=True)) == []


def test_non_json_values_are_rendered_as_text() -> None:
    from datetime import date

    assert json.loads(render(Result(data={"d": date(2024, 1, 2)}))) == {"d": "2024-01-02"}


def test_unicode_is_kept() -> None:
    assert render(Result(data={"n": "café"})) == '{"n":"café"}\n'


def test_open_output_replaces_only_on_success(tmp_path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), open_output(str(target), io.StringIO()) as out:
        out.write("half")
        raise RuntimeError("mid-way")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.json"]
    with open_output(str(target), io.StringIO()) as out:
        out.write("new")
    assert target.read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_open_output_dash_is_stdout() -> None:
    stdout = io.StringIO()
    with open_output("-", stdout) as out:
        assert out is stdout


def test_open_output_gives_the_file_the_usual_permissions(tmp_path) -> None:
    previous = os.umask(0o022)
    try:
        with open_output(str(tmp_path / "out.csv"), io.StringIO()) as out:
            out.write("a\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644


def test_csv_header_comes_from_known_columns_only_when_there_are_no_rows() -> None:
    renderer = Renderer("csv")
    empty, full = io.StringIO(), io.StringIO()
    renderer.render(Result(pages=iter([[]]), columns=["a", "b"]), empty)
    renderer.render(Result(pages=iter([[{"b": 1, "a": 2}]]), columns=["a", "b"]), full)
    assert empty.getvalue() == "a,b\n"
    assert full.getvalue() == "b,a\n1,2\n"
