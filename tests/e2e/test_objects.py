"""Object listing and fetching, as a user runs them, against the simulator."""

from __future__ import annotations

import csv
import io
import json

import pytest

ACCOUNT = "549755885175"  # the simulator's first seeded ad account


def test_ad_accounts_list_and_get(cli, simulator):
    accounts = cli("pinterest", "ad-accounts", "list").json()
    assert ACCOUNT in [a["id"] for a in accounts]
    one = cli("pinterest", "ad-accounts", "get", "--ad-account-id", ACCOUNT).json()
    assert one["id"] == ACCOUNT
    owned = cli("pinterest", "ad-accounts", "ls", "--no-include-shared-accounts").json()
    assert len(owned) < len(accounts)
    assert ("include_shared_accounts", "false") in simulator.requests()[-1]["query"]


@pytest.mark.parametrize("group,id_flag,id_key", [
    ("campaigns", "--campaign-id", "id"),
    ("adgroups", "--ad-group-id", "id"),
    ("ads", "--ad-id", "id"),
    ("audiences", "--audience-id", "id"),
])
def test_list_then_get_each_object_type(cli, group, id_flag, id_key):
    listed = cli("pinterest", group, "list", "--ad-account-id", ACCOUNT, "--page-size", "3")
    assert listed.code == 0, listed.stderr
    items = listed.json()
    assert len(items) == 3
    got = cli("pinterest", group, "cat", "--ad-account-id", ACCOUNT, id_flag, items[0][id_key])
    assert got.code == 0, got.stderr
    assert got.json()["id"] == items[0]["id"]


def test_default_ad_account_from_env_and_config(cli, tmp_path):
    missing = cli("pinterest", "campaigns", "list")
    assert missing.code == 2
    error = missing.error()
    for way in ("--ad-account-id", "PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID", "default_ad_account_id"):
        assert way in error["message"] + error.get("hint", "")
    assert cli("pinterest", "campaigns", "list", env={"PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID": ACCOUNT}).code == 0
    (tmp_path / "agent-ads.config.json").write_text(json.dumps(
        {"providers": {"pinterest": {"default_ad_account_id": ACCOUNT}}}))
    assert cli("pinterest", "campaigns", "list").code == 0


def test_all_streams_every_page_without_duplicates(cli, simulator):
    run = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all", "--page-size", "50",
              "--format", "jsonl")
    ids = [json.loads(line)["id"] for line in run.stdout.splitlines()]
    assert len(ids) == len(set(ids)) > 100
    pages = [r for r in simulator.requests() if r["path"].endswith("/campaigns")]
    assert len(pages) == -(-len(ids) // 50)


def test_max_items_then_resume_with_the_bookmark(cli):
    everything = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--max-items", "60").json()
    first = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--max-items", "25",
                "--page-size", "10", "--envelope").json()
    assert len(first["data"]) == 25 and first["paging"]["complete"] is False
    second = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--max-items", "35",
                 "--bookmark", first["paging"]["bookmark"], "--page-size", "10").json()
    assert [c["id"] for c in first["data"] + second] == [c["id"] for c in everything]


def test_filters_are_sent_as_the_spec_says_and_really_filter(cli, simulator):
    ids = [c["id"] for c in cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT).json()[:3]]
    run = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--campaign-id", f"{ids[0]},{ids[1]}",
              "--campaign-id", ids[2], "--order", "descending")
    assert [c["id"] for c in run.json()] == sorted(ids, reverse=True)
    query = simulator.requests()[-1]["query"]
    assert [v for k, v in query if k == "campaign_ids"] == ids
    assert ("order", "DESCENDING") in query


def test_archived_objects_hidden_unless_asked(cli):
    default = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all").json()
    assert {c["status"] for c in default} <= {"ACTIVE", "PAUSED"}
    archived = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--all",
                   "--entity-status", "archived").json()
    assert archived and {c["status"] for c in archived} == {"ARCHIVED"}
    assert "ACTIVE,PAUSED" in cli("pinterest", "campaigns", "list", "--help").stdout


def test_adgroups_and_ads_filters(cli, simulator):
    campaign = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT).json()[0]["id"]
    groups = cli("pinterest", "adgroups", "list", "--ad-account-id", ACCOUNT, "--campaign-id", campaign,
                 "--translate-interests-to-names").json()
    assert groups and {g["campaign_id"] for g in groups} == {campaign}
    assert ("translate_interests_to_names", "true") in simulator.requests()[-1]["query"]
    ads = cli("pinterest", "ads", "list", "--ad-account-id", ACCOUNT, "--ad-group-id", groups[0]["id"]).json()
    assert ads and {a["ad_group_id"] for a in ads} == {groups[0]["id"]}


def test_audiences_ownership_type(cli, simulator):
    run = cli("pinterest", "audiences", "list", "--ad-account-id", ACCOUNT, "--ownership-type", "received")
    assert run.code == 0, run.stderr
    assert ("ownership_type", "RECEIVED") in simulator.requests()[-1]["query"]


def test_csv_output_flattens_nested_fields(cli):
    run = cli("pinterest", "ad-accounts", "list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows and "owner.username" in rows[0]


def test_not_found_is_an_api_error_with_request_id(cli, simulator):
    run = cli("pinterest", "campaigns", "get", "--ad-account-id", ACCOUNT, "--campaign-id", "1")
    assert run.code == 6 and run.stdout == ""
    error = run.error()
    [call] = simulator.requests()
    assert error["type"] == "api" and error["http_status"] == 404 and error["request_id"] == call["request_id"]


def test_bad_enum_is_caught_before_sending(cli, simulator):
    run = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--entity-status", "ACTIV")
    assert run.code == 2 and run.stdout == ""
    assert "did you mean ACTIVE" in run.error()["message"]
    assert simulator.requests() == []


def test_page_size_bounds_come_from_the_spec(cli, simulator):
    run = cli("pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, "--page-size", "251")
    assert run.code == 2 and "250" in run.error()["message"]
    assert simulator.requests() == []
