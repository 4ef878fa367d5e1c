"""Issue 9, points 4-7 and 9-11: what is written is valid whatever the data, and downloads are checked."""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
import requests
import responses
from cli_runner import run_process

from agent_ads_core.downloads import decompressed
from agent_ads_core.errors import TransportError

ACCOUNT = "549755885175"
ROOT = "https://api.test/v5"
LIST_URL = f"{ROOT}/ad_accounts/{ACCOUNT}/campaigns"
REPORTS_URL = f"{ROOT}/ad_accounts/{ACCOUNT}/reports"
FILE_URL = "https://files.test/report"


@pytest.fixture(autouse=True)
def _no_keychain(isolated_env) -> None:
    """A file keyring under tmp_path: nothing here may reach the real keychain."""


def listing(run_cli, *extra: str):
    return run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, *extra)


def test_a_json_array_ends_with_a_newline(run_cli, mocked_api) -> None:
    mocked_api.get(LIST_URL, json={"items": [{"id": "1"}, {"id": "2"}]})
    run = listing(run_cli)
    assert run.stdout == '[{"id":"1"},{"id":"2"}]\n'


def test_non_finite_numbers_in_data_are_written_as_null(run_cli, mocked_api) -> None:
    mocked_api.get(LIST_URL, body='{"items": [{"id": "1", "a": NaN, "b": Infinity, "c": 1e400, "d": 2.5}]}',
                   content_type="application/json")
    for fmt, check in (("json", lambda out: json.loads(out, parse_constant=pytest.fail)),
                       ("jsonl", lambda out: json.loads(out.splitlines()[0], parse_constant=pytest.fail))):
        run = listing(run_cli, "--format", fmt)
        assert run.code == 0, run.stderr
        row = check(run.stdout)
        row = row[0] if isinstance(row, list) else row
        assert row == {"id": "1", "a": None, "b": None, "c": None, "d": 2.5}
    assert listing(run_cli, "--format", "csv").stdout.splitlines()[1] == "1,,,,2.5"


def test_stdout_that_is_not_utf8_still_gets_valid_json(tmp_path) -> None:
    from agent_ads_core.output import Renderer
    from agent_ads_core.result import Result

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    Renderer("json").render(Result(pages=iter([[{"name": "Café ☕ 𝄞"}]])), out)
    out.flush()
    assert json.loads(raw.getvalue().decode("ascii")) == [{"name": "Café ☕ 𝄞"}]


def test_an_ascii_stdout_process_writes_valid_json(tmp_path) -> None:
    env = {"PYTHONIOENCODING": "ascii", "AGENT_ADS_PROVIDERS": "pinterest", "PATH": "/usr/bin:/bin",
           "LC_ALL": "C", "HOME": str(tmp_path)}
    done = run_process(["pinterest", "enums", "list", "--flag", "level"], env, as_module=True)
    assert done.code == 0, done.stderr
    assert done.stdout.isascii()
    json.loads(done.stdout)


@pytest.mark.parametrize(("flags", "env", "cell"), [
    ((), {}, "=HYPERLINK(1)"),
    (("--csv-safe",), {}, "'=HYPERLINK(1)"),
    ((), {"AGENT_ADS_CSV_SAFE": "1"}, "'=HYPERLINK(1)"),
])
def test_csv_formula_cells_are_kept_unless_csv_safe(run_cli, mocked_api, monkeypatch, flags, env, cell) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    mocked_api.get(LIST_URL, json={"items": [{"id": "1", "name": "=HYPERLINK(1)", "n": -5}]})
    run = listing(run_cli, "--format", "csv", *flags)
    assert run.stdout.splitlines()[1] == f"1,{cell},-5"  # numbers are never altered


def test_a_truncated_body_is_retried_then_a_transport_error(run_cli, mocked_api, monkeypatch) -> None:
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    mocked_api.get(LIST_URL, body=requests.exceptions.ChunkedEncodingError("IncompleteRead(10 bytes read)"))
    run = listing(run_cli)
    error = run.error()
    assert run.code == 1 and error["type"] == "transport" and "cut short" in error["message"]
    assert len(mocked_api.calls) == 5


def test_a_gzip_bomb_is_stopped_at_the_cap_in_bounded_steps() -> None:
    bomb = gzip.compress(b"\0" * (64 * 2**20))
    seen = 0
    with pytest.raises(TransportError, match="over 8 MB"):
        for chunk in decompressed([bomb], max_bytes=8 * 2**20):
            assert len(chunk) <= 64 * 1024
            seen += len(chunk)
    assert seen <= 8 * 2**20


def report_args(verb: str = "results") -> list[str]:
    return ["pinterest", "report-runs", verb, "--ad-account-id", ACCOUNT, "--token", "tok"]


@pytest.mark.parametrize(("body", "said"), [
    (b"<html><body>Down for maintenance</body></html>", "HTML"),
    (b'[{"a": 1}]', "not a report object"),
    (b"", "empty"),
    (b"A,B\n1,2\n3\n", "line 3 has 1 values for 2 header columns"),
])
def test_a_download_that_is_not_a_report_is_an_error_quoting_it(run_cli, mocked_api, tmp_path, body, said) -> None:
    mocked_api.get(REPORTS_URL, json={"report_status": "FINISHED", "url": FILE_URL, "size": 100})
    mocked_api.get(FILE_URL, body=body)
    out = tmp_path / "rows.csv"
    run = run_cli(*report_args(), "--format", "csv", "--output", str(out))
    error = run.error()
    # the report's one resume command: wait (at once, it is finished) and download again
    assert run.code != 0 and said in error["message"] and "report-runs wait --token tok" in error["hint"]
    assert error["hint"].endswith("--download'")
    if body.startswith(b"<"):
        assert "Down for maintenance" in error["message"]
    assert not out.exists()


def test_a_download_that_breaks_off_leaves_no_rows_and_says_how_to_resume(run_cli, mocked_api, tmp_path) -> None:
    def broken(request):
        raise requests.exceptions.ChunkedEncodingError("Connection broken: IncompleteRead")

    mocked_api.get(REPORTS_URL, json={"report_status": "FINISHED", "url": FILE_URL, "size": 100})
    mocked_api.add(responses.Response("GET", FILE_URL, body=b"A,B\n" + b"1,2\n" * 2000))
    real_iter = requests.Response.iter_content

    def iter_then_break(self, chunk_size=1, decode_unicode=False):
        if self.url and self.url.startswith(FILE_URL):
            yield next(iter(real_iter(self, 1024)))
            broken(None)
        yield from real_iter(self, chunk_size, decode_unicode)

    import unittest.mock

    out = tmp_path / "rows.csv"
    with unittest.mock.patch.object(requests.Response, "iter_content", iter_then_break):
        run = run_cli(*report_args(), "--format", "csv", "--output", str(out))
    error = run.error()
    assert run.code == 1 and error["type"] == "transport"
    assert f"report-runs wait --token tok --ad-account-id {ACCOUNT} --download" in error["hint"]
    assert not out.exists()


def test_an_end_date_in_the_future_warns(run_cli, mocked_api) -> None:
    today = datetime.now(timezone.utc).date()
    mocked_api.get(f"{ROOT}/ad_accounts/{ACCOUNT}/analytics", json=[])
    run = run_cli("pinterest", "analytics", "query", "--ad-account-id", ACCOUNT, "--level", "ad_account",
                  "--granularity", "DAY", "--columns", "SPEND_IN_DOLLAR", "--start-date",
                  (today - timedelta(days=2)).isoformat(), "--end-date", (today + timedelta(days=3)).isoformat())
    assert run.code == 0, run.stderr
    warnings = [json.loads(line)["warning"] for line in run.stderr.splitlines()]
    assert any("no data" in warning and "--end-date" in warning for warning in warnings)
