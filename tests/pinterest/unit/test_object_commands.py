"""ad-accounts/campaigns/adgroups/ads/audiences list|get against a mocked API: what is sent, what comes out."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import responses

ACCOUNT = "549755885175"
ROOT = "https://api.test/v5"
SANDBOX_ROOT = "https://api-sandbox.pinterest.com/v5"
PRODUCTION_ROOT = "https://api.pinterest.com/v5"
RID = {"x-pinterest-rid": "rid-123"}

# CLI group -> (path under the ad account, id flag of get)
SCOPED = {
    "campaigns": ("campaigns", "--campaign-id"),
    "adgroups": ("ad_groups", "--ad-group-id"),
    "ads": ("ads", "--ad-id"),
    "audiences": ("audiences", "--audience-id"),
}
GROUPS = ["ad-accounts", *SCOPED]
WITH_ENTITY_STATUS = ["campaigns", "adgroups", "ads"]


@pytest.fixture(autouse=True)
def _no_keychain(isolated_env) -> None:
    """A file keyring under tmp_path: nothing here may reach the real keychain."""


def list_url(group: str, root: str = ROOT) -> str:
    if group == "ad-accounts":
        return f"{root}/ad_accounts"
    return f"{root}/ad_accounts/{ACCOUNT}/{SCOPED[group][0]}"


def list_args(group: str, *extra: str, verb: str = "list") -> list[str]:
    scope = [] if group == "ad-accounts" else ["--ad-account-id", ACCOUNT]
    return ["pinterest", group, verb, *scope, *extra]


def get_case(group: str, object_id: str = "626700000001") -> tuple[list[str], str, str]:
    """(argv after the verb, expected URL, expected object_id) of a get."""
    if group == "ad-accounts":
        return ["--ad-account-id", ACCOUNT], f"{ROOT}/ad_accounts/{ACCOUNT}", ACCOUNT
    path, flag = SCOPED[group]
    return ["--ad-account-id", ACCOUNT, flag, object_id], f"{ROOT}/ad_accounts/{ACCOUNT}/{path}/{object_id}", object_id


def query(call: responses.Call) -> dict[str, list[str]]:
    return parse_qs(urlsplit(call.request.url).query, keep_blank_values=True)


def path_of(call: responses.Call) -> str:
    parts = urlsplit(call.request.url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


# -- list: path, auth, paging parameters ---------------------------------------------


@pytest.mark.parametrize("verb", ["list", "ls"])
@pytest.mark.parametrize("group", GROUPS)
def test_list_sends_path_bearer_and_default_page_size(run_cli, mocked_api, group: str, verb: str) -> None:
    items = [{"id": "1"}, {"id": "2"}]
    mocked_api.get(list_url(group), json={"items": items, "bookmark": None}, headers=RID)
    result = run_cli(*list_args(group, verb=verb))
    assert result.code == 0, result.stderr
    assert result.json() == items
    assert len(mocked_api.calls) == 1
    call = mocked_api.calls[0]
    assert path_of(call) == list_url(group)
    assert call.request.headers["Authorization"] == "Bearer test-access-token"
    assert query(call) == {"page_size": ["25"]}


@pytest.mark.parametrize("group", GROUPS)
def test_list_passes_bookmark_and_page_size(run_cli, mocked_api, group: str) -> None:
    mocked_api.get(list_url(group), json={"items": [], "bookmark": None})
    result = run_cli(*list_args(group, "--bookmark", "bm-xyz", "--page-size", "7"))
    assert result.code == 0, result.stderr
    assert query(mocked_api.calls[0]) == {"bookmark": ["bm-xyz"], "page_size": ["7"]}


# -- list: filter flags encoded per the spec ------------------------------------------


FILTER_CASES = {
    "campaigns": (
        ["--campaign-id", "11,12", "--campaign-id", "13", "--entity-status", "active,Paused",
         "--entity-status", "ARCHIVED", "--order", "descending"],
        {"campaign_ids": ["11", "12", "13"], "entity_statuses": ["ACTIVE", "PAUSED", "ARCHIVED"],
         "order": ["DESCENDING"]},
    ),
    "adgroups": (
        ["--ad-group-id", "21,22", "--entity-status", "draft", "--order", "ASCENDING",
         "--translate-interests-to-names"],
        {"ad_group_ids": ["21", "22"], "entity_statuses": ["DRAFT"], "order": ["ASCENDING"],
         "translate_interests_to_names": ["true"]},
    ),
    "ads": (
        ["--ad-id", "31,32", "--ad-id", "33", "--entity-status", "deleted_draft,active", "--order", "descending"],
        {"ad_ids": ["31", "32", "33"], "entity_statuses": ["DELETED_DRAFT", "ACTIVE"], "order": ["DESCENDING"]},
    ),
    "audiences": (
        ["--ownership-type", "received", "--order", "ascending"],
        {"ownership_type": ["RECEIVED"], "order": ["ASCENDING"]},
    ),
}


@pytest.mark.parametrize("group", list(FILTER_CASES))
def test_list_encodes_every_filter_flag(run_cli, mocked_api, group: str) -> None:
    flags, expected = FILTER_CASES[group]
    mocked_api.get(list_url(group), json={"items": [], "bookmark": None})
    result = run_cli(*list_args(group, *flags))
    assert result.code == 0, result.stderr
    assert query(mocked_api.calls[0]) == {**expected, "page_size": ["25"]}


@pytest.mark.parametrize("group", WITH_ENTITY_STATUS)
def test_entity_status_case_variants_are_sent_once(run_cli, mocked_api, group: str) -> None:
    mocked_api.get(list_url(group), json={"items": [], "bookmark": None})
    result = run_cli(*list_args(group, "--entity-status", "active,ACTIVE,Active"))
    assert result.code == 0, result.stderr
    assert query(mocked_api.calls[0])["entity_statuses"] == ["ACTIVE"]


@pytest.mark.parametrize(("flags", "expected"), [
    (["--include-shared-accounts"], ["true"]),
    (["--no-include-shared-accounts"], ["false"]),
    ([], None),
])
def test_ad_accounts_include_shared_accounts(run_cli, mocked_api, flags: list[str], expected) -> None:
    mocked_api.get(list_url("ad-accounts"), json={"items": [], "bookmark": None})
    result = run_cli(*list_args("ad-accounts", *flags))
    assert result.code == 0, result.stderr
    assert query(mocked_api.calls[0]).get("include_shared_accounts") == expected


def test_include_shared_accounts_flags_are_exclusive(run_cli, mocked_api) -> None:
    result = run_cli(*list_args("ad-accounts", "--include-shared-accounts", "--no-include-shared-accounts"))
    assert result.code == 2
    assert result.error()["type"] == "argument"
    assert len(mocked_api.calls) == 0


def test_filters_not_given_are_not_sent(run_cli, mocked_api) -> None:
    """Defaults (ACTIVE,PAUSED, OWNED, include shared) are the API's: nothing is sent for them."""
    mocked_api.get(list_url("adgroups"), json={"items": [], "bookmark": None})
    assert run_cli(*list_args("adgroups")).code == 0
    assert set(query(mocked_api.calls[0])) == {"page_size"}


# -- list: paging ----------------------------------------------------------------------


@pytest.mark.parametrize("group", GROUPS)
def test_all_follows_bookmarks_until_null(run_cli, mocked_api, group: str) -> None:
    pages = [{"items": [{"id": "1"}, {"id": "2"}], "bookmark": "b2"},
             {"items": [{"id": "3"}], "bookmark": "b3"},
             {"items": [{"id": "4"}], "bookmark": None}]
    for body in pages:
        mocked_api.get(list_url(group), json=body)
    result = run_cli(*list_args(group, "--all", "--envelope"))
    assert result.code == 0, result.stderr
    out = result.json()
    assert [item["id"] for item in out["data"]] == ["1", "2", "3", "4"]
    assert out["paging"] == {"bookmark": None, "items": 4, "pages": 3, "complete": True}
    assert len(mocked_api.calls) == 3
    sent = [query(call) for call in mocked_api.calls]
    assert [q.get("bookmark") for q in sent] == [None, ["b2"], ["b3"]]
    assert all(q["page_size"] == ["250"] for q in sent)  # --all asks for the largest pages


def test_all_keeps_filters_on_every_page(run_cli, mocked_api) -> None:
    mocked_api.get(list_url("campaigns"), json={"items": [{"id": "1"}], "bookmark": "b2"})
    mocked_api.get(list_url("campaigns"), json={"items": [{"id": "2"}], "bookmark": None})
    result = run_cli(*list_args("campaigns", "--all", "--entity-status", "archived", "--campaign-id", "1,2"))
    assert result.code == 0, result.stderr
    for call in mocked_api.calls:
        assert query(call)["entity_statuses"] == ["ARCHIVED"]
        assert query(call)["campaign_ids"] == ["1", "2"]


def test_without_all_only_one_page_is_fetched(run_cli, mocked_api) -> None:
    mocked_api.get(list_url("ads"), json={"items": [{"id": "1"}], "bookmark": "b2"})
    result = run_cli(*list_args("ads", "--envelope"))
    assert result.code == 0, result.stderr
    assert len(mocked_api.calls) == 1
    assert result.json()["paging"] == {"bookmark": "b2", "items": 1, "pages": 1, "complete": False}


@pytest.mark.parametrize("group", GROUPS)
def test_max_items_stops_and_reports_resume_bookmark(run_cli, mocked_api, group: str) -> None:
    mocked_api.get(list_url(group), json={"items": [{"id": "1"}, {"id": "2"}], "bookmark": "b2"})
    mocked_api.get(list_url(group), json={"items": [{"id": "3"}, {"id": "4"}], "bookmark": "b3"})
    mocked_api.get(list_url(group), json={"items": [{"id": "5"}], "bookmark": "b4"})
    result = run_cli(*list_args(group, "--max-items", "5", "--page-size", "2", "--envelope"))
    assert result.code == 0, result.stderr
    out = result.json()
    assert [item["id"] for item in out["data"]] == ["1", "2", "3", "4", "5"]
    assert out["paging"] == {"bookmark": "b4", "items": 5, "pages": 3, "complete": False}
    sent = [query(call) for call in mocked_api.calls]
    assert [q["page_size"] for q in sent] == [["2"], ["2"], ["1"]]  # never more than still wanted
    assert [q.get("bookmark") for q in sent] == [None, ["b2"], ["b3"]]


@pytest.mark.parametrize("size", ["0", "251", "-1"])
@pytest.mark.parametrize("group", GROUPS)
def test_page_size_out_of_range_is_refused_before_sending(run_cli, mocked_api, group: str, size: str) -> None:
    result = run_cli(*list_args(group, "--page-size", size))
    assert result.code == 2
    assert result.error()["type"] == "argument"
    assert "--page-size" in result.error()["message"] and "250" in result.error()["message"]
    assert result.stdout == ""
    assert len(mocked_api.calls) == 0


@pytest.mark.parametrize("group", WITH_ENTITY_STATUS)
def test_unknown_entity_status_is_refused_with_suggestion(run_cli, mocked_api, group: str) -> None:
    result = run_cli(*list_args(group, "--entity-status", "ACTIVE,pausd"))
    assert result.code == 2
    error = result.error()
    assert error["type"] == "argument"
    assert "--entity-status" in error["message"] and "'pausd'" in error["message"]
    assert "did you mean PAUSED" in error["message"]
    assert "ARCHIVED" in error["hint"]
    assert len(mocked_api.calls) == 0


def test_non_numeric_campaign_id_is_refused_before_sending(run_cli, mocked_api) -> None:
    result = run_cli(*list_args("campaigns", "--campaign-id", "12,abc"))
    assert result.code == 2
    assert "--campaign-id" in result.error()["message"]
    assert len(mocked_api.calls) == 0


# -- the ad account: flag > env > config, or a clear error -----------------------------


def scoped_commands() -> list[list[str]]:
    commands = [["pinterest", group, verb] for group in SCOPED for verb in ("list", "ls")]
    commands += [["pinterest", group, "get", flag, "1"] for group, (_path, flag) in SCOPED.items()]
    return [*commands, ["pinterest", "ad-accounts", "get"], ["pinterest", "ad-accounts", "cat"]]


@pytest.mark.parametrize("argv", scoped_commands(), ids=" ".join)
def test_missing_ad_account_names_every_way_to_give_one(run_cli, mocked_api, argv: list[str]) -> None:
    result = run_cli(*argv)
    assert result.code == 2
    error = result.error()
    assert error["type"] == "argument"
    text = error["message"] + " " + error["hint"]
    for way in ("--ad-account-id", "PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID", "default_ad_account_id"):
        assert way in text
    assert len(mocked_api.calls) == 0


def test_ad_account_from_env(run_cli, mocked_api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID", "42")
    mocked_api.get(f"{ROOT}/ad_accounts/42/campaigns", json={"items": [], "bookmark": None})
    assert run_cli("pinterest", "campaigns", "list").code == 0
    assert path_of(mocked_api.calls[0]) == f"{ROOT}/ad_accounts/42/campaigns"


def test_ad_account_from_config(run_cli, mocked_api, tmp_path) -> None:
    config = {"providers": {"pinterest": {"default_ad_account_id": "43"}}}
    (tmp_path / "agent-ads.config.json").write_text(json.dumps(config))
    mocked_api.get(f"{ROOT}/ad_accounts/43/ads", json={"items": [], "bookmark": None})
    assert run_cli("pinterest", "ads", "list").code == 0
    assert path_of(mocked_api.calls[0]) == f"{ROOT}/ad_accounts/43/ads"


def test_ad_account_flag_beats_env(run_cli, mocked_api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_ADS_DEFAULT_AD_ACCOUNT_ID", "42")
    mocked_api.get(f"{ROOT}/ad_accounts/44", json={"id": "44"})
    assert run_cli("pinterest", "ad-accounts", "get", "--ad-account-id", "44").code == 0
    assert path_of(mocked_api.calls[0]) == f"{ROOT}/ad_accounts/44"


# -- get -------------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["get", "cat"])
@pytest.mark.parametrize("group", GROUPS)
def test_get_sends_path_and_bearer_and_prints_the_object(run_cli, mocked_api, group: str, verb: str) -> None:
    args, url, _object_id = get_case(group)
    body = {"id": "x", "name": "thing"}
    mocked_api.get(url, json=body, headers=RID)
    result = run_cli("pinterest", group, verb, *args)
    assert result.code == 0, result.stderr
    assert result.json() == body
    assert len(mocked_api.calls) == 1
    call = mocked_api.calls[0]
    assert call.request.url == url  # no query string at all
    assert call.request.headers["Authorization"] == "Bearer test-access-token"


@pytest.mark.parametrize("group", GROUPS)
def test_get_envelope_meta(run_cli, mocked_api, group: str) -> None:
    args, url, object_id = get_case(group)
    mocked_api.get(url, json={"id": object_id}, headers=RID)
    result = run_cli("pinterest", group, "get", *args, "--envelope")
    assert result.code == 0, result.stderr
    out = result.json()
    template = "/ad_accounts/{ad_account_id}"
    if group != "ad-accounts":
        path, flag = SCOPED[group]
        template += f"/{path}/{{{flag[2:].replace('-', '_')}}}"
    assert out["meta"] == {"provider": "pinterest", "api_version": "v5", "endpoint": f"GET /v5{template}",
                           "object_id": object_id, "request_id": "rid-123"}
    assert out["data"] == {"id": object_id}


@pytest.mark.parametrize("group", GROUPS)
def test_list_envelope_meta(run_cli, mocked_api, group: str) -> None:
    mocked_api.get(list_url(group), json={"items": [{"id": "1"}], "bookmark": None}, headers=RID)
    result = run_cli(*list_args(group, "--envelope"))
    assert result.code == 0, result.stderr
    meta = result.json()["meta"]
    template = list_url(group).replace(ROOT, "/v5").replace(ACCOUNT, "{ad_account_id}")
    assert meta == {"provider": "pinterest", "api_version": "v5", "endpoint": f"GET {template}",
                    "request_id": "rid-123"}


def test_get_rejects_non_numeric_id_before_sending(run_cli, mocked_api) -> None:
    result = run_cli("pinterest", "ads", "get", "--ad-account-id", ACCOUNT, "--ad-id", "../campaigns")
    assert result.code == 2
    assert "--ad-id" in result.error()["message"]
    assert len(mocked_api.calls) == 0


def test_get_requires_the_object_id(run_cli, mocked_api) -> None:
    result = run_cli("pinterest", "campaigns", "get", "--ad-account-id", ACCOUNT)
    assert result.code == 2
    assert "--campaign-id" in result.error()["message"]
    assert len(mocked_api.calls) == 0


# -- API errors ------------------------------------------------------------------------


NOT_FOUND = {"code": 2908, "message": "Campaign not found."}
NOT_FOUND_HEADERS = {"x-pinterest-rid": "rid-404"}


@pytest.mark.parametrize("group", GROUPS)
def test_get_404_exits_6_with_details_and_empty_stdout(run_cli, mocked_api, group: str) -> None:
    args, url, _object_id = get_case(group)
    mocked_api.get(url, status=404, json=NOT_FOUND, headers=NOT_FOUND_HEADERS)
    result = run_cli("pinterest", group, "get", *args)
    assert result.code == 6
    assert result.stdout == ""
    error = result.error()
    assert error["message"].startswith("Campaign not found. (looked up --ad-account-id ")
    assert {key: error[key] for key in ("type", "provider", "http_status", "code", "request_id")} == {
        "type": "api", "provider": "pinterest", "http_status": 404, "code": 2908, "request_id": "rid-404"}
    assert len(mocked_api.calls) == 1  # a 404 is final: no retry


@pytest.mark.parametrize("group", GROUPS)
def test_list_404_exits_6_with_empty_stdout(run_cli, mocked_api, group: str) -> None:
    mocked_api.get(list_url(group), status=404, json=NOT_FOUND, headers=NOT_FOUND_HEADERS)
    result = run_cli(*list_args(group, "--envelope"))
    assert result.code == 6
    assert result.stdout == ""
    error = result.error()
    assert (error["http_status"], error["code"], error["request_id"]) == (404, 2908, "rid-404")


def test_error_on_a_later_page_exits_6(run_cli, mocked_api) -> None:
    mocked_api.get(list_url("campaigns"), json={"items": [{"id": "1"}], "bookmark": "b2"})
    mocked_api.get(list_url("campaigns"), status=404, json=NOT_FOUND, headers=NOT_FOUND_HEADERS)
    result = run_cli(*list_args("campaigns", "--all"))
    assert result.code == 6
    assert result.error()["request_id"] == "rid-404"


# -- --sandbox and the base URL ----------------------------------------------------------


@pytest.fixture
def no_base_url(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """After run_cli has set its test base URL: the host then comes from the defaults."""
    monkeypatch.delenv("PINTEREST_ADS_API_BASE_URL", raising=False)


@pytest.mark.usefixtures("no_base_url")
def test_default_host_is_production(run_cli, mocked_api) -> None:
    mocked_api.get(list_url("campaigns", PRODUCTION_ROOT), json={"items": [], "bookmark": None})
    assert run_cli(*list_args("campaigns")).code == 0
    assert path_of(mocked_api.calls[0]) == list_url("campaigns", PRODUCTION_ROOT)


@pytest.mark.usefixtures("no_base_url")
@pytest.mark.parametrize("group", ["ad-accounts", "campaigns", "adgroups", "ads"])
def test_sandbox_flag_switches_the_default_host(run_cli, mocked_api, group: str) -> None:
    mocked_api.get(list_url(group, SANDBOX_ROOT), json={"items": [], "bookmark": None})
    result = run_cli(*list_args(group, "--sandbox"))
    assert result.code == 0, result.stderr
    assert path_of(mocked_api.calls[0]) == list_url(group, SANDBOX_ROOT)


@pytest.mark.usefixtures("no_base_url")
def test_sandbox_get_uses_the_sandbox_host(run_cli, mocked_api) -> None:
    mocked_api.get(f"{SANDBOX_ROOT}/ad_accounts/{ACCOUNT}/campaigns/5", json={"id": "5"})
    result = run_cli("pinterest", "campaigns", "get", "--ad-account-id", ACCOUNT, "--campaign-id", "5", "--sandbox")
    assert result.code == 0, result.stderr
    assert mocked_api.calls[0].request.url == f"{SANDBOX_ROOT}/ad_accounts/{ACCOUNT}/campaigns/5"


@pytest.mark.usefixtures("no_base_url")
def test_sandbox_from_env(run_cli, mocked_api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PINTEREST_ADS_SANDBOX", "true")
    mocked_api.get(list_url("ads", SANDBOX_ROOT), json={"items": [], "bookmark": None})
    assert run_cli(*list_args("ads")).code == 0
    assert path_of(mocked_api.calls[0]) == list_url("ads", SANDBOX_ROOT)


@pytest.mark.usefixtures("no_base_url")
def test_api_base_url_flag_wins_over_sandbox(run_cli, mocked_api) -> None:
    mocked_api.get(list_url("campaigns"), json={"items": [], "bookmark": None})
    result = run_cli(*list_args("campaigns", "--sandbox"), "--api-base-url", "https://api.test")
    assert result.code == 0, result.stderr
    assert path_of(mocked_api.calls[0]) == list_url("campaigns")


def test_base_url_env_wins_over_sandbox(run_cli, mocked_api) -> None:
    mocked_api.get(list_url("campaigns"), json={"items": [], "bookmark": None})
    assert run_cli(*list_args("campaigns", "--sandbox")).code == 0
    assert path_of(mocked_api.calls[0]) == list_url("campaigns")


@pytest.mark.usefixtures("no_base_url")
@pytest.mark.parametrize("argv", [["list"], ["get", "--audience-id", "7"]])
def test_audiences_are_refused_in_the_sandbox(run_cli, mocked_api, argv: list[str]) -> None:
    """The spec marks audiences x-sandbox: disabled; the sandbox host would refuse them."""
    result = run_cli("pinterest", "audiences", *argv, "--ad-account-id", ACCOUNT, "--sandbox")
    assert result.code == 2
    assert "sandbox" in result.error()["message"]
    assert len(mocked_api.calls) == 0
