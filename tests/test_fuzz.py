"""Fuzz and property tests: whatever a unit sends, validate answers 0, 1 or 2 and never crashes.

Bounded in CI by the hypothesis profile; the long run is
`HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py`.
Validation runs in-process through the real entry point, `cli.main`, so a
generated case costs milliseconds instead of a new interpreter.
"""
from __future__ import annotations

import contextlib
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from repo_builder import FULL, MAIN, submission

from site_builder.cli import main
from site_builder.load.yamlfile import load_bytes

# Each case runs the whole validator: a fifth of the profile's examples keeps CI short.
CLI_CASES = settings(max_examples=max(20, settings.default.max_examples // 5),
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
EXAMPLES = sorted((MAIN / "submissions").rglob("*.yaml"))[:12]
PLACE = "submissions/2025/year/cum-a/a.yaml"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(MAIN / "rubric", root / "rubric")
    (root / PLACE).parent.mkdir(parents=True)
    return root


def validate(root: Path, text: bytes) -> tuple[int, str]:
    (root / PLACE).write_bytes(text)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["validate", str(root / PLACE), "--root", str(root), "--format", "json"])
    return code, out.getvalue()


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=20),
                    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-1000, max_value=1000).map(str),
                    # What the bounded search above never made, and crashed validate: .nan, .inf, 30 digits.
                    st.floats(), st.integers(-10**40, 10**40))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


@CLI_CASES
@given(changes=st.dictionaries(st.sampled_from(sorted(FULL)), st.dictionaries(st.sampled_from(["score", "done", "level", "self_score", "evidence", "so_ngay_cham", "x"]), VALUES, max_size=3), max_size=4),
       drop=st.lists(st.sampled_from(sorted(FULL)), max_size=2))
def test_validate_never_crashes_and_exits_0_or_1(repo, changes, drop):
    data = yaml.safe_load(submission("a", "cum-a"))
    for cid, values in changes.items():
        data["criteria"][cid].update(values)
    for cid in drop:
        data["criteria"].pop(cid, None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    code, output = validate(repo, text)
    assert code in (0, 1), output
    if not changes and not drop:
        assert code == 0, output


VALID_INPUTS = st.fixed_dictionaries({
    # n/4 and n/10 as floats dump to the exact decimal text (12.25, 0.1), read back as Decimal.
    "1.2": st.integers(0, 400).map(lambda n: {"score": n / 4}),
    "3.4.1": st.integers(0, 100).map(lambda n: {"so_ngay_cham": n}),
    "3.2.2.1": st.integers(0, 60).map(lambda n: {"so_chuyen_de": n}),
    "3.4.4": st.integers(0, 1000).map(lambda n: {"ty_le_lao_dong_truc_tiep": n / 10}),
    "2.4": st.sampled_from(["tot", "kha", "trung_binh", "khong_dat"]).map(lambda k: {"level": k}),
})


@CLI_CASES
@given(VALID_INPUTS)
def test_a_valid_submission_recomputes_within_zero_and_max(repo, inputs):
    code, output = validate(repo, submission("a", "cum-a", inputs).encode())
    assert code == 0, output
    scores = json.loads(output)["scores"][PLACE]
    maxima = {"1.2": 100, "3.4.1": 10, "3.2.2.1": 15, "3.4.4": 10, "2.4": 40}
    for cid, maximum in maxima.items():
        assert Decimal(0) <= Decimal(scores[cid]) <= maximum
    assert Decimal(scores["3"]) <= 200 and Decimal(scores["1"]) <= 550


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EXAMPLES), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255), st.sampled_from(["flip", "insert", "delete"])), min_size=1, max_size=6))
def test_the_loader_survives_mutated_real_submissions(path, mutations):
    raw = bytearray(path.read_bytes())
    for position, byte, how in mutations:
        i = position % (len(raw) or 1)
        if how == "flip" and raw:
            raw[i] = byte
        elif how == "insert":
            raw.insert(i, byte)
        elif raw:
            del raw[i]
    doc = load_bytes(bytes(raw), "x.yaml")
    assert all(p.line >= 1 and p.col >= 1 and p.message for p in doc.problems)


def test_usage_errors_exit_2(repo):
    out = io.StringIO()
    with contextlib.redirect_stderr(out):
        assert main(["validate", str(repo / "nowhere.yaml"), "--root", str(repo)]) == 2
        assert main(["validate", "--format", "xml"]) == 2
        assert main([]) == 2


# Tokens that mean something to YAML or to the checks behind it, dropped anywhere in a real file.
TOKENS = ["&a ", "*a", "!!python/object/apply:os.system ", "!include ", "<<: ", "? ", "\t", "\n---\n", "%YAML 1.1\n",
          "[", "{", "]", "}", ": ", "'", '"', "\\", ".nan", ".inf", "9" * 40, "\u202e", "\u200b", "\x00", "\ufeff",
          "BÖnh viÖn ", "javascript:alert(1)", "../../../etc/passwd", "- ", "#", "yes", "010", "1:30", "2025-01-15"]


@CLI_CASES
@given(st.sampled_from(EXAMPLES), st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(TOKENS)), min_size=1, max_size=5))
def test_validate_survives_yaml_tokens_dropped_into_real_submissions(repo, path, inserts):
    text = path.read_text(encoding="utf-8")
    for position, token in inserts:
        i = position % (len(text) or 1)
        text = text[:i] + token + text[i:]
    code, output = validate(repo, text.encode("utf-8"))
    assert code in (0, 1), output
    assert "Traceback" not in output
