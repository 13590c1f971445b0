"""Read scenario YAML strictly: one pass over the parser's events, checked against the
shape of the model, building plain dicts and lists and recording where every value is.

Why events and not `yaml.load` or `yaml.compose`:
- nothing is ever constructed from a tag, so `!!python/object/apply` cannot run code;
- the C composer recurses once per nesting level and crashes the process on input such
  as `[[[[...` 100,000 deep; the event stream does not, and we stop at `MAX_DEPTH`;
- an alias is an event, so a "billion laughs" file is refused without expanding it;
- duplicate keys are seen (PyYAML silently keeps the last one);
- libyaml makes the events in C and this walk does little per event, so reading a file
  costs less than a bare `yaml.load` of it.
"""

from __future__ import annotations

import difflib
import warnings
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.resolver import Resolver

from ipt_roleplay.scenario import rules, shape
from ipt_roleplay.scenario.findings import Finding, show
from ipt_roleplay.scenario.rules import MAX_DEPTH
from ipt_roleplay.scenario.shape import (
    BoolSpec,
    ConditionSpec,
    DictSpec,
    EnumSpec,
    IntSpec,
    ListSpec,
    StructSpec,
    TextSpec,
)

try:
    EventSource: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    EventSource = yaml.SafeLoader
    warnings.warn(
        "PyYAML was installed without libyaml, so scenario files load more slowly. "
        "Reinstalling PyYAML from a wheel usually fixes this.",
        RuntimeWarning,
        stacklevel=2,
    )

_T = "tag:yaml.org,2002:"
STR, NULL, BOOL, INT, FLOAT = _T + "str", _T + "null", _T + "bool", _T + "int", _T + "float"
TIMESTAMP, MERGE = _T + "timestamp", _T + "merge"
_ALLOWED_TAGS = frozenset({"!", STR, _T + "map", _T + "seq"})
# Resolution of plain scalars, exactly as YAML 1.1 and PyYAML's SafeLoader do it.
_IMPLICIT: dict[str, list[tuple[str, Any]]] = Resolver.yaml_implicit_resolvers
_TRUE = frozenset({"yes", "true", "on"})
# The resolver's own tag strings mapped to ours, so callers can compare with `is`.
_CANON = {tag: tag for tag in (NULL, BOOL, INT, FLOAT, TIMESTAMP, MERGE)}

R_SYNTAX = rules.get("yaml-syntax")
R_EMPTY = rules.get("empty-file")
R_ROOT = rules.get("not-a-mapping")
R_DOCS = rules.get("multiple-documents")
R_DEEP = rules.get("nesting-too-deep")
R_TAG = rules.get("tag-not-allowed")
R_ALIAS = rules.get("alias-not-allowed")
R_DUP = rules.get("duplicate-key")
R_UNKNOWN = rules.get("unknown-key")
R_MISSING = rules.get("missing-key")
R_TYPE = rules.get("wrong-type")
R_ENUM = rules.get("unknown-value")
R_ID = rules.get("bad-name")
R_BLANK = rules.get("empty-value")
R_BOOL = rules.get("yaml11-boolean")
R_NUMBER = rules.get("yaml11-number")


class _Abort(Exception):
    """Stop reading: the rest of the file cannot be trusted (too deep)."""


class _TooDeepForParser(Exception):
    """The C parser gave up on nesting it will not follow (see `Reader.read`)."""


# libyaml's own message when a file nests past its fixed limit of 1000 levels.
_PARSER_DEPTH = "exceeded maximum nesting depth"


_BAD = object()  # the value was reported as a problem and left out


def _resolve(value: str) -> str:
    if not value:
        return NULL
    for tag, regexp in _IMPLICIT.get(value[0], ()):
        if regexp.match(value):
            return _CANON.get(tag, STR)
    return STR


def _kind_of(tag: str) -> str:
    return {
        BOOL: "true or false",
        INT: "a number",
        FLOAT: "a decimal number",
        NULL: "empty",
        TIMESTAMP: "a date",
        MERGE: "a merge key (<<)",
    }.get(tag, "text")


def _expected(spec: Any) -> str:
    if isinstance(spec, TextSpec):
        return "text"
    if isinstance(spec, IntSpec):
        return "a whole number"
    if isinstance(spec, BoolSpec):
        return "true or false"
    if isinstance(spec, EnumSpec):
        return "one of " + ", ".join(spec.values)
    if isinstance(spec, ConditionSpec):
        return 'a comparison such as "<= 7"'
    if isinstance(spec, ListSpec):
        return "a list (`- item` lines or [a, b])"
    return "a mapping (indented `key: value` lines)"


def _quote_hint(path: tuple[str | int, ...], raw: str) -> str:
    escaped = show(raw).replace('"', '\\"')
    last = path[-1] if path else ""
    return f'- "{escaped}"' if isinstance(last, int) else f'{show(last)}: "{escaped}"'


def _subject(path: tuple[str | int, ...]) -> str:
    """`goto` in reply 1 of state 'arrival'; item 2 of `goals`."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        return f"item {last + 1} of `{show(path[-2])}` in {shape.where(path[:-2])}"
    if len(path) == 1:
        return f"`{show(last)}`"
    if len(path) == 2 and path[0] in ("states", "characters", "meters"):
        return shape.where(path)
    return f"`{show(last)}` in {shape.where(path[:-1])}"


class Reader:
    """One use: `Reader(text, file).read()` -> plain data or None; then `.findings`."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.findings: list[Finding] = []
        self.source_map: dict[tuple[str | int, ...], tuple[int, int]] = {}
        self._aliases_seen: set[str] = set()

    # --- reporting -------------------------------------------------------------------

    def report(self, rule: Any, mark: Any, message: str) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        self.findings.append(Finding(self.file, line, col, rule.severity, message, rule.id))

    def _alias(self, event: Any) -> None:
        name = event.anchor or ""
        if name in self._aliases_seen:
            return
        self._aliases_seen.add(name)
        self.report(
            R_ALIAS,
            event.start_mark,
            f"`*{show(name)}` repeats the value marked `&{show(name)}` (a YAML alias); scenario "
            "files do not use anchors and aliases, so write the value out in full here",
        )

    def _tag_ok(self, event: Any) -> bool:
        tag = event.tag
        if tag is None or tag in _ALLOWED_TAGS:
            return True
        shown = "!!" + tag[len(_T):] if tag.startswith(_T) else tag
        self.report(
            R_TAG,
            event.start_mark,
            f"the YAML tag `{show(shown)}` is not allowed in scenario files (it was not run); "
            "remove it and write the value as plain text",
        )
        return False

    # --- the walk --------------------------------------------------------------------

    def read(self) -> dict[str, Any] | None:
        try:
            return self._read_with(EventSource)
        except _TooDeepForParser:
            # libyaml (in the wheels of PyYAML 6.0.4 and later) refuses nesting past 1000
            # levels while scanning ahead, before our walk reaches level MAX_DEPTH + 1. Any
            # such file is too deep for us too, so read it again with the pure-Python
            # parser, which streams: the finding then names the level that crossed our
            # limit, exactly as on every other PyYAML version.
            again = Reader(self.text, self.file)
            data = again._read_with(yaml.SafeLoader)
            self.findings, self.source_map = again.findings, again.source_map
            return data

    def _read_with(self, source: Any) -> dict[str, Any] | None:
        loader = source(self.text)
        self._next = loader.get_event
        try:
            return self._document()
        except _Abort:
            return None
        except yaml.YAMLError as error:
            if source is not yaml.SafeLoader and _PARSER_DEPTH in str(getattr(error, "problem", "")):
                raise _TooDeepForParser from error
            self._syntax(error)
            return None
        finally:
            loader.dispose()

    def _syntax(self, error: yaml.YAMLError) -> None:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = str(getattr(error, "problem", None) or error)
        context = str(getattr(error, "context", None) or "")
        if "quoted scalar" in context and getattr(error, "context_mark", None) is not None:
            mark = error.context_mark  # where the quote opened, not the end of the file
        message = f"this is not valid YAML: {problem}"
        if context:
            message += f" ({context})"
        hint = _syntax_hint(problem, context, self.text, mark)
        if hint:
            message += f"; {hint}"
        # A mapping that the parser closed early at the error is not really missing keys.
        self.findings = [f for f in self.findings if f.rule != R_MISSING.id]
        self.report(R_SYNTAX, mark, message)

    def _document(self) -> dict[str, Any] | None:
        nxt = self._next
        nxt()  # stream start
        event = nxt()
        if type(event) is StreamEndEvent:
            self.report(R_EMPTY, None, "the file is empty; a scenario needs at least id, title and states")
            return None
        event = nxt()  # the root node
        if type(event) is not MappingStartEvent:
            if type(event) is ScalarEvent and event.implicit[0] and _resolve(event.value) is NULL:
                self.report(R_EMPTY, None, "the file is empty; a scenario needs at least id, title and states")
                return None
            got = "a list" if type(event) is SequenceStartEvent else "a single value"
            self.report(
                R_ROOT,
                event.start_mark,
                f"the top of the file should be `key: value` lines (id:, title:, states: ...), but it is {got}",
            )
            self._skip(event, ())
            return None
        data = self._struct(shape.SCENARIO, event, ())
        nxt()  # document end
        event = nxt()
        if type(event) is DocumentStartEvent:
            self.report(
                R_DOCS,
                event.start_mark,
                "a second YAML document starts here (`---`); put one scenario in each file",
            )
        return data

    def _skip(self, event: Any, path: tuple[str | int, ...]) -> None:
        """Pass over a value already reported, still refusing tags, aliases and depth."""
        kind = type(event)
        if kind is AliasEvent:
            self._alias(event)
            return
        self._tag_ok(event)
        if kind is ScalarEvent:
            return
        nxt = self._next
        start = (event.start_mark.line + 1, event.start_mark.column + 1)
        depth = len(path)  # of the parent; the root mapping is level 1
        level = 1
        while level:
            event = nxt()
            kind = type(event)
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                level += 1
                if depth + level > MAX_DEPTH:
                    # Whatever was said about this value (a list where a mapping belongs,
                    # say) is noise beside the one problem that stopped the reading.
                    self.findings = [f for f in self.findings if (f.line, f.col) < start]
                    self.report(
                        R_DEEP,
                        event.start_mark,
                        f"lists or mappings are nested more than {MAX_DEPTH} levels deep here; "
                        "a scenario never needs that many, so the rest of the file was not read",
                    )
                    raise _Abort
                self._tag_ok(event)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                level -= 1
            elif kind is AliasEvent:
                self._alias(event)
            else:
                self._tag_ok(event)

    def _key(self, event: Any, path: tuple[str | int, ...]) -> str | None:
        """The text of a mapping key, or None (reported, and the key's node skipped)."""
        if type(event) is not ScalarEvent:
            if type(event) is AliasEvent:
                self._alias(event)
            else:
                self.report(R_TYPE, event.start_mark, f"a key in {shape.where(path)} must be a plain name, not a list or mapping")
                self._skip(event, path)
            return None
        value = event.value
        if event.tag is not None:
            if not self._tag_ok(event):
                return None
            return value
        if not event.implicit[0]:
            return value
        tag = _resolve(value)
        if tag is STR:
            return value
        mark = event.start_mark
        if tag is BOOL:
            self.report(
                R_BOOL,
                mark,
                f"the key `{show(value)}` is read as the boolean {str(value.lower() in _TRUE).lower()}, "
                f'not the text "{show(value)}" (YAML 1.1); quote it: "{show(value)}":',
            )
        elif tag is NULL:
            self.report(R_BLANK, mark, f"a key in {shape.where(path)} is empty; write a name before the `:`")
        elif tag is MERGE:
            self.report(R_UNKNOWN, mark, "`<<` merge keys are not supported; write the keys out in full")
        else:
            self.report(
                R_TYPE,
                mark,
                f'the key `{show(value)}` is read as {_kind_of(tag)}, not text; quote it: "{show(value)}":',
            )
        return None

    def _struct(self, spec: StructSpec, start: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
        if start.tag is not None:
            self._tag_ok(start)
        nxt = self._next
        smap = self.source_map
        fields = spec.fields
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        while True:
            event = nxt()
            if type(event) is MappingEndEvent:
                break
            key_mark = event.start_mark
            if (
                type(event) is ScalarEvent
                and event.tag is None
                and (not event.implicit[0] or event.value[:1] not in _IMPLICIT or _resolve(event.value) is STR)
            ):
                key = event.value
            else:
                key = self._key(event, path)
            value_event = nxt()
            if key is None:
                self._skip(value_event, path)
                continue
            if key in seen:
                self._duplicate(key, seen[key], key_mark, path)
                self._skip(value_event, path)
                continue
            seen[key] = key_mark.line + 1
            field = fields.get(key)
            if field is None:
                self._unknown(key, key_mark, spec, path)
                self._skip(value_event, path)
                continue
            here = path + (key,)
            mark = value_event.start_mark if type(value_event) is ScalarEvent else key_mark
            smap[here] = (mark.line + 1, mark.column + 1)
            value = self._value(field.spec, value_event, here)
            if value is not _BAD:
                out[key] = value
        if len(seen) < len(spec.required) or any(name not in seen for name in spec.required):
            self._missing(spec, seen, start, path)
        return out

    def _duplicate(self, key: str, first_line: int, mark: Any, path: tuple[str | int, ...]) -> None:
        self.report(
            R_DUP,
            mark,
            f"`{show(key)}` appears twice in {shape.where(path)}: on line {first_line} and again on "
            f"line {mark.line + 1}; YAML would silently keep only the second, so remove or rename one",
        )

    def _unknown(self, key: str, mark: Any, spec: StructSpec, path: tuple[str | int, ...]) -> None:
        valid = list(spec.fields)
        close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
        guess = f"did you mean `{close[0]}`? " if close else ""
        self.report(
            R_UNKNOWN,
            mark,
            f"{shape.where(path)} has an unknown key `{show(key)}`; {guess}"
            f"the keys it can have are: {', '.join(valid)}",
        )

    def _missing(self, spec: StructSpec, seen: dict[str, int], start: Any, path: tuple[str | int, ...]) -> None:
        line, col = self.source_map.get(path, (start.start_mark.line + 1, start.start_mark.column + 1))
        absent = [name for name in spec.required if name not in seen]
        if len(absent) > 3:  # one line, not a wall of them, for a file that is barely a scenario
            self.findings.append(
                Finding(
                    self.file,
                    line,
                    col,
                    R_MISSING.severity,
                    f"{shape.where(path)} is missing the keys {', '.join(f'`{n}`' for n in absent)} "
                    "(docs/scenario-format.md shows a complete example)",
                    R_MISSING.id,
                )
            )
            return
        for name in absent:
            about = shape.describe_value(spec.fields[name].description)
            self.findings.append(
                Finding(
                    self.file,
                    line,
                    col,
                    R_MISSING.severity,
                    f"{shape.where(path)} needs {'an' if name[0] in 'aeiou' else 'a'} `{name}` key"
                    + (f" ({about})" if about else ""),
                    R_MISSING.id,
                )
            )

    def _value(self, spec: Any, event: Any, path: tuple[str | int, ...]) -> Any:
        kind = type(event)
        if kind is AliasEvent:
            self._alias(event)
            return _BAD
        if event.tag is not None and not self._tag_ok(event):
            self._skip_rest(event, path)
            return _BAD
        spec_kind = type(spec)
        if kind is ScalarEvent:
            value = event.value
            plain = event.implicit[0] and event.tag is None
            if spec_kind is TextSpec:
                if plain and value[:1] in _IMPLICIT or not value:
                    tag = _resolve(value) if plain else STR
                    if tag is not STR:
                        return self._not_text(spec, event, path, tag)
                if spec.nonempty and (not value or value.isspace()):
                    return self._blank(spec, event, path)
                if spec.pattern is not None and spec.pattern.match(value) is None:
                    return self._bad_name(event, path)
                return value
            tag = _resolve(value) if plain else STR
            if tag is NULL and spec.nullable:
                return None
            if tag is NULL:
                return self._blank(spec, event, path)
            if spec_kind is EnumSpec:
                if tag is STR and value in spec.values:
                    return value
                return self._not_in_enum(spec, event, path, tag)
            if spec_kind is IntSpec or spec_kind is ConditionSpec:
                if tag is INT:
                    return self._int(event, path)
                if spec_kind is ConditionSpec and tag is STR:
                    return value
                if tag is BOOL:
                    return self._boolean_surprise(spec, event, path)
                return self._wrong_type(spec, event, path, tag)
            if spec_kind is BoolSpec:
                if tag is BOOL:
                    return value.lower() in _TRUE
                return self._wrong_type(spec, event, path, tag)
            return self._wrong_type(spec, event, path, tag)
        if kind is MappingStartEvent:
            if spec_kind is StructSpec:
                return self._struct(spec, event, path)
            if spec_kind is DictSpec:
                return self._dict(spec, event, path)
        elif kind is SequenceStartEvent and spec_kind is ListSpec:
            return self._list(spec, event, path)
        got = "a list" if kind is SequenceStartEvent else "a mapping"
        self.report(R_TYPE, event.start_mark, f"{_subject(path)} should be {_expected(spec)}, but here it is {got}")
        self._skip_rest(event, path)
        return _BAD

    def _skip_rest(self, event: Any, path: tuple[str | int, ...]) -> None:
        if type(event) is not ScalarEvent:
            event.tag = None  # already reported; do not report the same tag twice
            self._skip(event, path)

    def _list(self, spec: ListSpec, start: Any, path: tuple[str | int, ...]) -> list[Any]:
        nxt = self._next
        smap = self.source_map
        item = spec.item
        out: list[Any] = []
        index = 0
        while True:
            event = nxt()
            if type(event) is SequenceEndEvent:
                return out
            here = path + (index,)
            mark = event.start_mark
            smap[here] = (mark.line + 1, mark.column + 1)
            value = self._value(item, event, here)
            if value is not _BAD:
                out.append(value)
            index += 1

    def _dict(self, spec: DictSpec, start: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
        nxt = self._next
        smap = self.source_map
        pattern = spec.key.pattern
        value_spec = spec.value
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        while True:
            event = nxt()
            if type(event) is MappingEndEvent:
                return out
            key_mark = event.start_mark
            key = self._key(event, path)
            value_event = nxt()
            if key is None:
                self._skip(value_event, path)
                continue
            if key in seen:
                self._duplicate(key, seen[key], key_mark, path)
                self._skip(value_event, path)
                continue
            seen[key] = key_mark.line + 1
            here = path + (key,)
            mark = value_event.start_mark if type(value_event) is ScalarEvent else key_mark
            smap[here] = (mark.line + 1, mark.column + 1)
            if pattern is not None and pattern.match(key) is None:
                self._bad_name(event, here, is_key=True)
                self._skip(value_event, here)
                continue
            value = self._value(value_spec, value_event, here)
            if value is not _BAD:
                out[key] = value

    # --- messages for values ---------------------------------------------------------

    def _int(self, event: Any, path: tuple[str | int, ...]) -> Any:
        raw = event.value.replace("_", "")
        digits = raw.lstrip("+-")
        if digits.isdigit() and (digits == "0" or not digits.startswith("0")):
            return int(raw)
        example = f"`{int(raw, 10)}`" if digits.isdigit() else "12"
        self.report(
            R_NUMBER,
            event.start_mark,
            f"`{show(event.value)}` in {_subject(path)} is read as a number in an unusual YAML 1.1 form "
            f"(a leading 0 means octal, 0x hexadecimal, 1:30 base 60); write a plain whole number such as {example}",
        )
        return _BAD

    def _not_text(self, spec: TextSpec, event: Any, path: tuple[str | int, ...], tag: str) -> Any:
        if tag is NULL:
            if spec.nullable:
                return None
            return self._blank(spec, event, path)
        if tag is BOOL:
            return self._boolean_surprise(spec, event, path)
        self.report(
            R_TYPE,
            event.start_mark,
            f"`{show(event.value)}` in {_subject(path)} is read as {_kind_of(tag)}, not text; "
            f"quote it: {_quote_hint(path, event.value)}",
        )
        return _BAD

    def _boolean_surprise(self, spec: Any, event: Any, path: tuple[str | int, ...]) -> Any:
        raw = event.value
        truth = str(raw.lower() in _TRUE).lower()
        advice = (
            f"quote it: {_quote_hint(path, raw)}"
            if isinstance(spec, TextSpec | EnumSpec)
            else f"write {_expected(spec)}"
        )
        self.report(
            R_BOOL,
            event.start_mark,
            f'`{show(raw)}` here is read as the boolean {truth}, not the text "{show(raw)}" (YAML 1.1); {advice}',
        )
        return _BAD

    def _blank(self, spec: Any, event: Any, path: tuple[str | int, ...]) -> Any:
        field = _field_for(path)
        about = shape.describe_value(field.description) if field is not None else ""
        wanted = f"write {about}" if about else f"write {_expected(spec)}"
        self.report(R_BLANK, event.start_mark, f"{_subject(path)} is empty; {wanted}")
        return _BAD

    def _bad_name(self, event: Any, path: tuple[str | int, ...], *, is_key: bool = False) -> Any:
        raw = event.value
        subject = shape.where(path) if is_key else _subject(path)
        suggestion = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in raw.strip()).strip("_") or "name"
        if not suggestion[0].isalpha():
            suggestion = "s" + suggestion
        self.report(
            R_ID,
            event.start_mark,
            f"`{show(raw)}` cannot be used as a name ({subject}): use letters, digits, '-' and '_', "
            f"starting with a letter, for example `{show(suggestion)}`",
        )
        return _BAD

    def _not_in_enum(self, spec: EnumSpec, event: Any, path: tuple[str | int, ...], tag: str) -> Any:
        raw = event.value
        if tag is BOOL:
            return self._boolean_surprise(spec, event, path)
        close = difflib.get_close_matches(raw.lower(), spec.values, n=1, cutoff=0.5)
        guess = f"did you mean `{close[0]}`? " if close else ""
        self.report(
            R_ENUM,
            event.start_mark,
            f"`{show(raw)}` is not a possible value for {_subject(path)}; {guess}use one of: {', '.join(spec.values)}",
        )
        return _BAD

    def _wrong_type(self, spec: Any, event: Any, path: tuple[str | int, ...], tag: str) -> Any:
        got = "text" if tag is STR else _kind_of(tag)
        hint = ""
        if isinstance(spec, ListSpec):
            hint = f"; write it as a list: [{show(event.value)}]"
        elif tag is STR and event.style in ("'", '"'):
            hint = "; remove the quotes"
        self.report(
            R_TYPE,
            event.start_mark,
            f"{_subject(path)} should be {_expected(spec)}, but `{show(event.value)}` is {got}{hint}",
        )
        return _BAD


def _field_for(path: tuple[str | int, ...]) -> shape.FieldSpec | None:
    """The model field a path ends in, for its description (None for list items)."""
    spec: Any = shape.SCENARIO
    found = None
    for part in path:
        if isinstance(spec, StructSpec) and isinstance(part, str):
            found = spec.fields.get(part)
            if found is None:
                return None
            spec = found.spec
        elif isinstance(spec, DictSpec):
            spec, found = spec.value, None
        elif isinstance(spec, ListSpec):
            spec, found = spec.item, None
        else:
            return None
    return found


def _syntax_hint(problem: str, context: str, text: str, mark: Any) -> str:
    """A plain-words guess at the fix for libyaml's message, from the line it points at."""
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    before = line[: mark.column] if mark is not None else ""
    at = line[mark.column : mark.column + 1] if mark is not None else ""
    if at == "\t" or (before.isspace() and "\t" in before):
        return "a tab is used here; YAML needs spaces for indenting"
    if "mapping values are not allowed" in problem:
        if ": " in before or before.rstrip().endswith(":"):
            return 'text that contains ": " needs quotes around it, e.g. says: "Wait: what?"'
        return "this line is indented further than the lines around it; line it up with the keys above"
    if "expected '-' indicator" in problem or "did not find expected key" in problem:
        return "check the indentation: this line should line up with the others at the same level"
    if "quoted scalar" in context:
        return "a quote mark opened here is never closed"
    if "could not find expected ':'" in problem:
        return "a line may be missing the `:` after its key, or a text running over several lines needs quotes"
    if "cannot start any token" in problem and at in ("`", "@", "%"):
        return f"text that starts with {at} needs quotes around it"
    if "control characters are not allowed" in problem or "special characters are not allowed" in problem:
        return "the file contains an invisible control character; retype this line"
    return ""
