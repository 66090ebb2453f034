"""A throwaway PostgreSQL server for tests: initdb into a temp dir, pg_ctl start on a free port, stop at the end.

Fixtures (import them into a test module: `from pg import pg_server, store_url  # noqa: F401`):
- `pg_server` (session): a running server; `pg_server.new_database()` → a SQLAlchemy URL of a fresh database;
- `store_url` (function): parametrised over "sqlite" and "postgresql", a URL of an empty store location;
- `module_store_url` (module): the same, one store per test module and backend.
One server serves the whole session, whichever modules import the fixture.
The PostgreSQL binaries come from the Debian `postgresql` package (scripts/setup-system.sh installs it). Without
them the fixture FAILS with that message: the PostgreSQL path must not go untested silently.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_USER = "postgres"  # the OS user the server runs as when the tests run as root (postgres refuses root)
# Not the tests' own zone (UTC here): PostgreSQL hands timestamps back in the server's zone, SQLite as stored, and
# a deployment in China runs its server on China time. Code that shows a stored time must not depend on either.
SERVER_TIMEZONE = "Asia/Shanghai"


def _bin(name: str) -> str | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):  # newest major version first
        if os.access(os.path.join(d, name), os.X_OK):
            return os.path.join(d, name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, root: Path) -> None:
        initdb, self.pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not self.pg_ctl:
            pytest.fail("PostgreSQL binaries (initdb, pg_ctl) not found: install the Debian package `postgresql` "
                        "(scripts/setup-system.sh does, as root)", pytrace=False)
        self.root, self.data, self.port = root, root / "data", _free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam(PG_USER)
            except KeyError:
                pytest.fail(f"running as root, but there is no OS user {PG_USER!r} to run PostgreSQL as",
                            pytrace=False)
            os.chown(root, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", PG_USER, "--"]
        self.user = PG_USER if self.as_user else pwd.getpwuid(os.geteuid()).pw_name
        self._run([initdb, "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8", "--no-sync"])
        self._run([self.pg_ctl, "-D", str(self.data), "-l", str(root / "log"), "-w", "-t", "60", "-o",
                   f"-p {self.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c timezone={SERVER_TIMEZONE}", "start"])
        self._names = itertools.count(1)

    def _run(self, cmd: list[str]) -> None:
        done = subprocess.run(self.as_user + cmd, capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = (self.root / "log").read_text() if (self.root / "log").exists() else ""
            pytest.fail(f"{Path(cmd[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}\n{log[-2000:]}",
                        pytrace=False)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"planscope_test_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={self.user} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, cwd=self.root)


# Each test module that imports `pg_server` registers its own copy of the fixture, and pytest caches each copy
# separately: without this shared slot every such module would start (and pay for) a server of its own.
class _Shared:
    server: PgServer | None = None
    users = 0


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    if _Shared.server is None:
        _Shared.server = PgServer(Path(tempfile.mkdtemp(prefix="planscope-pg-")))
    server = _Shared.server
    _Shared.users += 1
    try:
        yield server
    finally:
        _Shared.users -= 1
        if _Shared.users == 0:  # the last copy torn down (at the end of the session) stops the server
            _Shared.server = None
            server.stop()
            shutil.rmtree(server.root, ignore_errors=True)


def store_location(request: pytest.FixtureRequest, backend: str, directory: Path) -> str:
    """A URL of an empty store on `backend`: a SQLite file in `directory`, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{directory / 'store.db'}"
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Like `store_url`, but one store per test module and backend (the PostgreSQL server is the session's)."""
    return store_location(request, request.param, tmp_path_factory.mktemp(request.param))


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_location(request, request.param, tmp_path)
