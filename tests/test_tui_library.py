"""Scenario discovery for the picker (ipt_roleplay.catalog, over ipt_roleplay.scenario.library)."""

from __future__ import annotations

import shutil

import pytest
from tui_helpers import BROKEN, LIBRARY, private_home  # noqa: F401

from ipt_roleplay import catalog
from ipt_roleplay.cli import main
from ipt_roleplay.scenario import library


def test_lists_bundled_then_yours_then_extra_folders(private_home):
    yours = private_home / "scenarios"
    yours.mkdir(parents=True)
    shutil.copy(LIBRARY / "late-dinner.yaml", yours / "mine.yaml")
    entries = catalog.discover([LIBRARY, BROKEN])
    origins = [e.origin for e in entries]
    assert origins == sorted(origins, key=["bundled", "yours", "folder"].index)
    assert "bundled" in origins
    assert [e.name for e in entries if e.origin == "yours"] == [str(yours / "mine.yaml")]
    assert all(e.ok for e in entries if e.origin == "bundled")


def test_a_broken_file_is_listed_with_file_line_col_message():
    (entry,) = catalog.discover([BROKEN], bundled=False, yours=False)
    assert not entry.ok and entry.scenario is None
    assert entry.first_error.startswith(f"{BROKEN / 'broken.yaml'}:15:15: ")
    assert "error:" not in entry.first_error  # file:line:col: message, as the picker shows it


def test_a_folder_given_twice_is_read_once():
    entries = catalog.discover([LIBRARY, LIBRARY / "."], bundled=False, yours=False)
    assert len(entries) == 1


def test_a_missing_folder_lists_nothing_rather_than_failing(tmp_path):
    assert catalog.discover([tmp_path / "nowhere"], bundled=False, yours=False) == []


def test_length_is_labelled_honestly():
    (entry,) = catalog.discover([LIBRARY], bundled=False, yours=False)
    assert entry.shortest == 1  # "Whatever." ends it at once
    assert entry.typical is not None and entry.typical >= entry.shortest
    label = library.length_label(entry)
    assert f"shortest {entry.shortest}" in label or label == "1 reply"


def test_filters_keep_broken_files():
    entries = catalog.discover([LIBRARY, BROKEN], bundled=False, yours=False)
    shown = library.filter_entries(entries, problem_area="grief")
    assert [e.ok for e in shown] == [False]
    shown = library.filter_entries(entries, role="client")
    assert len(shown) == 2


@pytest.mark.parametrize("argv", [["--scenarios", "/no/such/folder"]])
def test_the_app_command_refuses_a_missing_folder(argv, capsys):
    assert main(argv) == 2
    assert "there is no folder there" in capsys.readouterr().err
