"""A YAML file checked against one of the package's JSON Schemas."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from site_builder.layout import PACKAGE
from site_builder.load.yamlfile import Document, load_file
from site_builder.validate.fast_schema import GatedValidator, validator_for
from site_builder.validate.schema_errors import Prefixed, schema_problems


@cache
def package_validator(name: str) -> GatedValidator:
    schema = json.loads((PACKAGE / "validate" / name).read_text(encoding="utf-8"))
    return validator_for(schema)


def load_validated(path: Path, display: str, schema_name: str, prefix: str) -> Document:
    """The document, with its schema problems; data is trustworthy only without errors."""
    doc = load_file(path, display)
    if not doc.problems or not any(p.is_error for p in doc.problems):
        doc.problems.extend(schema_problems(doc, package_validator(schema_name), Prefixed(prefix)))
    return doc
