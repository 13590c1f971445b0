"""A throwaway PostgreSQL cluster for the tests and the load benchmark.

initdb + pg_ctl in a temporary folder, listening only on a Unix socket in that folder
(no TCP port, so parallel test workers never collide), run as an ordinary user because
PostgreSQL refuses to run as root: when we are root, as ``nobody``. Stopped and deleted
at the end. Needs Debian's ``postgresql`` package (or initdb on PATH).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "ipt"
RUN_AS_WHEN_ROOT = "nobody"


class ClusterUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed on this machine."""


def find_bindir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return Path(candidates[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise ClusterUnavailable(
        "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH); "
        "install it with: apt-get install -y postgresql"
    )


class Cluster:
    def __init__(self, *, max_connections: int = 50, fsync: bool = True) -> None:
        self.bindir = find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="ipt-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.log = self.root / "server.log"
        self.max_connections = max_connections
        self.fsync = fsync
        self._user: str | None = RUN_AS_WHEN_ROOT if os.geteuid() == 0 else None
        self._counter = 0

    def _run(self, *argv: str) -> None:
        result = subprocess.run(
            [str(self.bindir / argv[0]), *argv[1:]],
            user=self._user, capture_output=True, text=True, timeout=120, cwd=self.root,
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{argv[0]} failed: {result.stderr or result.stdout}\n{log}")

    def start(self) -> Cluster:
        if self._user is not None:
            entry = pwd.getpwnam(self._user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "-E", "UTF8", "--no-instructions", "--no-sync")
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' "
            f"-c max_connections={self.max_connections} -c fsync={'on' if self.fsync else 'off'}"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        return self

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{dbname}?host={quote(str(self.socket_dir), safe='')}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        self._counter += 1
        name = f"t{os.getpid()}_{self._counter}_{int(time.time() * 1000) % 100000}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
