"""The committed JSON Schema says what `validate` says, to check-jsonschema and to editors.

Cases marked schema-level are defects a JSON Schema can see: check-jsonschema
must reject them with a schema error. The others (encodings, YAML traps,
arithmetic, place in the tree) are beyond a schema: check-jsonschema must not
report a schema error for them, or the mark is wrong.
"""
from __future__ import annotations

import json

import pytest

from conftest import (POSITIVE, SCHEMA_2025, copy_rubric, negative_cases, new_template, place,
                      run_check_jsonschema)

CASES = negative_cases()
EXAMPLES = sorted(POSITIVE.rglob("*.yaml"))


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, str]:
    """check-jsonschema's verdict on every case and example: 'ok', 'schema' or 'parse'.

    One run for all files (check-jsonschema takes seconds to start); the file
    name is the case's, the place in the tree does not matter to a schema.
    """
    root = tmp_path_factory.mktemp("check-jsonschema")
    copy_rubric(root)
    files = {f"cases/{c.name}": c.path.read_bytes() for c in CASES if not c.tool_crash}
    files.update({f"examples/{e.relative_to(POSITIVE).as_posix()}": e.read_bytes() for e in EXAMPLES})
    files["template.yaml"] = new_template(root).encode("utf-8")
    for name, content in files.items():
        place(root, name, content)
    code, out = run_check_jsonschema("-o", "json", "--schemafile", SCHEMA_2025, *files, cwd=root)
    report = json.loads(out)
    found = {name: "ok" for name in files}
    found.update({e["filename"]: "schema" for e in report["errors"]})
    found.update({e["filename"]: "parse" for e in report["parse_errors"]})
    assert code == (0 if set(found.values()) == {"ok"} else 1)
    return found


def test_schema_is_valid_against_its_metaschema(repo):
    code, out = run_check_jsonschema("--check-metaschema", SCHEMA_2025, cwd=repo)
    assert code == 0, out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.relative_to(POSITIVE).as_posix())
def test_positive_examples_pass(verdicts, example):
    assert verdicts[f"examples/{example.relative_to(POSITIVE).as_posix()}"] == "ok"


@pytest.mark.parametrize("case", [c for c in CASES if c.schema_level], ids=lambda c: c.name)
def test_schema_level_cases_fail_too(verdicts, case):
    assert verdicts[f"cases/{case.name}"] == "schema"


@pytest.mark.parametrize("case", [c for c in CASES if not c.schema_level and not c.tool_crash], ids=lambda c: c.name)
def test_other_cases_are_beyond_the_schema(verdicts, case):
    # Passes the schema, or is not even YAML that check-jsonschema can read.
    assert verdicts[f"cases/{case.name}"] in ("ok", "parse")


def test_template_left_empty_fails_both(verdicts):
    # The template `new` writes is not a submission until filled in: the schema
    # agrees with validate that empty inputs are errors.
    assert verdicts["template.yaml"] == "schema"


@pytest.mark.parametrize("case", [c for c in CASES if c.tool_crash], ids=lambda c: c.name)
def test_cases_that_stop_check_jsonschema_itself(repo, case):
    # .nan and .inf stop the Python jsonschema library with a traceback where
    # `validate` gives a located message: the mark says so, and is checked.
    place(repo, f"cases/{case.name}", case.path.read_bytes())
    code, out = run_check_jsonschema("--schemafile", SCHEMA_2025, f"cases/{case.name}", cwd=repo)
    assert code != 0 and "Traceback" in out, out
