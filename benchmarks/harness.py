"""What every benchmark shares: simulators in child processes, interleaved timing, peak RSS, results.

Numbers are only ever compared within one run: each benchmark times its contenders in
rounds (A, B, C, then B, C, A, ...), so a burst of load from elsewhere on the machine hits
them alike, and reports the ratio of medians. The spread (interquartile range over the
median) is kept with every timing so a reader can tell a real difference from noise.
Nothing here asserts: the numbers are for people; tests never time anything.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
AGENT_ADS = str(BIN / "agent-ads")
ACCOUNT = "549755885175"  # the simulator's first ad account
TOKEN = "demo-access-token"  # the simulator's default access token
SECRETS = f"demo-app-id\ndemo-app-secret\n{TOKEN}\ndemo-refresh-token\n"  # auth set --stdin order
FILE_BACKEND = "keyrings.alt.file.PlaintextKeyring"
NO_BACKEND = "keyring.backends.fail.Keyring"


@dataclass
class Line:
    """One printed result: a measured value, what it should be, and how it was obtained."""

    benchmark: str
    name: str
    value: float | None
    unit: str
    target: str = ""
    meets: bool | None = None
    detail: str = ""


@dataclass
class Report:
    lines: list[Line] = field(default_factory=list)

    def add(self, line: Line) -> Line:
        self.lines.append(line)
        shown = "-" if line.value is None else f"{line.value:,.{0 if line.value >= 1000 else 2}f} {line.unit}"
        verdict = {True: "ok", False: "MISSED", None: ""}[line.meets]
        print(f"  {line.name:<58} {shown:>14}  {line.target:<14} {verdict:<6} {line.detail}", flush=True)
        return line

    def skip(self, benchmark: str, name: str, reason: str) -> None:
        self.add(Line(benchmark, name, None, "", detail=f"skipped: {reason}"))

    def as_json(self) -> dict[str, Any]:
        return {
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "lines": [asdict(line) for line in self.lines],
        }


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one command, in seconds, and the CPU (user + system) each run used.

    Wall time is what the targets are about; CPU time barely moves when other processes
    compete for the cores, so it is shown beside it to tell slowness from a busy machine.
    """

    samples: tuple[float, ...]
    cpu: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def spread(self) -> float:
        """Interquartile range over the median: 0.05 means the middle half lies within ~5%."""
        if len(self.samples) < 4:
            return 0.0
        q1, _, q3 = statistics.quantiles(self.samples, n=4)
        return (q3 - q1) / self.median

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else 0.0

    def describe(self) -> str:
        return f"{self.median * 1000:.0f} ms ±{self.spread * 50:.0f}% (cpu {self.cpu_median * 1000:.0f} ms)"


@dataclass(frozen=True)
class Run:
    """A command to time: argv, environment, and optional stdin text."""

    argv: Sequence[str]
    env: Mapping[str, str]
    stdin: str | None = None


def run_once(run: Run) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, from rusage) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(run.argv, env=dict(run.env), input=run.stdin, text=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(run.argv)} exited {done.returncode}: {done.stderr.strip()[:500]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(runs: Mapping[str, Run], rounds: int, warmup: int = 1) -> dict[str, Timing]:
    """Time every command ``rounds`` times, rotating the order each round; warm-up runs are not kept."""
    names = list(runs)
    for _ in range(warmup):
        for name in names:
            run_once(runs[name])
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run_once(runs[name]))
    return {name: Timing(tuple(wall for wall, _ in values), tuple(cpu for _, cpu in values))
            for name, values in samples.items()}


def peak_rss_mb(run: Run) -> float:
    return timed_with_memory(run)[1]


def timed_with_memory(run: Run) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB, from wait4's rusage) of one child process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(run.argv, env=dict(run.env), stdout=subprocess.DEVNULL, stderr=stderr)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            stderr.seek(0)
            raise RuntimeError(f"{' '.join(run.argv)} exited {proc.returncode}: {stderr.read().decode()[:500]}")
    return elapsed, usage.ru_maxrss / 1024


@contextmanager
def simulator(*, campaigns: int = 300, latency: float = 0.0, report_polls: int = 2) -> Iterator[str]:
    """A simulator with one ad account in a child process; yields its base URL."""
    proc = subprocess.Popen([sys.executable, "-m", "agent_ads_pinterest_simulator", "--port", "0", "--accounts", "1",
                             "--campaigns", str(campaigns), "--latency", str(latency),
                             "--report-polls", str(report_polls)],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise RuntimeError("the simulator did not start")
        yield json.loads(line)["url"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def user_home() -> Iterator[dict[str, str]]:
    """A clean user: the caller's environment minus agent-ads settings, with private XDG directories."""
    with tempfile.TemporaryDirectory(prefix="agent-ads-bench-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PINTEREST_ADS_", "AGENT_ADS_"))}
        env.update({name: str(Path(home) / name.lower()) for name in
                    ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")})
        env["PYTHON_KEYRING_BACKEND"] = NO_BACKEND
        yield env


def env_token(env: Mapping[str, str], url: str) -> dict[str, str]:
    """Credentials and base URL from the environment: no credential store is opened."""
    return {**env, "PINTEREST_ADS_ACCESS_TOKEN": TOKEN, "PINTEREST_ADS_API_BASE_URL": url}


def stored_credentials(env: Mapping[str, str], url: str, backend: str | None) -> dict[str, str]:
    """The normal case after ``auth set``: secrets in a keyring, the base URL in the config file.

    ``backend`` names keyring's backend through ``PYTHON_KEYRING_BACKEND``; ``None`` leaves the
    choice to keyring's discovery, as on a desktop. ``env`` must come from its own
    :func:`user_home`, since the config file is written there.
    """
    config = Path(env["XDG_CONFIG_HOME"]) / "agent-ads" / "config.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"providers": {"pinterest": {"api_base_url": url}}}))
    stored = {k: v for k, v in env.items() if k != "PYTHON_KEYRING_BACKEND"}
    if backend is not None:
        stored["PYTHON_KEYRING_BACKEND"] = backend
    run_once(Run([AGENT_ADS, "pinterest", "auth", "set", "--stdin"], stored, stdin=SECRETS))
    return stored


def ratio_line(benchmark: str, name: str, timings: Mapping[str, Timing], subject: str, baseline: str,
               limit: float, *, at_least: bool = False) -> Line:
    """A ratio of two medians from the same run, with both medians and their spread as detail."""
    ratio = timings[subject].median / timings[baseline].median
    cpu_ratio = timings[subject].cpu_median / (timings[baseline].cpu_median or 1e-9)
    if at_least:
        ratio, cpu_ratio = 1 / ratio, 1 / (cpu_ratio or 1e-9)
    meets = ratio >= limit if at_least else ratio <= limit
    return Line(benchmark, name, ratio, "x", f"{'>=' if at_least else '<='} {limit:g}x", meets,
                f"cpu ratio {cpu_ratio:.2f}x; {subject} {timings[subject].describe()}, "
                f"{baseline} {timings[baseline].describe()}")


def main(*suites: Callable[[Report, int], None], results: Path | None = None) -> int:
    """Run benchmark suites in turn, print one line per result, optionally write them as JSON.

    A suite that fails prints why and the others still run; the exit status is 0 either way,
    since missed targets and skipped comparisons are findings, not failures of the tool.
    """
    parser = argparse.ArgumentParser(description="agent-ads benchmarks (ratios from one run; nothing asserts)")
    parser.add_argument("--rounds", type=int, default=10, help="timed runs per command (default 10)")
    parser.add_argument("--json", type=Path, default=results, help="also write the results here as JSON")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    report = Report()
    started = time.perf_counter()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{load:.1f}' for load in os.getloadavg())}; medians of {args.rounds} interleaved rounds")
    for suite in suites:
        benchmark = getattr(sys.modules[suite.__module__], "NAME", suite.__module__)
        print(f"\n{benchmark}", flush=True)
        try:
            suite(report, args.rounds)
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            report.add(Line(benchmark, "(benchmark failed)", None, "", detail=f"{type(exc).__name__}: {exc}"))
    missed = [line.name for line in report.lines if line.meets is False]
    print(f"\n{len(report.lines)} results in {time.perf_counter() - started:.0f} s; "
          f"targets missed: {', '.join(missed) if missed else 'none'}")
    if args.json:
        args.json.write_text(json.dumps(report.as_json(), indent=2) + "\n")
        print(f"written to {args.json}")
    return 0
