"""JSON Schema validation at the speed a 3,000-file repository needs, with the messages we already have.

Python's jsonschema takes 3 ms for a valid submission and 50 to 150 ms for a
cluster's period record (hundreds of `anyOf` scores); a repository of 3,000
scorecards spent most of its build there. jsonschema-rs (Rust, Draft 2020-12,
the same official test suite) answers "valid?" 40 times faster. It is only
the gate: a document it finds valid has no schema errors; any other document
goes through Python's jsonschema, whose errors schema_errors.py turns into the
Vietnamese messages. So the messages never change, and where the two libraries
could differ (Python's `$` also matches before a final newline), the Python
verdict is the one that stands, except that a document both accept is fast.
Without a jsonschema-rs wheel for the platform, everything goes the Python way.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

try:
    import jsonschema_rs
except ImportError:  # no wheel for this platform: slower, same results
    jsonschema_rs = None


class GatedValidator:
    """jsonschema's Draft202012Validator for errors, behind jsonschema-rs's yes/no."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.fast = jsonschema_rs.Draft202012Validator(schema) if jsonschema_rs else None
        self._full = None
        self._fingerprint: str | None = None

    @property
    def full(self):
        """Python's validator, made when a document needs its errors: importing jsonschema takes a tenth
        of a second, most of a one-file `validate`."""
        if self._full is None:
            from jsonschema import Draft202012Validator

            self._full = Draft202012Validator(self.schema)
        return self._full

    @property
    def fingerprint(self) -> str:
        """What a verdict depends on besides the document: the schema, both libraries, and the code that
        turns a document into JSON and asks them (load/parse_cache.py remembers valid versions by it)."""
        if self._fingerprint is None:
            from importlib import metadata  # a thirtieth of a second to import: only for a build's cache

            digest = hashlib.sha256(json.dumps(self.schema, sort_keys=True, default=str).encode())
            versions = [metadata.version("jsonschema")] + ([metadata.version("jsonschema-rs")] if jsonschema_rs else [])
            digest.update("\0".join(versions).encode())
            for module in (__file__, schema_errors_file()):
                digest.update(Path(module).read_bytes())
            self._fingerprint = digest.hexdigest()
        return self._fingerprint

    def iter_errors(self, instance):
        if self.fast is not None and self._fast_ok(instance):
            return iter(())
        return self.full.iter_errors(instance)

    def is_valid(self, instance) -> bool:
        return next(iter(self.iter_errors(instance)), None) is None

    def _fast_ok(self, instance) -> bool:
        try:
            return self.fast.is_valid(instance)
        except (ValueError, TypeError, OverflowError):
            return False  # a value Rust cannot take (a huge integer): let Python judge it


def schema_errors_file() -> str:
    from site_builder.validate import schema_errors

    return schema_errors.__file__


def validator_for(schema: dict) -> GatedValidator:
    return GatedValidator(schema)
