"""Shared fixtures: a migrated test database (SQLite or PostgreSQL) and no outside network.

``RISKBOT_TEST_DATABASE_URL`` picks the server: unset means a SQLite file in a temporary folder;
a ``postgresql+asyncpg://`` URL means a fresh database created on that server for this run and
dropped after it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import secrets
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.db import Database
from bot.migrate import upgrade

TABLES = (
    "delivery",
    "mute",
    "notice",
    "subscription",
    "destination",
    "event_source",
    "score_point",
    "country_state",
    "country_feed",
    "alert",
    "event",
    "signal",
    "item",
    "feed",
)

# --- no outside network -------------------------------------------------------------------------

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _is_local(host: Any) -> bool:
    if not isinstance(host, str):
        return True
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guard(address: Any) -> None:
    if isinstance(address, tuple) and not _is_local(address[0]):
        raise RuntimeError(f"test tried to reach {address[0]} outside 127.0.0.0/8")


def _connect(self: socket.socket, address: Any) -> None:
    _guard(address)
    _real_connect(self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _guard(address)
    return _real_connect_ex(self, address)


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if isinstance(host, bytes):
        host = host.decode()
    if host is not None and not _is_local(host):
        raise socket.gaierror(socket.EAI_NONAME, f"outside network is off in tests ({host})")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _getaddrinfo)


# --- database -----------------------------------------------------------------------------------


def _pg_admin(url: str, statement: str) -> None:
    async def go() -> None:
        engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(text(statement))
        finally:
            await engine.dispose()

    asyncio.run(go())


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, empty database for this test run."""
    base = os.environ.get("RISKBOT_TEST_DATABASE_URL", "").strip()
    if not base:
        path = tmp_path_factory.mktemp("db") / "riskbot-test.db"
        url = f"sqlite+aiosqlite:///{path}"
        asyncio.run(upgrade(url))
        yield url
        return
    parsed = make_url(base)
    # Create and drop through the maintenance database: the one named in the URL may not exist.
    admin = parsed.set(database="postgres").render_as_string(hide_password=False)
    name = f"riskbot_test_{os.getpid()}_{secrets.token_hex(3)}"
    _pg_admin(admin, f'CREATE DATABASE "{name}"')
    url = parsed.set(database=name).render_as_string(hide_password=False)
    try:
        asyncio.run(upgrade(url))
        yield url
    finally:
        _pg_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def is_postgres(database_url: str) -> bool:
    return database_url.startswith("postgresql")


@pytest.fixture(autouse=True)
def _pg_only(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("pg_only"):
        url = os.environ.get("RISKBOT_TEST_DATABASE_URL", "")
        if not url.startswith("postgresql"):
            pytest.skip("needs PostgreSQL (set RISKBOT_TEST_DATABASE_URL)")


async def _empty(db: Database) -> None:
    async with db.engine.begin() as conn:
        if db.is_postgres:
            await conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
        else:
            for table in TABLES:
                await conn.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """The test database, emptied before each test."""
    database = Database(database_url)
    await _empty(database)
    yield database
    await database.dispose()


@pytest.fixture
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


@pytest.fixture
def shared_dir(repo_root: Path) -> Path:
    """The team's shared folder beside the repository (others' data: read only, may be absent)."""
    return repo_root.parent / "shared"
