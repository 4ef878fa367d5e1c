"""SIGTERM and SIGHUP end a run the way Ctrl-C does: cleanly, with one ``interrupted`` error.

Python turns SIGINT into ``KeyboardInterrupt`` but dies silently on SIGTERM/SIGHUP, which
skips every ``finally``: a half-written ``--output`` temp file would stay behind. Here
both raise :class:`Terminated`, a ``BaseException`` like ``KeyboardInterrupt``, so the
same cleanup runs and the app reports exit 143. :func:`interrupted` turns either into the
error the user sees, with a resume hint where the caller knows one.
"""

from __future__ import annotations

import signal
from types import FrameType

from agent_ads_core.errors import Interrupted
from agent_ads_core.exit_codes import ExitCode

STOPS = (signal.SIGTERM, signal.SIGHUP)


class Terminated(BaseException):  # noqa: N818 - named like KeyboardInterrupt, its sibling
    """The process was asked to stop (SIGTERM, or SIGHUP when its terminal went away)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def install() -> None:
    """Route SIGTERM/SIGHUP into :class:`Terminated` (main thread only, as Python requires)."""
    for signum in STOPS:
        signal.signal(signum, _raise)


def interrupted(stop: BaseException, hint: str | None = None) -> Interrupted:
    """The error for a Ctrl-C (exit 130) or a SIGTERM/SIGHUP (exit 143)."""
    if isinstance(stop, Terminated):
        name = signal.Signals(stop.signum).name
        return Interrupted(f"terminated by {name}", hint=hint, exit_code=ExitCode.TERMINATED)
    return Interrupted("interrupted (Ctrl-C)", hint=hint)
