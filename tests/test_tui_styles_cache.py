"""The parsed-styles cache: a second start reads what the first parsed, and styles the
app exactly as parsing would; anything wrong with the cache only costs a parse."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from textual.css import stylesheet as stylesheet_module
from textual.css.stylesheet import Stylesheet
from textual.layout import Layout
from tui_helpers import LIBRARY, make_app, private_home, run_async  # noqa: F401

from ipt_roleplay.tui import styles_cache

OPEN = LIBRARY / "late-dinner.yaml"


class CountingParses:
    """Counts Textual's own parses (the cache's misses): of CSS, and of styles in text."""

    def __init__(self, monkeypatch) -> None:
        self.calls: list[tuple] = []  # where each piece of CSS came from
        self.pieces: set[tuple] = set()  # each distinct parse: the CSS, where, and how
        self.inline: list[str] = []
        parse = Stylesheet._parse_rules
        parse_style = stylesheet_module.parse_style

        def counted(stylesheet, css, read_from, *args, **kwargs):
            self.calls.append(read_from)
            self.pieces.add((css, read_from, args, tuple(sorted(kwargs.items()))))
            return parse(stylesheet, css, read_from, *args, **kwargs)

        def counted_style(text, *args, **kwargs):
            self.inline.append(text)
            return parse_style(text, *args, **kwargs)

        monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
        monkeypatch.setattr(stylesheet_module, "parse_style", counted_style)


def comparable(value):
    # A layout is an object made afresh by each parse, equal to another only as itself.
    return type(value).__name__ if isinstance(value, Layout) else value


async def styled_app(**kwargs):
    """Start the app on a file, draw its first screen, and return what styled it: every
    rule set (its selectors and declarations) and the screen as drawn."""
    app = make_app(open_file=OPEN, **kwargs)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.stylesheet, styles_cache.CachedStylesheet)
        rules = [
            (
                [selectors.css for selectors in rule.selector_set],
                sorted((name, comparable(value)) for name, value in rule.styles.get_rules().items()),
                rule.is_default_rules,
                rule.tie_breaker,
            )
            for rule in app.stylesheet.rules
        ]
        drawn = app.export_screenshot()
        inline_entry = app.stylesheet._entry_path(styles_cache._INLINE_KEY)
    return rules, drawn, inline_entry


@run_async
async def test_a_second_start_reads_the_cache_and_styles_the_same(monkeypatch, private_home):  # noqa: F811
    parses = CountingParses(monkeypatch)
    first = await styled_app()
    assert any(str(where[0]).endswith("app.tcss") for where in parses.calls)
    assert "$foreground-muted" in parses.inline  # the intro's muted text
    entries = list(styles_cache.folder().glob("*.pickle"))
    # One per piece of CSS (a class's default CSS is parsed once for each depth it is
    # inherited at: its rules' tie-breaker differs), and one for the inline styles.
    assert len(entries) == len(parses.pieces) + 1

    parses.calls.clear()
    parses.inline.clear()
    second = await styled_app()
    assert parses.calls == [] and parses.inline == []  # nothing parsed: all from the cache
    assert second[:2] == first[:2]


@run_async
async def test_an_unreadable_entry_is_parsed_afresh_and_replaced(monkeypatch, private_home):  # noqa: F811
    first = await styled_app()
    inline_entry = first[2]
    entries = sorted(set(styles_cache.folder().glob("*.pickle")) - {inline_entry})
    for entry in entries[::2]:
        entry.write_bytes(b"not a pickle")
    entries[1].write_bytes(b"\x80\x05N.")  # a pickle, of None rather than rules
    inline_entry.write_bytes(b"\x80\x05N.")

    parses = CountingParses(monkeypatch)
    second = await styled_app()
    assert len(parses.calls) == len(entries[::2]) + 1
    assert "$foreground-muted" in parses.inline
    assert second[:2] == first[:2]

    parses.calls.clear()
    parses.inline.clear()
    await styled_app()
    assert parses.calls == [] and parses.inline == []  # the bad entries were replaced


def test_the_variables_are_part_of_the_key(private_home):  # noqa: F811
    # The theme's colours are written into the rules as they are parsed.
    key = ("Screen { background: $background; }", ("test", ""), False, 0, "")
    dark = styles_cache.CachedStylesheet(variables={"background": "#1c2024"})
    again = styles_cache.CachedStylesheet(variables={"background": "#1c2024"})
    light = styles_cache.CachedStylesheet(variables={"background": "#f6f4ef"})
    assert dark._entry_path(key) == again._entry_path(key)
    assert light._entry_path(key) != dark._entry_path(key)
    assert dark._entry_path(key) != dark._entry_path((*key[:4], "Screen"))  # and the scope

    light.add_source(key[0], key[1])
    light.parse()
    dark.add_source(key[0], key[1])
    dark.parse()
    assert "#F6F4EF" in light.css.upper() and "#1C2024" in dark.css.upper()


def test_css_with_errors_is_not_kept(private_home):  # noqa: F811
    sheet = styles_cache.CachedStylesheet(variables={})
    sheet.add_source("Screen { colour: red; }", ("test", "broken"))
    try:
        sheet.parse()
    except Exception:
        pass
    else:
        raise AssertionError("the broken CSS should not have parsed")
    assert not styles_cache.folder().exists() or not list(styles_cache.folder().glob("*.pickle"))


@run_async
async def test_entries_are_private(private_home):  # noqa: F811
    await styled_app()
    folder = styles_cache.folder()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    for entry in folder.glob("*.pickle"):
        assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600


@run_async
async def test_an_entry_others_may_write_is_not_read(monkeypatch, private_home):  # noqa: F811
    # A pickle can run code: an entry that another account could have written is parsed
    # afresh instead of being read (and is replaced by this user's own).
    first = await styled_app()
    entries = sorted(set(styles_cache.folder().glob("*.pickle")) - {first[2]})
    entries[0].chmod(0o666)
    parses = CountingParses(monkeypatch)
    second = await styled_app()
    assert len(parses.calls) == 1
    assert second[:2] == first[:2]
    assert stat.S_IMODE(os.stat(entries[0]).st_mode) == 0o600


def test_a_change_to_textuals_stylesheet_code_misses_the_cache(tmp_path, monkeypatch, private_home):  # noqa: F811
    # An upgraded Textual may parse differently or build other objects: its stylesheet
    # code is part of every key, so entries from the old version are never read.
    import shutil
    import types

    import textual

    root = tmp_path / "textual"
    shutil.copytree(Path(textual.__file__).parent, root, ignore=shutil.ignore_patterns("__pycache__", "widgets"))
    monkeypatch.setattr(styles_cache, "textual", types.SimpleNamespace(__file__=str(root / "__init__.py")))
    key = ("Screen { color: red; }", ("test", ""), False, 0, "")
    sheet = styles_cache.CachedStylesheet(variables={})
    styles_cache._code_salt.cache_clear()
    before = sheet._entry_path(key)
    styles_cache._code_salt.cache_clear()
    assert sheet._entry_path(key) == before  # the same code: the same key
    (root / "css" / "parse.py").write_text((root / "css" / "parse.py").read_text() + "\n# changed\n")
    styles_cache._code_salt.cache_clear()
    after = sheet._entry_path(key)
    styles_cache._code_salt.cache_clear()
    assert after != before


def test_a_textual_whose_stylesheet_changed_keeps_its_own_stylesheet():
    class Changed(Stylesheet):
        def _parse_rules(self, css, read_from, is_default_rules=False, scope="", strict=True):
            return super()._parse_rules(css, read_from, is_default_rules, 0, scope)

    unchanged = Stylesheet()
    assert type(styles_cache.CachedStylesheet.replacing(unchanged)) is styles_cache.CachedStylesheet
    changed = Changed()
    assert styles_cache.CachedStylesheet.replacing(changed) is changed
    del unchanged._parse_cache
    assert styles_cache.CachedStylesheet.replacing(unchanged) is unchanged
