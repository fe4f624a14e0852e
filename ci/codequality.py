"""`validate --format json` → GitLab code quality report, plus the same lines as `--format text`.

GitLab has no `::error` annotations; a code quality report is what its merge
request page shows next to the changed files. Usage:

    python ci/codequality.py VALIDATE_JSON REPORT_JSON
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

SEVERITY = {"error": "major", "warning": "minor"}
WORD = {"error": "lỗi", "warning": "cảnh báo"}


def issue(problem: dict) -> dict:
    where = f"{problem['path']}:{problem['line']}:{problem['col']}"
    # Same problem at the same place → same fingerprint, so GitLab can tell
    # new findings of a merge request from those already on the target branch.
    key = f"{where}|{problem['code']}|{problem['message']}".encode("utf-8")
    return {
        "type": "issue",
        "check_name": problem["code"],
        "description": problem["message"],
        "severity": SEVERITY[problem["severity"]],
        "fingerprint": hashlib.sha256(key).hexdigest(),
        "location": {"path": problem["path"], "lines": {"begin": problem["line"]}},
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    payload = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    problems = payload["problems"]
    Path(argv[1]).write_text(json.dumps([issue(p) for p in problems], ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    for p in problems:
        print(f"{p['path']}:{p['line']}:{p['col']}: {WORD[p['severity']]}: {p['message']}")
    print(f"Đã kiểm tra {payload['files']} tệp: {payload['errors']} lỗi, {payload['warnings']} cảnh báo.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
