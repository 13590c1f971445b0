"""Fixtures shared across the tests: the two store backends.

Every store test takes ``store_target`` (or ``store_env``) and so runs twice: against a
SQLite file, and against a fresh database in a throwaway PostgreSQL cluster that this
test session starts itself and stops at the end. Without PostgreSQL installed the
postgresql cases are skipped on a developer's machine, but fail under CI (CI=true), so a
CI machine that lost its PostgreSQL cannot pass by testing half the store.
"""

from __future__ import annotations

import os

import pytest
from pg_cluster import Cluster, ClusterUnavailable

from ipt_roleplay.store.backends import DATABASE_ENV

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_cluster():
    try:
        # fsync off: the tests kill the app, never the database server's machine.
        cluster = Cluster(fsync=False).start()
    except ClusterUnavailable as error:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI must test the PostgreSQL store: {error}")
        pytest.skip(str(error))
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_cluster.new_database()


@pytest.fixture(params=BACKENDS)
def store_target(request, tmp_path):
    """Where a test's store lives: a SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return tmp_path / "history.sqlite3"
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=BACKENDS)
def store_env(request, tmp_path, monkeypatch):
    """The store chosen the way a user chooses it: IPT_ROLEPLAY_HOME for SQLite, with
    IPT_ROLEPLAY_DATABASE_URL set too for PostgreSQL. Returns the data folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("IPT_ROLEPLAY_HOME", str(home))
    if request.param == "postgresql":
        monkeypatch.setenv(DATABASE_ENV, request.getfixturevalue("pg_url"))
    else:
        monkeypatch.setenv(DATABASE_ENV, "")  # recorded, so that teardown restores it
        monkeypatch.delenv(DATABASE_ENV)
    return home
