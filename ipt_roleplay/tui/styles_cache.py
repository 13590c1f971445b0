"""Parsed styles kept on disk, so the app does not parse the same stylesheets at every start.

Textual parses the app's stylesheet (app.tcss, 6 KB) and the default CSS of each widget
class as the first screens are built: about 15 ms of CPU on the way to the first
conversation, and the same every time. What a parse gives (a list of Textual `RuleSet`s:
selectors and declared values, no widgets) is plain data, so it is kept in the person's
cache folder, one file per piece of CSS, and read back in a fraction of the time. The
styles written in text ("bold $primary" in a `Content`) are kept too, all in one file:
parsing the first of them made Textual tokenize every variable of the theme.

The key is a hash of everything the parse depends on: the CSS text, where it was read
from, its kind and scope, the theme's variables (substituted while parsing), the Python
version and Textual's stylesheet code (each file's size and modification time, so an
upgrade of Textual misses the cache). Only CSS without errors is kept; an entry that
cannot be read is parsed afresh and replaced, so the cache can never change how the app
looks. Entries are pickles, which can run code, so one is read only when this user owns
it and no one else may write it (the folder is the person's own, 0700, entries 0600).
Changing the theme, or reloading CSS while developing, parses as Textual always does.
"""

from __future__ import annotations

import inspect
import os
import pickle
import stat
import sys
from functools import lru_cache
from pathlib import Path

import textual
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.style import Style

from ipt_roleplay.store import paths
from ipt_roleplay.store.digest import blake2b

# The modules whose classes a parse builds (and whose code decides what it builds).
_TEXTUAL_SOURCES = ("css", "layouts", "color.py", "geometry.py", "_border.py", "style.py", "markup.py")
# The key of the one entry that holds every inline style parsed under a theme.
_INLINE_KEY = ("inline styles",)


@lru_cache(maxsize=1)
def _code_salt() -> bytes:
    digest = blake2b(sys.version.encode(), digest_size=16)
    root = Path(textual.__file__).parent
    for name in _TEXTUAL_SOURCES:
        path = root / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            info = file.stat()
            digest.update(f"{file}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.digest()


def folder() -> Path:
    return paths.cache_dir() / "styles"


def _load(entry_path: Path) -> object:
    """What an entry holds. Only a file this user wrote, that no one else may write, is
    read: a pickle can run code, so one put there by another account is refused (raises)."""
    with open(entry_path, "rb") as handle:
        status = os.fstat(handle.fileno())
        if status.st_uid != os.getuid() or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            raise PermissionError(f"{entry_path} is not this user's own")
        return pickle.loads(handle.read())


# The private parts of Textual's Stylesheet this module relies on, as in Textual 8.2 (the
# lock pins it; `.ci/latest` tries the newest).
_PARSE_PARAMETERS = ("self", "css", "read_from", "is_default_rules", "tie_breaker", "scope")
_PRIVATE_STATE = ("_variables", "_parse_cache", "_style_parse_cache", "source")


def fits(stylesheet: Stylesheet) -> bool:
    """Whether ``stylesheet`` has the private methods and state the class below overrides
    and uses, so a Textual that changed them gets its own stylesheet, not a broken one."""
    code = getattr(getattr(type(stylesheet), "_parse_rules", None), "__code__", None)
    if code is None or not callable(getattr(stylesheet, "parse_style", None)):
        return False
    named = code.co_varnames[: code.co_argcount]
    passes_on = bool(code.co_flags & inspect.CO_VARARGS)  # a wrapper (as tests use)
    return (named == _PARSE_PARAMETERS or passes_on) and all(
        hasattr(stylesheet, name) for name in _PRIVATE_STATE
    )


class CachedStylesheet(Stylesheet):
    """Textual's `Stylesheet`, reading each parse from the cache when it was made before."""

    _variables_digest: tuple[dict[str, str], bytes] | None = None
    # The inline styles known under the current variables (as in the cache), by text.
    _inline: tuple[dict[str, str], dict[str, Style]] | None = None

    @classmethod
    def replacing(cls, stylesheet: Stylesheet) -> Stylesheet:
        """The same stylesheet (variables and sources), parsing through the cache; or
        ``stylesheet`` itself, untouched, under a Textual whose stylesheet is not the one
        this class extends (it overrides private methods: slower then, never broken)."""
        if not fits(stylesheet):
            return stylesheet
        cached = cls(variables=stylesheet._variables)
        cached.source = stylesheet.source.copy()
        return cached

    def _entry_path(self, key: tuple) -> Path:
        variables = self._variables
        if self._variables_digest is None or self._variables_digest[0] is not variables:
            self._variables_digest = (
                variables,
                blake2b(repr(sorted(variables.items())).encode(), digest_size=16).digest(),
            )
        digest = blake2b(repr(key).encode(), digest_size=20, key=_code_salt())
        digest.update(self._variables_digest[1])
        return folder() / f"{digest.hexdigest()}.pickle"

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope)
        if key in self._parse_cache:
            return self._parse_cache[key]
        entry_path = self._entry_path(key)
        try:
            rules = _load(entry_path)
            if not (isinstance(rules, list) and all(isinstance(rule, RuleSet) for rule in rules)):
                raise TypeError("not a list of rule sets")
        except Exception:  # missing, unreadable, or from other code: parse it, and keep that
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                paths.write_cache(entry_path, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))
            return rules
        self._parse_cache[key] = rules
        return rules

    def parse_style(self, style_text: str | Style) -> Style:
        """Textual's `parse_style` (the styles in text, such as "bold $primary"), served from
        the cache: parsing the first of them tokenizes every theme variable, and the
        first frames use a dozen."""
        if isinstance(style_text, Style) or style_text in self._style_parse_cache:
            return super().parse_style(style_text)
        known = self._inline_styles()
        style = known.get(style_text)
        if style is None:
            style = super().parse_style(style_text)
            known[style_text] = style
            paths.write_cache(self._entry_path(_INLINE_KEY), pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL))
        else:
            self._style_parse_cache[style_text] = style
        return style

    def _inline_styles(self) -> dict[str, Style]:
        if self._inline is None or self._inline[0] is not self._variables:
            try:
                known = _load(self._entry_path(_INLINE_KEY))
                if not (isinstance(known, dict) and all(isinstance(style, Style) for style in known.values())):
                    raise TypeError("not a table of styles")
            except Exception:  # missing, unreadable, or from other code: start afresh
                known = {}
            self._inline = (self._variables, known)
        return self._inline[1]
