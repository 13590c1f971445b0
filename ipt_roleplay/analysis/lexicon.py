"""The words and phrases behind the communication analyzer, read from a data file.

One YAML file per language in ``lexicons/`` (``en.yaml``), shipped in the package, so a
therapist can read and extend the cue lists and a translation adds a language by adding
a file. docs/lexicon.md describes the format. A file is read once, checked whole (every
key, every pattern id against ``taxonomy``, every regular expression compiled) and any
problem is a ``LexiconError`` naming the file, the line and column, and what is wrong.

Check a file after editing it::

    python -m ipt_roleplay.analysis.lexicon path/to/xx.yaml
"""

from __future__ import annotations

import re
import string
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ipt_roleplay.analysis import taxonomy
from ipt_roleplay.errors import UserError

__all__ = ["Cue", "Lexicon", "LexiconError", "LEXICONS", "languages", "load", "read_file", "read_text"]

LEXICONS = Path(__file__).resolve().parent / "lexicons"
DEFAULT_LANGUAGE = "en"

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*")
_PIECE_NAME = re.compile(r"[a-z_][a-z0-9_]*")
# "{name}" in a regex is a piece; a brace followed by digits stays a repetition ("{0,2}").
_PIECE_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_TEXT_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"


@dataclass(frozen=True, slots=True)
class Cue:
    # With its pieces filled in; matched against the lowercased reply.
    regex: str
    # Shown after the evidence: "'always' generalises". {e} is the evidence text.
    reason: str
    # A cue that means the opposite after "not", "n't" or "never" ("it's not your
    # fault", "I'm not blaming you") is vetoed when one of those comes just before it.
    negatable: bool = False
    # Only counts at the start of a sentence or clause, give or take a leading "so,",
    # "okay," or "honestly" (the lexicon's ``sentence_lead``).
    at_sentence_start: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    language: str
    path: str
    # Contractions typed without their apostrophe ("im", "dont") that are read as if it
    # were there, so each cue spells the word once.
    apostrophe_free: tuple[str, ...]
    # pattern id -> the more general ids it stands for when both are found.
    subsumes: dict[str, tuple[str, ...]]
    # Matched against the text just before a negatable cue: a match vetoes it.
    negation: str
    # What may stand between the start of a sentence and a cue that must open it.
    sentence_lead: str
    cues: dict[str, tuple[Cue, ...]]


class LexiconError(UserError):
    """A lexicon file that cannot be used; the message says where and why."""


def languages() -> tuple[str, ...]:
    """The languages with a lexicon file in the package, by file name (``en``)."""
    return tuple(sorted(path.stem for path in LEXICONS.glob("*.yaml")))


@cache
def load(language: str = DEFAULT_LANGUAGE) -> Lexicon:
    """The package's lexicon for ``language``, read and checked once per process."""
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        raise LexiconError(f"{language!r} is not a language code such as 'en' or 'pt-br'")
    path = LEXICONS / f"{language}.yaml"
    if not path.is_file():
        raise LexiconError(f"there is no lexicon for {language!r} (there is: {', '.join(languages())})")
    lexicon = read_file(path)
    if lexicon.language != language:
        raise LexiconError(f"{path}: says it is for {lexicon.language!r}, but its name is {path.name}")
    return lexicon


def read_file(path: str | Path) -> Lexicon:
    """Read and check one lexicon file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot read the lexicon: {error}") from None
    return read_text(text, str(path))


def read_text(text: str, path: str = "<text>") -> Lexicon:
    """Read and check a lexicon given as text; ``path`` is only used in messages."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise LexiconError(f"{path}{where}: not readable as YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise LexiconError(f"{path}: not readable as YAML: {error}") from None
    return _Reader(path).lexicon(root)


class _Reader:
    """Turns the YAML node tree into a ``Lexicon``, checking as it goes."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: yaml.Node | None, message: str) -> LexiconError:
        if node is None:
            return LexiconError(f"{self.path}: {message}")
        mark = node.start_mark
        return LexiconError(f"{self.path}, line {mark.line + 1}, column {mark.column + 1}: {message}")

    # --- shapes -----------------------------------------------------------------

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """key -> (key node, value node), in file order, each key once."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} should be a mapping of names to values")
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = self.text(key_node, f"a key of {what}")
            if key in entries:
                first = entries[key][0].start_mark.line + 1
                raise self.fail(key_node, f"{key!r} appears twice in {what} (first on line {first})")
            entries[key] = (key_node, value_node)
        return entries

    def fields(
        self, node: yaml.Node, what: str, required: set[str], optional: set[str]
    ) -> dict[str, yaml.Node]:
        entries = self.mapping(node, what)
        for key, (key_node, _) in entries.items():
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                raise self.fail(key_node, f"unknown key {key!r} in {what} (allowed: {allowed})")
        missing = sorted(required - set(entries))
        if missing:
            raise self.fail(node, f"{what} is missing {', '.join(repr(key) for key in missing)}")
        return {key: value for key, (_, value) in entries.items()}

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} should be text, not a list or mapping")
        if node.tag != _TEXT_TAG:
            raise self.fail(node, f"{what} should be text, but {node.value!r} reads as another kind of value; put it in quotes")
        if not node.value:
            raise self.fail(node, f"{what} is empty")
        return node.value

    def flag(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _BOOL_TAG:
            raise self.fail(node, f"{what} should be true or false")
        return node.value.lower() in ("true", "yes", "on", "y")

    def texts(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, str]]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} should be a list")
        if not node.value:
            raise self.fail(node, f"{what} is an empty list")
        return [(item, self.text(item, f"an entry of {what}")) for item in node.value]

    def pattern_id(self, node: yaml.Node, what: str) -> str:
        pattern_id = self.text(node, what)
        if pattern_id not in taxonomy.IDS:
            raise self.fail(node, f"{pattern_id!r} is not a pattern id of the taxonomy (see docs/communication-patterns.md)")
        return pattern_id

    # --- the file ---------------------------------------------------------------

    def lexicon(self, root: yaml.Node | None) -> Lexicon:
        if root is None:
            raise self.fail(None, "the lexicon is empty")
        top = self.fields(
            root, "the lexicon",
            required={"language", "negation", "sentence_lead", "cues"},
            optional={"apostrophe_free", "subsumes", "pieces"},
        )
        language = self.text(top["language"], "language")
        if not _LANGUAGE.fullmatch(language):
            raise self.fail(top["language"], f"{language!r} is not a language code such as 'en' or 'pt-br'")
        pieces = _Pieces(self, top["pieces"]) if "pieces" in top else _Pieces(self, None)
        return Lexicon(
            language=language,
            path=self.path,
            apostrophe_free=self.apostrophe_free(top.get("apostrophe_free")),
            subsumes=self.subsumes(top.get("subsumes")),
            negation=pieces.regex(top["negation"], "negation"),
            sentence_lead=pieces.regex(top["sentence_lead"], "sentence_lead"),
            cues=self.cues(top["cues"], pieces),
        )

    def apostrophe_free(self, node: yaml.Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        forms = []
        for item, form in self.texts(node, "apostrophe_free"):
            if form.count("'") != 1 or form != form.lower() or not form.replace("'", "").isalpha():
                raise self.fail(item, f"{form!r} in apostrophe_free should be one lowercase word with one plain apostrophe, such as \"don't\"")
            forms.append(form)
        return tuple(forms)

    def subsumes(self, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
        if node is None:
            return {}
        return {
            self.pattern_id(key_node, "a key of subsumes"): tuple(
                self.pattern_id(item, "an entry of subsumes") for item, _ in self.texts(value, f"subsumes: {key}")
            )
            for key, (key_node, value) in self.mapping(node, "subsumes").items()
        }

    def cues(self, node: yaml.Node, pieces: _Pieces) -> dict[str, tuple[Cue, ...]]:
        cues = {}
        for pattern, (key_node, value) in self.mapping(node, "cues").items():
            self.pattern_id(key_node, "a key of cues")
            if not isinstance(value, yaml.SequenceNode) or not value.value:
                raise self.fail(value, f"the cues of {pattern} should be a list of cues, each with a regex and a reason")
            cues[pattern] = tuple(self.cue(item, pattern, pieces) for item in value.value)
        return cues

    def cue(self, node: yaml.Node, pattern: str, pieces: _Pieces) -> Cue:
        what = f"a cue of {pattern}"
        fields = self.fields(node, what, required={"regex", "reason"}, optional={"negatable", "at_sentence_start"})
        reason_node = fields["reason"]
        reason = self.text(reason_node, f"the reason of {what}")
        for _, field, _, _ in string.Formatter().parse(reason):
            if field is not None and field != "e":
                raise self.fail(reason_node, f"the reason may use {{e}} (the evidence) and no other {{...}}, not {{{field}}}; write a brace as {{{{ or }}}}")
        try:
            reason.format(e="")
        except (ValueError, IndexError) as error:
            raise self.fail(reason_node, f"the reason cannot be filled in: {error}") from None
        return Cue(
            regex=pieces.regex(fields["regex"], f"the regex of {what}"),
            reason=reason,
            negatable=self.flag(fields["negatable"], "negatable") if "negatable" in fields else False,
            at_sentence_start=(
                self.flag(fields["at_sentence_start"], "at_sentence_start") if "at_sentence_start" in fields else False
            ),
        )


class _Pieces:
    """The named pieces of regular expression that cues use as ``{name}``."""

    def __init__(self, reader: _Reader, node: yaml.Node | None) -> None:
        self.reader = reader
        self.nodes: dict[str, yaml.Node] = {}
        self.filled: dict[str, str] = {}
        if node is None:
            return
        for name, (key_node, value) in reader.mapping(node, "pieces").items():
            if not _PIECE_NAME.fullmatch(name):
                raise reader.fail(key_node, f"{name!r} cannot be a piece name: use lowercase letters, digits and _")
            self.nodes[name] = value

    def regex(self, node: yaml.Node, what: str) -> str:
        """The regular expression at ``node`` with its pieces filled in, checked."""
        filled = self._fill(self.reader.text(node, what), node, ())
        try:
            compiled = re.compile(filled)
        except re.error as error:
            near = filled[max(0, (error.pos or 0) - 20) : (error.pos or 0) + 20]
            raise self.reader.fail(node, f"{what} is not a valid regular expression: {error.msg} (near {near!r})") from None
        if compiled.groups:
            raise self.reader.fail(node, f"{what} has a capturing group \"(...)\": write \"(?:...)\" instead")
        written = _ESCAPE.sub("", filled)
        if written != written.lower():
            raise self.reader.fail(node, f"{what} has capital letters, but replies are lowercased before matching: write it in lowercase")
        if "\u2019" in written:
            raise self.reader.fail(node, f"{what} has a typographic apostrophe (\u2019); replies are matched with the plain one (')")
        return filled

    def _fill(self, regex: str, node: yaml.Node, inside: tuple[str, ...]) -> str:
        def piece(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in inside:
                chain = " -> ".join((*inside, name))
                raise self.reader.fail(self.nodes[name], f"the piece {name!r} uses itself ({chain})")
            if name not in self.nodes:
                known = ", ".join(sorted(self.nodes)) or "none"
                raise self.reader.fail(node, f"{{{name}}} is not a piece of this lexicon (pieces: {known})")
            if name not in self.filled:
                self.filled[name] = self._piece(name, inside + (name,))
            return self.filled[name]

        return _PIECE_REF.sub(piece, regex)

    def _piece(self, name: str, inside: tuple[str, ...]) -> str:
        node = self.nodes[name]
        if isinstance(node, yaml.SequenceNode):
            # A list is any one of its entries, tried in the order written.
            entries = [self._fill(text, item, inside) for item, text in self.reader.texts(node, f"the piece {name}")]
            return "(?:" + "|".join(entries) + ")"
        return self._fill(self.reader.text(node, f"the piece {name}"), node, inside)


def main(argv: list[str]) -> int:
    """Check lexicon files: ``python -m ipt_roleplay.analysis.lexicon FILE...``."""
    if not argv:
        print("usage: python -m ipt_roleplay.analysis.lexicon FILE...", file=sys.stderr)
        return 2
    status = 0
    for path in argv:
        try:
            lexicon = read_file(path)
        except LexiconError as error:
            print(error, file=sys.stderr)
            status = 1
            continue
        count = sum(len(cues) for cues in lexicon.cues.values())
        print(f"{path}: {lexicon.language}, {count} cues for {len(lexicon.cues)} patterns, all readable")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
