"""Determinism of the seeded data, the exported constants and the description loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from meta_sim_client import call

import agent_ads_meta_simulator as package
from agent_ads_meta_simulator import AD_ACCOUNT_ID, BUSINESS_ID, CAMPAIGN_ID, Simulator
from agent_ads_meta_simulator.dataset import Dataset
from agent_ads_meta_simulator.description import ENV_VAR, Description, DescriptionError, find_description_dir


def test_constants_match_seed_zero() -> None:
    data = Dataset(seed=0)
    assert data.account_ids[0] == AD_ACCOUNT_ID and data.business_ids[0] == BUSINESS_ID
    assert data.first_campaign(0) == CAMPAIGN_ID
    assert data.records[CAMPAIGN_ID].effective_status == "ACTIVE"
    assert package.ACCESS_TOKEN == "demo-meta-access-token" and package.APP_SECRET == "demo-meta-app-secret"
    for name in ("ACCESS_TOKEN", "APP_SECRET", "AD_ACCOUNT_ID", "BUSINESS_ID", "CAMPAIGN_ID"):
        assert name in (package.__doc__ or "")


def test_same_seed_same_data_other_seed_other_ids() -> None:
    first, second, other = Dataset(seed=0), Dataset(seed=0), Dataset(seed=1)
    assert list(first.records) == list(second.records)
    assert all(first.records[i].data == second.records[i].data for i in first.records)
    assert first.activities == second.activities
    assert set(other.account_ids).isdisjoint(first.account_ids)


def test_data_shape() -> None:
    data = Dataset(seed=3)
    for account_id in data.account_ids:
        account = data.records[account_id]
        assert account.data["account_id"] == account_id[4:] and account_id[4:].isdigit()
        campaigns = account.children["campaigns"]
        assert len(campaigns) == 60
        for campaign_id in campaigns:
            adsets = data.records[campaign_id].children["adsets"]
            assert 2 <= len(adsets) <= 3
            assert all(1 <= len(data.records[a].children["ads"]) <= 2 for a in adsets)
        assert 1 <= len(account.children["adspixels"]) <= 2 and len(account.children["customconversions"]) == 3
        statuses = {data.records[c].effective_status for c in campaigns}
        assert {"ACTIVE", "PAUSED", "ARCHIVED", "DELETED"} <= statuses


def test_insights_are_deterministic_across_simulators() -> None:
    params = {"level": "campaign", "fields": "campaign_id,spend,clicks", "date_preset": "last_14d", "limit": 500}
    with Simulator(seed=5) as one, Simulator(seed=5) as two:
        account = one.dataset.account_ids[0]
        assert (
            call(one, f"{account}/insights", params).body["data"]
            == call(two, f"{account}/insights", params).body["data"]
        )


def test_description_dir_argument_env_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = find_description_dir()
    assert (found / "AdAccount.json").is_file()
    monkeypatch.setenv(ENV_VAR, str(found))
    assert find_description_dir() == found
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    with pytest.raises(DescriptionError, match=ENV_VAR):
        find_description_dir()
    assert find_description_dir(found) == found
    with pytest.raises(DescriptionError):
        Simulator(description_dir=tmp_path)


def test_sdkcodegen_overrides_are_applied(tmp_path: Path) -> None:
    spec = {
        "fields": [{"name": "id", "type": "string"}],
        "apis": [
            {"method": "POST", "endpoint": "insights", "return": "Object", "params": []},
            {
                "method": "GET",
                "endpoint": "previews",
                "return": "AdPreview",
                "params": [{"name": "ids", "type": "string"}],
            },
        ],
    }
    (tmp_path / "AdAccount.json").write_text(json.dumps(spec))
    (tmp_path / "enum_types.json").write_text("[]")
    overrides = {
        "AdAccount": {
            "$.apis[?(@.method=='POST' && @.endpoint=='insights')]": {"return": "AdReportRun"},
            "$.apis[?(@.method=='GET' && @.endpoint=='previews')].params[?(@.name=='ids')]": {"type": "list<string>"},
        }
    }
    (tmp_path / "SDKCodegen.json").write_text(json.dumps({"spec_overriding": overrides}))
    node = Description.load(tmp_path).node("AdAccount")
    assert node is not None
    assert node.api("POST", "insights").returns == "AdReportRun"
    assert node.api("GET", "previews").params["ids"].type == "list<string>"


def test_the_real_description_has_what_the_simulator_routes() -> None:
    description = Description.load()
    account = description.node("AdAccount")
    assert account is not None and account.api("POST", "insights").returns == "AdReportRun"
    for node, edge in [
        ("User", "adaccounts"),
        ("Business", "client_ad_accounts"),
        ("AdsPixel", "stats"),
        ("AdReportRun", "insights"),
    ]:
        assert description.node(node).api("GET", edge) is not None
    assert "LAST_7D" in description.enum("adaccountadsets_date_preset_enum_param")
