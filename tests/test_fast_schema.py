"""The fast schema gate never changes a verdict: what jsonschema-rs passes, Python's jsonschema passes too.

Every document the Python validator rejects must reach it (the gate may only
let through documents without errors), for submissions and cluster records
alike, including the values the Rust side cannot take.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from site_builder.layout import PACKAGE
from site_builder.load.yamlfile import load_file
from site_builder.validate.fast_schema import GatedValidator
from site_builder.validate.schema_errors import to_json

MAIN = Path(__file__).resolve().parents[1]
SUBMISSION = MAIN / "submissions/2025/year/cum-benh-vien-tinh/bv-san-nhi.yaml"
RECORD = MAIN / "clusters/2025/cum-benh-vien-tinh/year.yaml"


def _breakages(data: dict, section: str):
    """Each yields a copy with one thing wrong (or, for the last ones, right but unusual)."""
    first = next(iter(data[section]))
    changes = [
        lambda d: d.pop("year"),
        lambda d: d.update(year="2025"),
        lambda d: d.update(extra=1),
        lambda d: d.update(cluster="Cụm Một"),
        lambda d: d.update(cluster="cum-a\n"),  # Python's `$` matches before a final newline, Rust's does not
        lambda d: d.update(year=10 ** 30),  # too big for Rust's integers
        lambda d: d.update(year=True),
        lambda d: d[section].update({first: None}),
        lambda d: d[section].update({first: 0.3} if section == "scores" else {first: {"score": 0.3}}),
    ]
    for change in changes:
        broken = copy.deepcopy(data)
        change(broken)
        yield broken


@pytest.mark.parametrize("path,schema,section", [
    (SUBMISSION, MAIN / "rubric/schema/submission-2025.schema.json", "criteria"),
    (RECORD, PACKAGE / "validate/cluster-period.schema.json", "scores"),
])
def test_gate_gives_the_python_verdict(path, schema, section):
    schema = json.loads(schema.read_text(encoding="utf-8"))
    gated, python = GatedValidator(schema), Draft202012Validator(schema)
    data = to_json(load_file(path).data)
    assert gated.fast is not None, "jsonschema-rs is a dependency (pyproject.toml)"
    assert gated.is_valid(data) and python.is_valid(data)
    for broken in _breakages(data, section):
        assert [e.message for e in gated.iter_errors(broken)] == [e.message for e in python.iter_errors(broken)]
