"""The global options, defined once for both the parser and argv normalisation.

Agents put options wherever they like (``agent-ads <provider> campaigns list --format csv``),
so every global option is accepted before or after the command words: :func:`split_argv`
pulls them out of argv before the command's own parser sees the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agent_ads_core.validation import Choice, positive_seconds

if TYPE_CHECKING:
    import argparse

CHART_TYPES = ("line", "bar")


@dataclass(frozen=True)
class GlobalOption:
    flags: tuple[str, ...]
    kwargs: dict[str, Any]

    @property
    def takes_value(self) -> bool:
        return self.kwargs.get("action") not in ("store_true", "count", "store_const", "version")


def _opt(*flags: str, **kwargs: Any) -> GlobalOption:
    return GlobalOption(flags, kwargs)


GLOBAL_OPTIONS: tuple[GlobalOption, ...] = (
    _opt("--config", metavar="PATH", help="config file (default: $AGENT_ADS_CONFIG, ./agent-ads.config.json, "
         "then the user config dir)"),
    _opt("--api-base-url", metavar="URL", help="API base URL of the command's provider"),
    _opt("--api-version", metavar="VERSION", help="API version of the command's provider"),
    _opt("--timeout-seconds", metavar="SECONDS", type=positive_seconds,
         help="time allowed for each whole response (connect, headers and body)"),
    _opt("--max-concurrency", metavar="N", type=int,
         help="requests in flight at once (default 4, or max_concurrency in config; never more than the provider "
              "allows)"),
    _opt("--format", metavar="NAME", default=None,
         help="output format of data commands: json (default, or $AGENT_ADS_OUTPUT_FORMAT or output_format in "
              "config), jsonl, csv, table, chart or an installed formatter; any case"),
    _opt("--table-columns", metavar="A,B", help="--format table: the columns to show, in order (dot paths reach "
         "into objects)"),
    _opt("--chart-metric", metavar="A,B", help="--format chart: the metrics to plot (default: the first numeric one)"),
    _opt("--chart-type", type=Choice(CHART_TYPES), metavar="{line,bar}", default=None,
         help="--format chart: line or bar (default: line, or "
         "terminal.chart_type in config)"),
    _opt("--output", metavar="PATH", help="write data to PATH atomically ('-' = stdout)"),
    _opt("--csv-safe", action="store_true", default=None,
         help="in CSV, prefix values that start like a formula (= + - @) with ' (or AGENT_ADS_CSV_SAFE, csv_safe)"),
    _opt("--pretty", action="store_true", help="indent JSON output"),
    _opt("--envelope", action="store_true", help="wrap output as {data, meta, paging, warnings}"),
    _opt("--include-meta", action="store_true", help="also write {meta, paging} as one JSON line on stderr"),
    _opt("-q", "--quiet", action="store_true", help="no warnings or progress on stderr"),
    _opt("-v", "--verbose", action="count", default=0, dest="verbose",
         help="log HTTP requests on stderr (-vv: headers too, secrets redacted)"),
    _opt("--version", action="store_true", help="print the versions of the core and each provider"),
    _opt("-h", "--help", action="store_true", dest="help", help="show help (also after a command or group)"),
)

_BY_FLAG = {flag: opt for opt in GLOBAL_OPTIONS for flag in opt.flags}


def add_to_parser(parser: argparse.ArgumentParser) -> None:
    for opt in GLOBAL_OPTIONS:
        parser.add_argument(*opt.flags, **opt.kwargs)


def _lookup(token: str) -> tuple[GlobalOption | None, bool]:
    """Return the option a token names and whether its value is inline (``--x=1``)."""
    if token.startswith("--") and "=" in token:
        return _BY_FLAG.get(token.split("=", 1)[0]), True
    if token in _BY_FLAG:
        return _BY_FLAG[token], False
    if token.startswith("-") and not token.startswith("--") and len(token) > 2 and set(token[1:]) == {"v"}:
        return _BY_FLAG["-v"], False  # -vv
    return None, False


def split_argv(argv: list[str]) -> tuple[list[str], list[str]]:
    """Separate global options (wherever they stand) from the command words and their flags.

    Everything after a literal ``--`` belongs to the command. Splitting by hand rather
    than with ``parse_known_args`` keeps argparse from abbreviating or reordering.
    """
    globals_: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token == "--":
            rest.extend(argv[i + 1 :])
            break
        opt, inline = _lookup(token)
        if opt is None:
            rest.append(token)
        else:
            globals_.append(token)
            if opt.takes_value and not inline and i + 1 < len(argv):
                globals_.append(argv[i + 1])
                i += 1
        i += 1
    return globals_, rest
