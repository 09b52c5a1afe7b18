"""A throwaway PostgreSQL cluster for the test session.

``initdb`` and ``postgres`` refuse to run as root, so under root they run as the
``postgres`` (or ``nobody``) user. The cluster listens only on a unix socket in a temporary
folder, with fsync off. The postmaster is started as a child of the test process and asked
by the kernel (``PR_SET_PDEATHSIG``) to shut down when that process dies, so a killed pytest
leaves no server behind; the session's finalizer stops it in the ordinary case.
"""

from __future__ import annotations

import ctypes
import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PR_SET_PDEATHSIG = 1


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``postgres``, newest version first."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _server_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root, and there is no postgres or nobody user to run as")


def _as(user: pwd.struct_passwd | None, *, die_with_parent: bool) -> Callable[[], None]:
    def prepare() -> None:
        if user is not None:
            os.setgid(user.pw_gid)
            os.setgroups([])
            os.setuid(user.pw_uid)
        if die_with_parent:
            # After setuid: a change of credentials clears the death signal. SIGQUIT is
            # PostgreSQL's immediate shutdown, which also ends every backend.
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGQUIT)

    return prepare


class Cluster:
    """A running throwaway cluster; :attr:`dsn` connects to its ``postgres`` database.

    Tests run it with fsync off; ``durable=True`` keeps PostgreSQL's flushes on (for the
    benchmark, so that it compares with SQLite's durable commits)."""

    def __init__(self, binaries: Path, *, durable: bool = False) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="orderkit-pg-"))
        user = _server_user()
        if user is not None:
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        data = self.folder / "data"
        subprocess.run(
            [str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            check=True, capture_output=True, preexec_fn=_as(user, die_with_parent=False),
        )  # fmt: skip
        self.process = subprocess.Popen(
            [str(binaries / "postgres"), "-D", str(data), "-k", str(self.folder),
             "-c", "listen_addresses=", "-c", "max_connections=60",
             *([] if durable else ["-c", "fsync=off", "-c", "synchronous_commit=off",
                                   "-c", "full_page_writes=off"])],
            stdout=subprocess.DEVNULL, stderr=open(self.folder / "log", "wb"),  # noqa: SIM115
            preexec_fn=_as(user, die_with_parent=True),
        )  # fmt: skip
        self.dsn = f"host={self.folder} port=5432 dbname=postgres user=postgres"
        self._wait()

    def _wait(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                log = (self.folder / "log").read_text(errors="replace")
                raise RuntimeError(f"PostgreSQL did not start:\n{log}")
            try:
                psycopg.connect(self.dsn, connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
