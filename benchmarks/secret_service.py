"""A throwaway Secret Service (gnome-keyring on a private D-Bus session bus) for the benchmarks.

Reading a secret from the desktop keyring is the normal case on a Linux workstation, so the
list benchmark measures it too when ``dbus-daemon`` and ``gnome-keyring-daemon`` exist
(``apt-get install gnome-keyring dbus``). Both daemons belong to this process and stop
with it; the keyring lives in the benchmark's temporary home, never the user's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

NEEDS = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon")


@contextmanager
def secret_service(env: Mapping[str, str]) -> Iterator[dict[str, str] | None]:
    """``env`` plus a running, unlocked Secret Service; ``None`` when the daemons are not installed."""
    if not all(shutil.which(name) for name in NEEDS):
        yield None
        return
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=dict(env))
    daemon = None
    try:
        address = bus.stdout.readline().strip()  # type: ignore[union-attr]
        session = {**env, "DBUS_SESSION_BUS_ADDRESS": address}
        os.makedirs(session["XDG_DATA_HOME"], exist_ok=True)
        daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=session)
        _unlock(daemon)
        yield session if _ready(session) else None
    finally:
        for proc in (daemon, bus):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)


def _unlock(daemon: subprocess.Popen) -> None:
    """gnome-keyring reads the login keyring's password from stdin, then needs stdin closed."""
    daemon.stdin.write(b"bench\n")  # type: ignore[union-attr]
    daemon.stdin.close()  # type: ignore[union-attr]


def _ready(session: Mapping[str, str], attempts: int = 50) -> bool:
    """Wait until the Secret Service answers on the bus (the daemon registers shortly after start)."""
    probe = ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"]
    for _ in range(attempts):
        done = subprocess.run(probe, env=dict(session), capture_output=True, text=True, check=False)
        if "boolean true" in done.stdout:
            return True
        time.sleep(0.1)
    return False
