"""Issue 9, "Done when": a seeded fuzz of the CLI against the Pinterest simulator.

Each of the ``BUDGET`` invocations is built from the real commands and flags, with each
value either valid or hostile (Unicode digits, NaN, path tricks, empty, huge, formulas),
global options sprinkled before or after, and the odd mistyped flag. The CLI runs in-process
(one registry, a fresh app per run) so the budget stays cheap. Every run must end with an
exit code of the contract, one JSON error line when it fails, no ``internal`` error, no
traceback; and the simulator must have seen nothing Pinterest's description rejects.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pytest
from cli_runner import CliRun, run_in_process

from agent_ads_core.plugins import Registry

SEED = 20240909
BUDGET = 320
ACCOUNT = "549755885175"
ALLOWED_EXIT_CODES = {0, 1, 2, 6, 130, 143}
TODAY = datetime.now(timezone.utc).date()
HOSTILE = ["", " ", "١٢٣", "１２", "12\n", "nan", "inf", "-1", "0", "1e400", "v5/../../x", "../../etc/passwd",
           "%2F..%2F", "=HYPERLINK(\"x\")", "💥", "a" * 300, "null", "{}", "[1]", "--all", "-", "ad_account",
           "asc", "age", "CSV", "9" * 40, "2024-02-30", "tomorrow"]


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def grammar(ids: dict[str, str]) -> dict[str, dict[str, list[str]]]:
    """command -> flag -> plausible values (a flag with [] takes no value)."""
    ids_of = {"--campaign-id": [ids["campaign"], f"{ids['campaign']},1"], "--ad-group-id": [ids["ad_group"]],
              "--ad-id": [ids["ad"]]}
    paging = {"--page-size": ["25", "250", "251"], "--all": [], "--max-items": ["3", "0"],
              "--bookmark": ["not-a-bookmark"]}
    listing = {"--ad-account-id": [ACCOUNT], "--entity-status": ["ACTIVE", "paused,archived", "ACTIVEE"],
               "--order": ["ASCENDING", "descending", "asc"], **paging}
    dates = {"--start-date": [day(-10), day(-95), day(-3)], "--end-date": [day(-2), day(-9), day(3)]}
    analytics = {"--ad-account-id": [ACCOUNT], "--level": ["ad_account", "campaign", "ad_group", "ad", "advertiser"],
                 "--granularity": ["DAY", "total", "HOUR", "WEEKLY"],
                 "--columns": ["SPEND_IN_DOLLAR", "spend_in_dollar,IMPRESSION_1", "SPEND_IN_DOLAR"],
                 "--click-window-days": ["7", "3"], "--reporting-timezone": ["PINTEREST_TIME_ZONE"], **dates}
    return {
        "pinterest ad-accounts list": {**paging},
        "pinterest ad-accounts get": {"--ad-account-id": [ACCOUNT, "1"]},
        "pinterest campaigns list": {**listing, "--campaign-id": ids_of["--campaign-id"]},
        "pinterest campaigns get": {"--ad-account-id": [ACCOUNT], "--campaign-id": [ids["campaign"], "1"]},
        "pinterest adgroups list": {**listing, "--campaign-id": ids_of["--campaign-id"],
                                    "--ad-group-id": ids_of["--ad-group-id"]},
        "pinterest ads list": {**listing, **ids_of},
        "pinterest ads get": {"--ad-account-id": [ACCOUNT], "--ad-id": [ids["ad"]]},
        "pinterest audiences list": {"--ad-account-id": [ACCOUNT], **paging},
        "pinterest analytics query": {**analytics, **ids_of},
        "pinterest targeting-analytics query": {**analytics, "--targeting-type": ["AGE_BUCKET", "gender", "age"],
                                                "--ad-group-id": ids_of["--ad-group-id"]},
        "pinterest report-runs submit": {"--ad-account-id": [ACCOUNT], "--level": ["CAMPAIGN", "ad_account"],
                                         "--granularity": ["DAY"], "--columns": ["SPEND_IN_DOLLAR"],
                                         "--report-format": ["CSV", "json"], **dates},
        "pinterest report-runs status": {"--ad-account-id": [ACCOUNT], "--token": ["nope"]},
        "pinterest report-runs results": {"--ad-account-id": [ACCOUNT], "--token": ["nope"]},
        "pinterest enums list": {"--command": ["analytics query", "nope"], "--flag": ["level", "colums"]},
        "pinterest config show": {},
        "providers list": {},
    }


# The first two values of each are valid; the rest only appear in hostile runs.
GLOBALS = {"--format": ["jsonl", "CSV", "xml", "json"], "--pretty": [], "--envelope": [],
           "--include-meta": [], "--timeout-seconds": ["5", "10", "nan", "0"],
           "--api-version": ["v5", "v5", "V5", "v5/../x"],
           "--csv-safe": [], "-q": [], "--output": ["OUT", "-", "missing-dir/out.json", "."]}


# Flags every run passes (a run without them is only an argument error, which hostile runs cover).
REQUIRED = {"--ad-account-id", "--level", "--granularity", "--columns", "--start-date", "--end-date", "--token",
            "--targeting-type"}


def invocation(rng: random.Random, table: dict[str, dict[str, list[str]]], tmp: str) -> list[str]:
    """Half the runs are hostile (odd values, typos); the rest use the grammar's plausible values."""
    hostile = rng.random() < 0.5
    path = rng.choice(sorted(table))
    words = path.split()
    if hostile and rng.random() < 0.1:  # a mistyped command word
        words[-1] = words[-1][:-1] + "x"
    argv = list(words)
    flags = table[path]
    for flag in sorted(flags):
        if not (flag in REQUIRED or (path.endswith(" get") and flag.endswith("-id")) or rng.random() < 0.25):
            continue
        values = flags[flag]
        argv.append(flag[:-1] if hostile and rng.random() < 0.05 else flag)
        if values:
            argv.append(rng.choice(HOSTILE) if hostile and rng.random() < 0.3 else
                        rng.choice(values) if hostile or rng.random() < 0.3 else values[0])
    for flag in rng.sample(sorted(GLOBALS), k=rng.randint(0, 2)):
        choices = GLOBALS[flag] if hostile else GLOBALS[flag][:2]
        value = [rng.choice(choices).replace("OUT", f"{tmp}/out-{rng.randint(0, 3)}")] if choices else []
        position = rng.choice([0, len(argv)])
        argv[position:position] = [flag, *value]
    return argv


@pytest.fixture
def in_process(cli, simulator, monkeypatch):
    """Run argv in this process with the e2e environment (the simulator, demo credentials)."""
    for key, value in cli.env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(cli.tmp_path)
    registry = Registry().load()

    def run(argv: list[str]) -> CliRun:
        return run_in_process(argv, registry=registry)

    return run


def first_id(run, *argv: str) -> str:
    first = run([*argv, "--ad-account-id", ACCOUNT, "--page-size", "1"])
    assert first.code == 0, first.stderr
    return first.json()[0]["id"]


def test_fuzzed_invocations_keep_the_contract(in_process, simulator, tmp_path) -> None:
    ids = {"campaign": first_id(in_process, "pinterest", "campaigns", "list"),
           "ad_group": first_id(in_process, "pinterest", "adgroups", "list"),
           "ad": first_id(in_process, "pinterest", "ads", "list")}
    table = grammar(ids)
    rng = random.Random(SEED)
    codes: dict[int, int] = {}
    for _ in range(BUDGET):
        argv = invocation(rng, table, str(tmp_path))
        done = in_process(argv)
        code, out, err = done.code, done.stdout, done.stderr
        codes[code] = codes.get(code, 0) + 1
        context = f"agent-ads {' '.join(map(repr, argv))}\nexit {code}\nstderr: {err}"
        assert code in ALLOWED_EXIT_CODES, context
        assert "Traceback" not in err and "Traceback" not in out, context
        errors = [json.loads(line)["error"] for line in err.splitlines() if line.startswith('{"error"')]
        if code != 0:
            assert len(errors) == 1, context
            assert errors[0]["type"] != "internal", context
        for line in err.splitlines():
            assert line.startswith(("{", "agent-ads: ")), context  # JSON, or a progress line
    assert min(codes.get(0, 0), codes.get(2, 0), codes.get(6, 0)) > BUDGET // 40, codes  # every path exercised
    assert simulator.violations() == []


def test_enums_list_narrows_by_command_and_flag(cli) -> None:
    run = cli("pinterest", "enums", "list", "--command", "report-runs submit", "--flag", "level")
    assert run.code == 0 and [row["flag"] for row in run.json()] == ["--level"]
