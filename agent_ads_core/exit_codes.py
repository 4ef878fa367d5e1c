"""Every exit status ``agent-ads`` can end with, in one place.

Agents branch on the exit status before they parse anything, so the numbers are a
contract: each exit path in the core returns one of these, and the README's table is
tested against this enum. A provider adds exactly one code of its own, the one its API
errors exit with (``ProviderInfo.api_error_exit_code``).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of the core; ``INTERNAL`` shares 1 with ``TRANSPORT`` (an alias)."""

    OK = 0
    TRANSPORT = 1  # the API could not be reached or did not answer in time
    INTERNAL = 1  # a bug or an unexpected state (an alias of TRANSPORT: same number)
    USAGE = 2  # a bad flag, value, path, config or missing credentials: nothing was sent
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    BROKEN_PIPE = 141  # the reader of stdout went away (128 + SIGPIPE)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM); a SIGHUP (terminal gone) ends the same way

    @classmethod
    def meanings(cls) -> dict[int, str]:
        """Number -> what it means, as the README's table and ``--help`` state it."""
        return {
            cls.OK: "ok",
            cls.TRANSPORT: "transport or internal error (network, timeout, bug)",
            cls.USAGE: "config or argument error (bad flag, unknown command, missing credentials, invalid config)",
            cls.INTERRUPTED: "interrupted (Ctrl-C)",
            cls.BROKEN_PIPE: "stdout closed by its reader (e.g. `| head`)",
            cls.TERMINATED: "terminated (SIGTERM or SIGHUP)",
        }
