"""Whatever a file holds, checking it never raises and loading it raises only
ScenarioError, and neither ever hits the loader's own safety net (`loader-bug`)."""

from __future__ import annotations

from authoring_cases import VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipt_roleplay.scenario.loader import CheckResult, ScenarioError, check_bytes, check_text, load_text

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{},&*!|>'\"#%@`?~ \n\t0yn\\\x00\u2028é")), max_size=200)
LINES = VALID.splitlines(keepends=True)


def assert_sound(result: CheckResult) -> None:
    assert all(f.rule != "loader-bug" for f in result.findings), [str(f) for f in result.findings]
    assert all(f.line >= 1 and f.col >= 1 for f in result.findings)
    if result.scenario is None:
        assert result.errors, "a file that does not load must say why"


def assert_loads_or_explains(text: str) -> None:
    try:
        load_text(text)
    except ScenarioError as error:
        assert error.findings and str(error)


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    assert_sound(check_bytes(data))


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    assert_sound(check_text(text))
    assert_loads_or_explains(text)


@FUZZ
@given(YAMLISH)
def test_yaml_punctuation_soup(text: str) -> None:
    assert_sound(check_text(text))
    assert_loads_or_explains(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent", "splice"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "insert":
            lines.insert(index, draw(YAMLISH) + "\n")
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][2:] if lines[index].startswith("  ") else lines[index]
        else:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(YAMLISH) + line[at:]
    return "".join(lines)


@FUZZ
@given(mutated())
def test_mutations_of_a_valid_file(text: str) -> None:
    assert_sound(check_text(text))
    assert_loads_or_explains(text)


@FUZZ
@given(mutated())
def test_mutations_as_bytes_with_a_bad_byte(text: str) -> None:
    data = text.encode()
    cut = len(data) // 2
    assert_sound(check_bytes(data[:cut] + b"\xc3" + data[cut:]))
