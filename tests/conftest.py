"""Fixtures of the acceptance suite: a throw-away repository and the real CLI.

Every test runs `python -m site_builder` in a subprocess on files written to
disk, so what is tested is what a unit (or CI) would run.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

MAIN = Path(__file__).resolve().parents[1]
TESTS = MAIN / "tests"
POSITIVE = TESTS / "positive"
POSITIVE_BV_A = POSITIVE / "2025" / "year" / "cum-a" / "bv-a.yaml"
NEGATIVE = TESTS / "negative"
MANIFEST = NEGATIVE / "expectations.yaml"
SCHEMA_2025 = "rubric/schema/submission-2025.schema.json"
# Where a test case lands in the temporary repository unless it says otherwise.
DEFAULT_PLACE = "submissions/2025/year/cum-a/bv-a.yaml"
SUMMARY = re.compile(r"^Đã kiểm tra \d+ tệp: (\d+) lỗi, (\d+) cảnh báo\.$")

# Inputs of the positive example, chosen so that most rules do something
# (a deduction, a cap, a tier in the middle, a "not done").
FILL = {
    "1.1": {"so_nhiem_vu_cham": "2"},
    "1.2": {"score": "95.5"},
    "1.3": {"score": "70"},
    "1.4": {"score": "90"},
    "1.5": {"so_noi_dung_chua_khac_phuc": "1"},
    "1.6": {"score": "45.25"},
    "1.7.1": {"score": "10"},
    "1.7.2": {"so_truong_hop_tham_nhung": "0"},
    "1.8": {"score": "37.75"},
    "2.1": {"level": "tot"},
    "2.2": {"level": "kha"},
    "2.3": {"level": "tot"},
    "2.4": {"level": "kha"},
    "2.5": {"level": "trung_binh"},
    "3.1.1": {"done": "true"},
    "3.1.2.1": {"done": "true"},
    "3.1.2.2": {"done": "false"},
    "3.1.3": {"done": "true"},
    "3.2.1.1": {"done": "true"},
    "3.2.1.2": {"done": "true"},
    "3.2.1.3": {"done": "true"},
    "3.2.2.1": {"so_chuyen_de": "12"},
    "3.2.2.2": {"done": "true"},
    "3.3.1": {"done": "true"},
    "3.3.2.1": {"done": "true"},
    "3.3.2.2": {"done": "false"},
    "3.3.2.3": {"so_bai_tuyen_truyen": "7"},
    "3.3.2.4": {"so_guong_gioi_thieu": "4"},
    "3.4.1": {"so_ngay_cham": "3"},
    "3.4.2": {"so_ho_so_khong_du_dieu_kien": "1"},
    "3.4.3": {"so_ntvt_cap_tinh": "3", "so_khen_thuong_dot_xuat": "1"},
    "3.4.4": {"ty_le_lao_dong_truc_tiep": "62.5"},
    "3.4.5": {"done": "true"},
    "3.5": {"so_khieu_nai_vuot_cap": "0"},
    "3.6.1": {"done": "true"},
    "3.6.2": {"done": "true"},
    "3.7.1": {"done": "true"},
    "3.7.2": {"done": "true"},
    "3.7.3": {"done": "false"},
}

# The self score of every criterion of the positive example, worked out by
# hand from the document's rules (test_positive.py shows the arithmetic);
# sections are not entries of a submission.
SELF_SCORES = {
    "1.1": "98", "1.2": "95.5", "1.3": "70", "1.4": "90", "1.5": "49", "1.6": "45.25",
    "1.7": "40", "1.7.1": "10", "1.7.2": "30", "1.8": "37.75",
    "2.1": "50", "2.2": "20", "2.3": "50", "2.4": "30", "2.5": "10",
    "3.1": "30", "3.1.1": "20", "3.1.2": "5", "3.1.2.1": "5", "3.1.2.2": "0", "3.1.3": "10",
    "3.2": "51", "3.2.1": "30", "3.2.1.1": "10", "3.2.1.2": "10", "3.2.1.3": "10",
    "3.2.2": "21", "3.2.2.1": "6", "3.2.2.2": "15",
    "3.3": "17.5", "3.3.1": "5", "3.3.2": "12.5", "3.3.2.1": "5", "3.3.2.2": "0", "3.3.2.3": "3.5", "3.3.2.4": "4",
    "3.4": "33.75", "3.4.1": "9.25", "3.4.2": "9", "3.4.3": "2.5", "3.4.4": "3", "3.4.5": "10",
    "3.5": "10", "3.6": "10", "3.6.1": "5", "3.6.2": "5",
    "3.7": "7", "3.7.1": "5", "3.7.2": "2", "3.7.3": "0",
}

_ENTRY = re.compile(r'^  "(?P<id>[0-9.]+)":$')
_FIELD = re.compile(r"^    (?P<key>[a-z_]+):(?P<rest>.*)$")


# ---------------------------------------------------------------- the CLI

def run_cli(*args, cwd) -> tuple[int, str, str]:
    """The real command line, as a unit types it, from the repository root `cwd`."""
    env = dict(os.environ, PYTHONPATH=str(MAIN), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "site_builder", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


def run_check_jsonschema(*args, cwd) -> tuple[int, str]:
    exe = shutil.which("check-jsonschema")
    command = [exe] if exe else [sys.executable, "-m", "check_jsonschema"]
    done = subprocess.run([*command, *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=120)
    return done.returncode, done.stdout + done.stderr


def problem_lines(output: str) -> list[str]:
    """The located lines of a text report: everything but the summary line."""
    return [line for line in output.splitlines() if not SUMMARY.match(line)]


def summary_counts(output: str) -> tuple[int, int]:
    """(errors, warnings) of the summary, which must be the last line."""
    match = SUMMARY.match(output.splitlines()[-1])
    assert match, f"no summary line at the end of:\n{output}"
    return int(match[1]), int(match[2])


# ---------------------------------------------------------------- files

def new_template(repo: Path, unit="bv-a", year=2025, period="year", cluster="cum-a") -> str:
    code, out, err = run_cli("new", "--unit", unit, "--year", year, "--period", period,
                             "--cluster", cluster, "--output", "-", cwd=repo)
    assert (code, err) == (0, ""), err
    return out


def fill_template(template: str, fill: dict = FILL, self_scores: dict = SELF_SCORES) -> str:
    """The `new` template with every input, self score, result and evidence written in.

    Hints after the inputs stay where the template aligned them; a criterion
    absent from `self_scores` keeps an empty (optional) self_score.
    """
    out, current = [], None
    for line in template.splitlines():
        entry = _ENTRY.match(line)
        if entry:
            current = entry["id"]
        field = _FIELD.match(line)
        if field and current:
            key, rest = field["key"], field["rest"]
            if key in fill.get(current, {}):
                line = _with_value(line, key, fill[current][key], rest)
            elif key == "self_score" and current in self_scores:
                line = f"    self_score: {self_scores[current]}"
            elif key == "result":
                line = '    result: "Đã thực hiện theo kế hoạch năm."'
            elif key == "evidence":
                line = f'    evidence: ["https://syt.example.vn/minh-chung/bv-a/{current}"]'
        out.append(line)
    return "\n".join(out) + "\n"


def _with_value(line: str, key: str, value: str, rest: str) -> str:
    written = f"    {key}: {value}"
    if "#" not in rest:
        return written
    comment_col = line.index("#", len(f"    {key}:"))
    return written + " " * max(2, comment_col - len(written)) + line[comment_col:]


def set_field(text: str, cid: str, key: str, value: str | None) -> str:
    """The submission with one field of one criterion written (None deletes it)."""
    lines = text.splitlines()
    start = lines.index(f'  "{cid}":')
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines))
    at = next((i for i in range(start + 1, end) if lines[i].startswith(f"    {key}:")), None)
    if value is None:
        assert at is not None, f"{cid} has no {key}"
        del lines[at]
    elif at is None:
        lines.insert(start + 1, f"    {key}: {value}")
    else:
        lines[at] = f"    {key}: {value}"
    return "\n".join(lines) + "\n"


def place(repo: Path, relpath: str, content: str | bytes) -> Path:
    """A file written at `relpath` of the repository, byte for byte as given."""
    target = repo / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return target


def place_example(repo: Path, example: Path) -> str:
    """A positive example at its submissions/ path, with the evidence files it cites.

    A unit commits its evidence files along with its submission; the example
    cites some, so they are created (empty) where it says.
    """
    relpath = "submissions/" + example.relative_to(POSITIVE).as_posix()
    place(repo, relpath, example.read_bytes())
    for entry in yaml.safe_load(example.read_text(encoding="utf-8"))["criteria"].values():
        for item in entry.get("evidence") or []:
            url = item["url"] if isinstance(item, dict) else item
            if not re.match(r"^[a-z]+:", url):
                place(repo, url, b"")
    return relpath


# ---------------------------------------------------------------- negative cases

@dataclass
class Case:
    """A bad input and what `validate` must say about it.

    expect: "LINE:COL TEXT", TEXT being the whole message after "lỗi: ", or
    "cảnh báo: …" for a warning (tests/corpus.py turns it into the report line).
    """
    path: Path
    expect: list[str]
    schema_level: bool
    place: str = DEFAULT_PLACE
    category: str = ""
    # check-jsonschema itself stops with a traceback on it (.nan, .inf): kept out of its batch run.
    tool_crash: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def counts(self) -> tuple[int, int]:
        """(errors, warnings) expected."""
        warnings = sum(e.split(" ", 1)[1].startswith("cảnh báo:") for e in self.expect)
        return len(self.expect) - warnings, warnings

    @property
    def exit_code(self) -> int:
        return 1 if self.counts[0] else 0


def negative_cases() -> list[Case]:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    cases = []
    for path in sorted(NEGATIVE.glob("*.yaml")):
        if path == MANIFEST:
            continue
        # The manifest holds what a file cannot carry: all of it for byte-level
        # defects, only the category for the older cases (a header line more would move every line).
        extra = manifest.get(path.name) or {}
        spec = extra if "expect" in extra else {**_header(path), **extra}
        assert spec.get("expect"), f"{path.name}: no expectation, neither in its header nor in {MANIFEST.name}"
        cases.append(Case(path, spec["expect"], spec.get("schema-level") is True, spec.get("place", DEFAULT_PLACE),
                          spec.get("category", ""), spec.get("check-jsonschema") == "crashes"))
    return cases


def _header(path: Path) -> dict:
    """The '# key: value' lines that open a case file."""
    spec: dict = {"expect": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^# (expect|schema-level|place|why|category|check-jsonschema): (.*)$", line)
        if not match:
            break
        key, value = match.groups()
        if key == "expect":
            spec["expect"].append(value)
        elif key == "schema-level":
            spec[key] = value.strip() == "true"
        else:
            spec[key] = value.strip()
    return spec


# ---------------------------------------------------------------- fixtures

def copy_rubric(root: Path) -> None:
    # Cluster-refined schemas belong with clusters/, which this repository
    # does not have: without them the copy is consistent on its own.
    shutil.copytree(MAIN / "rubric", root / "rubric",
                    ignore=lambda folder, names: [n for n in names if re.fullmatch(r"submission-\d{4}-.+\.schema\.json", n)])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with nothing but a copy of the real rubric/ folder."""
    root = tmp_path / "repo"
    root.mkdir()
    copy_rubric(root)
    return root


@pytest.fixture
def valid_text(repo: Path) -> str:
    """A fully valid, filled submission for bv-a in cum-a, 2025, full year."""
    return fill_template(new_template(repo))


@pytest.fixture(scope="session")
def clean_repo(tmp_path_factory) -> Path:
    """The clean repository of the bad-input corpus (hostile_repo.py), made once and only copied."""
    from hostile_repo import make_base

    return make_base(tmp_path_factory.mktemp("corpus") / "clean")


# Hypothesis: a bounded search in CI, a long one on demand
# (HYPOTHESIS_PROFILE=long python -m pytest tests/test_engine_properties.py).
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", max_examples=150, deadline=None)
_hypothesis_settings.register_profile("long", max_examples=5000, deadline=None)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


# ---------------------------------------------------------------- the bad-input corpus summary

def pytest_configure(config):
    config.addinivalue_line("markers", "corpus(category): một trường hợp của kho dữ liệu xấu (tests/corpus.py)")


def pytest_collection_modifyitems(items):
    # Reports carry user_properties, not marks: the summary below reads them there.
    for item in items:
        mark = item.get_closest_marker("corpus")
        if mark:
            item.user_properties.append(("corpus", mark.args[0]))


def pytest_terminal_summary(terminalreporter):
    """One line: how many bad inputs were tried, by category, and whether all passed."""
    from corpus import summary_line

    category, failed = {}, set()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if not hasattr(report, "when"):
                continue  # "deselected" holds test items, not reports
            found = dict(report.user_properties)
            if "corpus" in found:
                category[report.nodeid] = found["corpus"]
                if report.failed:
                    failed.add(report.nodeid)
    if category:
        counts: dict[str, int] = {}
        for name in category.values():
            counts[name] = counts.get(name, 0) + 1
        terminalreporter.write_line(summary_line(counts, len(failed)))
