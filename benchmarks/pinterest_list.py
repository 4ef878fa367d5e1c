"""``pinterest campaigns list`` against the bare minimum and against Pinterest's official SDK.

1. One page, as fresh processes (what an agent pays per call), interleaved: a bare
   ``python -c "import requests; requests.get(...)"`` of the same URL; agent-ads with the
   token in the environment; agent-ads after ``auth set`` with a file keyring (keyrings.alt,
   named by ``PYTHON_KEYRING_BACKEND``) and with the Secret Service (gnome-keyring, when
   installed, found by keyring's discovery as on a desktop); the SDK script.
2. ``--all --format jsonl`` over 10k campaigns: items per second, agent-ads vs the SDK paging
   the same simulator at the same page size.
3. Peak RSS of ``--all --format jsonl`` over 1k and 100k campaigns: streaming keeps it flat.

Run alone: ``.venv/bin/python benchmarks/pinterest_list.py [--rounds N]``; ``make bench`` runs all.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack

from harness import (
    ACCOUNT,
    AGENT_ADS,
    FILE_BACKEND,
    TOKEN,
    Line,
    Report,
    Run,
    env_token,
    interleaved,
    peak_rss_mb,
    ratio_line,
    simulator,
    stored_credentials,
    user_home,
)
from sdk_venv import SCRIPT, sdk_python
from secret_service import secret_service

NAME = "pinterest_list"
ALL_STATUSES = "ACTIVE,PAUSED,ARCHIVED"
ALL_ITEMS = 10_000
PAGE_SIZE = 250  # the API's maximum, used by both agent-ads --all and the SDK


def list_argv(*extra: str) -> list[str]:
    return [AGENT_ADS, "pinterest", "campaigns", "list", "--ad-account-id", ACCOUNT, *extra]


def one_page(report: Report, rounds: int) -> None:
    with simulator(campaigns=300) as url, ExitStack() as stack:
        home = stack.enter_context(user_home())
        target = f"{url}/v5/ad_accounts/{ACCOUNT}/campaigns"
        bare = [sys.executable, "-c",
                f"import requests; requests.get({target!r}, headers={{'Authorization': 'Bearer {TOKEN}'}}, timeout=30)"]
        runs = {
            "bare requests": Run(bare, home),
            "env token": Run(list_argv(), env_token(home, url)),
            "file keyring": Run(list_argv(), stored_credentials(stack.enter_context(user_home()), url, FILE_BACKEND)),
        }
        service = stack.enter_context(secret_service(stack.enter_context(user_home())))
        if service is not None:
            runs["Secret Service"] = Run(list_argv(), stored_credentials(service, url, None))  # found by discovery
        sdk, why_not = sdk_python()
        if sdk is not None:
            runs["SDK script"] = Run([str(sdk), str(SCRIPT), ACCOUNT], sdk_env(home, url))
        timings = interleaved(runs, rounds)
        report.add(ratio_line(NAME, "campaigns list, env token / bare requests", timings,
                              "env token", "bare requests", 1.25))
        report.add(ratio_line(NAME, "campaigns list, file keyring / bare requests", timings,
                              "file keyring", "bare requests", 1.3))
        if service is None:
            report.skip(NAME, "campaigns list, Secret Service / bare requests",
                        "needs dbus-daemon, dbus-send and gnome-keyring-daemon (apt-get install gnome-keyring dbus)")
        else:
            report.add(ratio_line(NAME, "campaigns list, Secret Service / bare requests", timings,
                                  "Secret Service", "bare requests", 1.3))
        if sdk is None:
            report.skip(NAME, "campaigns list, speed-up over the SDK script", why_not)
        else:
            report.add(ratio_line(NAME, "campaigns list, speed-up over the SDK script", timings,
                                  "env token", "SDK script", 4, at_least=True))


def sdk_env(env: dict[str, str], url: str) -> dict[str, str]:
    """The SDK's own settings: its host and token variables."""
    return {**env, "PINTEREST_API_URI": f"{url}/v5", "PINTEREST_ACCESS_TOKEN": TOKEN}


def all_items(report: Report, rounds: int) -> None:
    label = f"--all {ALL_ITEMS // 1000}k items/s, agent-ads / SDK"
    sdk, why_not = sdk_python()
    if sdk is None:
        report.skip(NAME, label, why_not)
        return
    with simulator(campaigns=ALL_ITEMS) as url, user_home() as home:
        runs = {
            "agent-ads": Run(list_argv("--all", "--format", "jsonl", "--page-size", str(PAGE_SIZE),
                                       "--entity-status", ALL_STATUSES), env_token(home, url)),
            "SDK": Run([str(sdk), str(SCRIPT), ACCOUNT, "--all", "--page-size", str(PAGE_SIZE),
                        "--entity-status", ALL_STATUSES], sdk_env(home, url)),
        }
        timings = interleaved(runs, rounds)
    line = ratio_line(NAME, label, timings, "agent-ads", "SDK", 2, at_least=True)
    rate = ALL_ITEMS / timings["agent-ads"].median
    line.detail = f"agent-ads {rate:,.0f} items/s, SDK {ALL_ITEMS / timings['SDK'].median:,.0f} items/s; " + line.detail
    report.add(line)


def memory(report: Report) -> None:
    peaks = {}
    for count in (1_000, 100_000):
        with simulator(campaigns=count) as url, user_home() as home:
            argv = list_argv("--all", "--format", "jsonl", "--entity-status", ALL_STATUSES)
            peaks[count] = peak_rss_mb(Run(argv, env_token(home, url)))
    growth = peaks[100_000] - peaks[1_000]
    report.add(Line(NAME, "peak RSS --all jsonl, 100k - 1k items", growth, "MB", "<= +10 MB", growth <= 10,
                    f"1k {peaks[1_000]:.1f} MB, 100k {peaks[100_000]:.1f} MB"))


def run(report: Report, rounds: int) -> None:
    one_page(report, rounds)
    all_items(report, max(3, rounds // 3))
    memory(report)


if __name__ == "__main__":
    from harness import main

    sys.exit(main(run))
