"""The fast reading (load/yaml_fast.py) gives exactly what the line-keeping loader gives, or leaves the file to it.

Compared on every YAML file of the example data and of the test folders, on
every version of every file in a generated repository's history, on texts
where YAML 1.1 and 1.2 read differently, and on generated texts. Lines are
not lost: a problem in a file read the fast way is reported at its line.
"""
from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from corpus import BadInput, check, hostile, negative

from site_builder.load import yaml_fast
from site_builder.load.yamlfile import Document, _parse_text, load_file

MAIN = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def agreed(text: str):
    """The fast reading, checked against the loader's: UNSURE, or the same values and types, with no problem."""
    fast = yaml_fast.read(text)
    slow = _parse_text(Document("t.yaml"), text)
    if fast is not yaml_fast.UNSURE:
        assert not slow.problems, (text, [p.message for p in slow.problems])
        assert repr(fast) == repr(slow.data), text  # repr: Decimal('1.5') is not Decimal('1.50'), 1 is not True
    return fast


def test_the_example_data_is_read_the_fast_way_and_as_the_loader_reads_it():
    files = [p for folder in ("submissions", "clusters", "rubric") for p in sorted((MAIN / folder).rglob("*.yaml"))]
    assert len(files) > 30
    for path in files:
        assert agreed(path.read_text(encoding="utf-8")) is not yaml_fast.UNSURE, path


def test_every_test_file_is_read_as_the_loader_reads_it_or_left_to_it():
    files = sorted(TESTS.rglob("*.yaml")) + sorted(TESTS.rglob("*.yml"))
    assert len(files) > 100
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # the loader refuses such bytes before any YAML reader sees them
        agreed(text)


def test_every_version_in_a_generated_history_is_read_as_the_loader_reads_it(tmp_path):
    root = tmp_path / "demo"
    subprocess.run([sys.executable, "-m", "site_builder", "demo", "--scale", "1", "--out", str(root)],
                   cwd=MAIN, check=True, capture_output=True)
    listed = subprocess.run(["git", "-C", str(root), "rev-list", "--objects", "--all"], check=True, capture_output=True,
                            text=True).stdout.split("\n")
    blobs = sorted({line.split(" ", 1)[0] for line in listed if line.endswith(".yaml")})
    batch = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input=("\n".join(blobs) + "\n").encode(),
                           check=True, capture_output=True).stdout
    texts, at = [], 0
    while at < len(batch):
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        texts.append(batch[header_end + 1:header_end + 1 + size].decode("utf-8"))
        at = header_end + 2 + size
    assert len(texts) == len(blobs) > 250
    fast = [text for text in texts if agreed(text) is not yaml_fast.UNSURE]
    assert len(fast) == len(texts)  # the generator writes nothing the fast reading leaves to the loader


# Where YAML 1.1 (PyYAML) and 1.2 (yaml_rs) read differently, or the loader has something to say.
DIFFERENT = ["a: yes\n", "a: No\n", "a: on\n", "a: y\n", "a: 010\n", "a: 0o17\n", "a: 0x1F\n", "a: 0b101\n", "a: 1e3\n",
             "a: 1_000\n", "a: 1:30\n", "a: .inf\n", "a: -.nan\n", "a: 1.50\n", "a: 5.\n", "a: +1\n", "a: 0.000001\n",
             "a: 1234567890123456\n", "a: 12345678901234.56\n", "1.1: x\n", "2: x\n", "true: x\n", "~: x\n", "<<: x\n",
             "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "a: 1\n---\nb: 2\n", "--- \na: 1\n", "a: 1\n...\n",
             "? a\n: 1\n", "%YAML 1.1\n---\na: 1\n", "a: \"line\n  two\"\n", "a: >\n  folded\n", "a: 'it''s'\n",
             "a: \"\\u00e9\"\n", "a:\t1\n", "a: 1\r\nb: 2\r\n", "a: x\u0085b\n", "a: x\u2028y\n", "a: \x07\n", "a: 1",
             "a: \"e\u0301\"\n", "a: \"\u202etxet\"\n", "a: \"B\u00e9 Y t\u00d5 \u00ae\u00bc\"\n", "a: [1, 2\n  , 3]\n",
             "a: [1, 2, ]\n", "a: {b: 1, b: 2}\n", "a: {b:1}\n", "a: [b: 1]\n", "a: |\n x\n  y\n", "a: |\n  x\n \n  y\n",
             "a: |2\n   x\n", "a: |+\n  x\n\n", "- |\n  x\n", "a: @x\n", "a: `x\n", "a: b: c\n", "a:\n  - 1\n - 2\n",
             "[a]: 1\n", "a: 2025-01-20\n", "a: 2025-1-5\n", "a: 2001-12-14 21:59:43.10 -5\n", "a: \"\"\n", "\"\": 1\n",
             "a: null\nb: Null\nc: ~\nd:\n", "a: |+ # c\n  x\n", "a: | # c\n  x\n", "a: %x\n", "a: ,x\n", "a: :x\n",
             "a: - x\n", ",a: 1\n", "|a: 1\n", "a: 1e-3\n", "a: +.5\n", "a: 1_0.5\n", "a: 0b11\n", "a: -.inf\n", "a: \"x\" # c\nb: 1 # d\n", "# only a comment\n", "   \n", "x\n",
             "a:\n" + "  b:\n" * 40 + "    c: 1\n", "- - - 1\n", "a: {b: [1, {c: d}]}\n"]


@pytest.mark.parametrize("text", DIFFERENT)
def test_where_the_readers_differ_the_fast_reading_agrees_or_steps_aside(text):
    agreed(text)


@pytest.mark.parametrize("text,data", [
    ("score: 78.5\nself_score: 100\nok: true\nnone:\n", {"score": Decimal("78.5"), "self_score": 100, "ok": True, "none": None}),
    ('"1.1":\n  result: "Đạt 89% kế hoạch; số: 12"\n  evidence:\n    - url: https://x.vn/a?b=1#c\n',
     {"1.1": {"result": "Đạt 89% kế hoạch; số: 12", "evidence": [{"url": "https://x.vn/a?b=1#c"}]}}),
    ('adjustments:\n  "2.3": {score: 49.5, note: "Thiếu minh chứng, trừ điểm."}\naccounts: [a-b, c]\n',
     {"adjustments": {"2.3": {"score": Decimal("49.5"), "note": "Thiếu minh chứng, trừ điểm."}}, "accounts": ["a-b", "c"]}),
    ("meeting:\n  minutes: |\n    Hội nghị: dòng một.\n\n    Dòng hai \"trích\".\n  date: 15/01/2025\n",
     {"meeting": {"minutes": "Hội nghị: dòng một.\n\nDòng hai \"trích\".\n", "date": "15/01/2025"}}),
    ("signed_on: 2025-01-20\n", {"signed_on": "2025-01-20"}),
])
def test_the_common_forms_are_read_the_fast_way(text, data):
    fast = agreed(text)
    assert repr(fast) == repr(data)


KEYS = st.sampled_from(["a", "b", "score", '"1.1"', "1.1", "yes", "2", '"x y"', "~", "a b", "Đạt"])
SCALARS = st.sampled_from(["yes", "No", "on", "true", "False", "null", "~", "", "0", "010", "-5", "+5", "0x1F", "1e3",
                           "1.5", "1.50", "5.", ".5", "-0.25", "1_000", "1:30", ".inf", "2025-01-20", "2025-1-5",
                           "12345678901234567", "text", "two words", "a:b", "a #b", "Việt Nam", "e\u0301", "@x",
                           "- x", "? x", "[1, 2]", "{a: 1}", "[1, 2, ]", "{a: 1, a: 2}", '"quoted"', '"1.1"', '"yes"',
                           '"a" b', "x # comment", "|", "|-", ">", "[a, {b: 1.5}]", "|+", "|2", ",x", ":x", "%x",
                           "0o17", "0b11", "1e-3", "-.inf", "+.5", "1_0.5", "15/01/2025", "https://x.vn/a?b=1#c"])


def _nested(inner):
    """A list of values, or a mapping's (key, value) pairs, one level down."""
    return st.one_of(st.lists(inner, min_size=1, max_size=3), st.lists(st.tuples(KEYS, inner), min_size=1, max_size=3))


TREES = st.recursive(SCALARS, _nested, max_leaves=10)


def _yaml(tree, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(tree, str):
        return f"{pad}{tree}\n" if tree not in ("|", "|-") else f"{pad}{tree}\n{pad}  literal line\n"
    lines = []
    for item in tree:
        key, value = item if isinstance(item, tuple) else (None, item)
        lead = f"{pad}{key}:" if key is not None else f"{pad}-"
        if isinstance(value, str):
            lines.append(f"{lead} {value}\n" if value not in ("|", "|-") else f"{lead} {value}\n{pad}  literal line\n")
        else:
            lines.append(f"{lead}\n" + _yaml(value, indent + 2))
    return "".join(lines)


@settings(max_examples=300, deadline=None)
@given(TREES)
def test_generated_texts_are_read_as_the_loader_reads_them_or_left_to_it(tree):
    agreed(_yaml(tree))


@pytest.mark.parametrize("deep", ["- " * 400_000 + "x\n", "a: " + "[" * 400_000 + "]" * 400_000 + "\n",
                                  "".join(" " * i + "k:\n" for i in range(1_400))])
def test_a_hostile_nesting_never_reaches_yaml_rs(deep):
    # Under the 1 MB limit of a data file, 400,000 nested dashes overflow yaml_rs' stack and kill the
    # process (a segmentation fault, not an error): the screen stops them first.
    assert len(deep.encode()) < 1024 * 1024
    assert yaml_fast.read(deep) is yaml_fast.UNSURE


def test_a_problem_in_a_file_read_the_fast_way_is_reported_at_its_line(tmp_path):
    source = sorted((MAIN / "submissions").rglob("*.yaml"))[0]
    text = source.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip().startswith("self_score:"))
    rows = text.splitlines(keepends=True)
    rows[line - 1] = rows[line - 1].split(":")[0] + ": mười\n"  # text where the schema wants a number
    broken = tmp_path / "broken.yaml"
    broken.write_text("".join(rows), encoding="utf-8")
    doc = load_file(broken, "broken.yaml")
    assert doc.unlocated is not None and doc.data is not None  # read the fast way: no lines yet
    assert doc.where(_path_to(doc.data, "mười")) == (line, rows[line - 1].index("mười") + 1)
    assert doc.unlocated is None
    assert doc.positions == _parse_text(Document("broken.yaml"), "".join(rows)).positions


def _path_to(data, wanted, at=()):
    if data == wanted:
        return at
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found = _path_to(value, wanted, at + (key,))
        if found is not None:
            return found
    return None


BASE = (MAIN / "clusters").rglob("h1.yaml").__next__().read_text(encoding="utf-8")[:1500].rsplit("\n", 1)[0] + "\n"
EDITS = st.lists(st.tuples(st.integers(0, len(BASE)), st.integers(0, 3),
                           st.sampled_from([" ", "  ", ":", ": ", "-", "- ", '"', "#", " #", "x", "\n", "\n  ", "1", ".",
                                            ",", "[", "]", "{", "}", "|", "|\n", "yes", "0", "\u0301", "đ"])),
                 min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(EDITS)
def test_a_file_broken_by_hand_is_read_as_the_loader_reads_it_or_left_to_it(edits):
    # A unit's staff edit by hand: whatever a few slips make of a real file, the fast reading never accepts
    # what the loader refuses or reads otherwise.
    text = BASE
    for at, cut, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + cut:]
    agreed(text)


def test_bad_submissions_of_the_corpus_go_the_fast_way_too():
    # tests/test_negative.py checks, through the CLI, the exact line of every problem of these cases: the
    # lines of a file read the fast way are found there, after the fact. This keeps that path exercised.
    fast = [p.name for p in sorted((TESTS / "negative").glob("*.yaml"))
            if yaml_fast.read(p.read_bytes().decode("utf-8", "replace")) is not yaml_fast.UNSURE]
    assert {"score-over-maximum.yaml", "negative-count.yaml", "self-score-mismatch.yaml"} <= set(fast)


def _without_header(case: BadInput) -> BadInput | None:
    """The case with its header comments taken out (they hold quotes, which the fast reading steps aside
    for) and its expected lines moved up, if the fast reading then takes the file; else None."""
    rows = case.content.split(b"\n") if case.content and not case.setup else []
    header = next((i for i, row in enumerate(rows) if not row.startswith(b"# ")), 0)
    body = b"\n".join(rows[header:])
    try:
        if not header or yaml_fast.read(body.decode("utf-8")) is yaml_fast.UNSURE:
            return None
    except UnicodeDecodeError:
        return None

    def moved(expected: str) -> str:
        where, text = expected.split(" ", 1)
        own = re.fullmatch(r"(\d+):(\d+)", where)
        return f"{int(own[1]) - header}:{own[2]} {text}" if own and int(own[1]) > header else expected
    return BadInput(case.name, case.category, case.place, [moved(e) for e in case.expect], body)


FAST_CASES = [c for c in map(_without_header, negative() + hostile()) if c is not None]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in FAST_CASES])
def test_the_bad_input_corpus_read_the_fast_way_says_the_same_at_the_same_lines(clean_repo, tmp_path, case):
    # Each problem of a file read the fast way is placed by the loader afterwards: at the same line and
    # column, through the real CLI, as when the loader read the file itself.
    check(case, clean_repo, tmp_path)


def test_enough_of_the_corpus_goes_the_fast_way():
    assert len(FAST_CASES) >= 20, [c.name for c in FAST_CASES]
