"""Issue 9, points 1-3 and 8: --output is checked before sending and written with care; cursors must advance."""

from __future__ import annotations

import os
import stat

import pytest

ACCOUNT = "549755885175"
LIST_URL = f"https://api.test/v5/ad_accounts/{ACCOUNT}/campaigns"


@pytest.fixture(autouse=True)
def _no_keychain(isolated_env) -> None:
    """A file keyring under tmp_path: nothing here may reach the real keychain."""


def listing(run_cli, *extra: str):
    return run_cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, *extra)


@pytest.mark.parametrize("where", ["missing-dir/out.json", "a-directory", "", "x" * 300 + ".json",
                                   "read-only/out.json"])
def test_a_bad_output_path_is_an_argument_error_before_any_request(run_cli, mocked_api, tmp_path, where) -> None:
    (tmp_path / "a-directory").mkdir()
    (tmp_path / "read-only").mkdir(mode=0o500)
    if where.startswith("read-only") and os.access(tmp_path / "read-only", os.W_OK):
        pytest.skip("running as root: permissions do not apply")
    mocked_api.get(LIST_URL, json={"items": []})
    run = listing(run_cli, "--output", where)
    assert run.code == 2 and run.error()["type"] == "argument" and "--output" in run.error()["message"]
    assert len(mocked_api.calls) == 0


def test_the_report_wait_is_not_started_with_a_bad_output(run_cli, mocked_api, tmp_path) -> None:
    run = run_cli("pinterest", "report-runs", "wait", "--ad-account-id", ACCOUNT, "--token", "t", "--download",
                  "--output", str(tmp_path / "nope" / "r.csv"))
    assert run.code == 2 and len(mocked_api.calls) == 0


def test_output_writes_through_a_symlink_and_keeps_the_files_mode(run_cli, mocked_api, tmp_path) -> None:
    mocked_api.get(LIST_URL, json={"items": [{"id": "1"}]})
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert listing(run_cli, "--output", str(link)).code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == '[{"id":"1"}]\n' or real.read_text().startswith('[{"id":"1"}]')
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_output_to_a_non_regular_file_writes_into_it_and_never_replaces_it(run_cli, mocked_api, tmp_path) -> None:
    mocked_api.get(LIST_URL, json={"items": [{"id": "1"}]})
    assert listing(run_cli, "--output", os.devnull).code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert listing(run_cli, "--output", str(fifo)).code == 0
        assert os.read(reader, 1000).startswith(b'[{"id":"1"}]')
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and not list(tmp_path.glob(".agent-ads-*"))


def test_a_cursor_that_repeats_stops_the_run_naming_it(run_cli, mocked_api) -> None:
    mocked_api.get(LIST_URL, json={"items": [{"id": "1"}], "bookmark": "same"})
    run = listing(run_cli, "--all")
    error = run.error()
    assert run.code == 1 and error["type"] == "transport" and "'same'" in error["message"]
    assert len(mocked_api.calls) == 2


def test_empty_pages_with_fresh_cursors_do_not_page_forever(run_cli, mocked_api) -> None:
    counter = iter(range(10_000))
    mocked_api.add_callback("GET", LIST_URL, callback=lambda request: (
        200, {}, f'{{"items": [], "bookmark": "b{next(counter)}"}}'))
    run = listing(run_cli, "--all")
    assert run.code == 1 and "empty pages" in run.error()["message"]
    assert len(mocked_api.calls) < 100


def test_eof_at_an_auth_set_prompt_is_an_argument_error(run_cli, monkeypatch) -> None:
    import getpass
    import sys

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": (_ for _ in ()).throw(EOFError()))
    run = run_cli("pinterest", "auth", "set")
    assert run.code == 2 and run.error()["type"] == "argument" and "end of input" in run.error()["message"]
