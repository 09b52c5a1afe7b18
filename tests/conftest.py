import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import orderkit

from .pgserver import Cluster, find_binaries

# Bounded example counts keep `make test` within minutes on two cores; deadlines are off
# because shared machines are noisy and a slow example is not a wrong one.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True)
settings.register_profile(
    "dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# A real PostgreSQL server for the store tests: ORDERKIT_PG_DSN when set, otherwise a
# throwaway cluster started once per session. Without one the PostgreSQL tests skip, saying
# why — unless ORDERKIT_REQUIRE_PG=1 (CI), where they fail.


def _no_server(reason: str) -> None:
    if os.environ.get("ORDERKIT_REQUIRE_PG") == "1":
        pytest.fail(f"ORDERKIT_REQUIRE_PG=1 but {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


@pytest.fixture(scope="session")
def pg_dsn() -> Iterator[str]:
    """A connection string to a PostgreSQL database the tests may create schemas in."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _no_server("psycopg is not installed (pip install -e '.[dev,postgres]')")
    if dsn := os.environ.get("ORDERKIT_PG_DSN"):
        yield dsn
        return
    binaries = find_binaries()
    if binaries is None:
        _no_server(
            "no PostgreSQL binaries (initdb) found; `make test` installs them with apt as root, "
            "or set ORDERKIT_PG_DSN"
        )
        raise AssertionError  # unreachable: _no_server skips or fails
    try:
        cluster = Cluster(binaries)
    except Exception as exc:  # a server that cannot start is no server
        _no_server(f"the throwaway cluster did not start ({exc})")
        raise
    try:
        yield cluster.dsn
    finally:
        cluster.stop()


class StoreTarget:
    """Where a test's store lives, openable again by another process."""

    def __init__(self, kind: str, target: str, schema: str | None = None) -> None:
        self.kind, self.target, self.schema = kind, target, schema

    def open(self) -> orderkit.Store:
        if self.kind == "postgres":
            return orderkit.PostgresSink(self.target, schema=self.schema or "orderkit")
        return orderkit.SqliteSink(self.target)

    def argv(self) -> list[str]:
        """The arguments that name this store to the worker processes."""
        return [self.kind, self.target, self.schema or "-"]


@pytest.fixture
def pg_schema(pg_dsn: str) -> Iterator[str]:
    """A fresh PostgreSQL schema name, dropped after the test."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    yield schema
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> StoreTarget:
    """Each conformance test runs once on SQLite and once on PostgreSQL."""
    if request.param == "postgres":
        dsn = request.getfixturevalue("pg_dsn")
        return StoreTarget("postgres", dsn, request.getfixturevalue("pg_schema"))
    return StoreTarget("sqlite", str(tmp_path / "orders.db"))


@pytest.fixture
def store(store_target: StoreTarget) -> Iterator[orderkit.Store]:
    with store_target.open() as opened:
        yield opened


@pytest.fixture(scope="module")
def screen_every_count() -> Iterator[None]:
    """Screen records of any count (validate_records screens from SCREEN_FROM on), so that
    small generated inputs hold the screen to the engine."""
    from orderkit.engine import validate

    before = validate.SCREEN_FROM
    validate.SCREEN_FROM = 0  # type: ignore[misc]
    yield
    validate.SCREEN_FROM = before  # type: ignore[misc]
