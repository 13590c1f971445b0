"""Where the data lives, and that only this user can read it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from store_helpers import load_store_scenario

from ipt_roleplay.store import paths
from ipt_roleplay.store.history import History


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_env_var_moves_everything(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path / "portable"))
    assert paths.data_dir() == tmp_path / "portable"
    assert paths.db_path() == tmp_path / "portable" / paths.DB_NAME
    assert paths.exports_dir() == tmp_path / "portable" / "exports"
    assert paths.scenarios_dir() == tmp_path / "portable" / "scenarios"
    assert paths.cache_dir() == tmp_path / "portable" / "cache"


def test_default_is_the_platform_user_data_dir(monkeypatch):
    import platformdirs

    monkeypatch.delenv(paths.HOME_ENV, raising=False)
    assert str(paths.data_dir()) == platformdirs.user_data_dir("ipt-roleplay", appauthor=False)
    assert str(paths.cache_dir()) == platformdirs.user_cache_dir("ipt-roleplay", appauthor=False)


def test_data_dir_is_0700_and_database_files_0600_even_with_a_loose_umask(monkeypatch, tmp_path):
    home = tmp_path / "home"
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    old = os.umask(0o000)
    try:
        history = History.open()
        history.start_session(load_store_scenario())
        files = sorted(home.iterdir())
        # While open in WAL mode the -wal and -shm files exist; they hold transcripts too.
        assert {f.name for f in files} >= {paths.DB_NAME, f"{paths.DB_NAME}-wal", f"{paths.DB_NAME}-shm"}
        assert mode(home) == 0o700
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        history.close()
    finally:
        os.umask(old)


def test_an_existing_loose_database_is_tightened(tmp_path):
    db = tmp_path / "history.sqlite3"
    db.touch()
    os.chmod(db, 0o644)
    History.open(db).close()
    assert mode(db) == 0o600


def test_write_private_is_0600_even_over_an_existing_file(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old")
    os.chmod(target, 0o644)
    paths.write_private(target, "new words")
    assert target.read_text() == "new words" and mode(target) == 0o600


def test_store_never_imports_textual_or_network_modules():
    code = (
        "import sys\n"
        "import ipt_roleplay.store.history, ipt_roleplay.store.recorder, ipt_roleplay.store.resume\n"
        "import ipt_roleplay.store.progress, ipt_roleplay.store.report, ipt_roleplay.store.tables\n"
        "bad = [m for m in ('textual', 'socket', 'urllib.request', 'http.client', 'ssl') if m in sys.modules]\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_scenario_cache_default_limit_matches_the_loader():
    from ipt_roleplay.scenario import loader
    from ipt_roleplay.store import scenario_cache

    assert scenario_cache.MAX_BYTES == loader.MAX_BYTES


def test_in_a_programme_each_persons_saved_reports_are_kept_apart(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    monkeypatch.setenv(paths.USER_ENV, "ana")
    assert paths.exports_dir() == tmp_path / "exports" / "ana"
