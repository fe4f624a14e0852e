""".gitlab-ci.yml: its structure, GitLab's own schema, and its merge-request jobs run in order on a real repository."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from ci_repo import TAN_LAP_FILE, TAN_LAP_LOGIN, base_repository, pull_request
from gitrepo import commit, git, replace_score, submission

MAIN = Path(__file__).resolve().parents[1]
PIPELINE = MAIN / ".gitlab-ci.yml"
MR = '$CI_PIPELINE_SOURCE == "merge_request_event"'
DEFAULT_BRANCH = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"'


def pipeline() -> dict:
    return yaml.safe_load(PIPELINE.read_text(encoding="utf-8"))


def job(name: str) -> dict:
    """A job with its `extends` applied (one level, as this file uses it)."""
    config = pipeline()
    merged = {}
    for parent in [config[name].get("extends")] if config[name].get("extends") else []:
        merged.update(config[parent])
    merged.update(config[name])
    return merged


def jobs() -> dict:
    return {name: job(name) for name, value in pipeline().items() if isinstance(value, dict) and "script" in value}


def test_gitlabs_schema_accepts_the_pipeline():
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(PIPELINE)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_stages_and_jobs_are_the_merge_request_checks_then_pages():
    config = pipeline()
    assert config["stages"] == ["validate", "report", "build", "deploy"]
    assert {name: j["stage"] for name, j in jobs().items()} == {
        "validate": "validate", "report": "report", "build": "build", "pages": "deploy"}
    # The history and the review report need every commit; GitLab clones 20.
    assert config["variables"]["GIT_DEPTH"] == "0"
    assert [rule["if"] for rule in config["workflow"]["rules"]] == [MR, DEFAULT_BRANCH]


def test_each_merge_request_job_runs_one_stage_of_the_shared_script_and_only_there():
    for name in ("validate", "report", "build"):
        j = job(name)
        assert [rule["if"] for rule in j["rules"]] == [MR], name
        assert j["script"] == [
            f'ci/pr-check.sh --only {name} "$CI_MERGE_REQUEST_DIFF_BASE_SHA" "$CI_COMMIT_SHA" "$GITLAB_USER_LOGIN"']
    assert job("validate")["artifacts"]["reports"]["codequality"] == "ci-out/gl-code-quality-report.json"
    assert job("report")["rules"][0]["when"] == "always"


def test_pages_is_published_only_from_the_default_branch():
    pages = job("pages")
    assert [rule["if"] for rule in pages["rules"]] == [DEFAULT_BRANCH]
    assert pages["script"] == ["ci/publish.sh public"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["resource_group"] == "pages" and pages["interruptible"] is False
    others = [name for name, j in jobs().items() if name != "pages" and DEFAULT_BRANCH in str(j.get("rules"))]
    assert others == []


def run_job(name: str, root: Path, variables: dict) -> subprocess.CompletedProcess:
    """The job's script lines in a shell, with the job's variables and GitLab's predefined ones."""
    config = pipeline()
    env = dict(os.environ, PYTHONPATH=str(MAIN), PYTHON=sys.executable, PYTHONIOENCODING="utf-8",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    env.pop("GITHUB_STEP_SUMMARY", None)
    env.update(config["variables"], **job(name).get("variables", {}), **variables)
    script = "set -e\n" + "\n".join(job(name)["script"])
    return subprocess.run(["bash", "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=600)


def with_ci_scripts(root: Path) -> None:
    # The jobs call ci/… of the repository they run in.
    shutil.copytree(MAIN / "ci", root / "ci")
    commit(root, "Kịch bản CI", {str(p.relative_to(root)): p.read_bytes() for p in (root / "ci").iterdir()})


def test_a_merge_request_pipeline_runs_clean_then_pages_publish_public(tmp_path):
    root = tmp_path / "repo"
    base_repository(root)
    with_ci_scripts(root)
    base = git(root, "rev-parse", "HEAD")
    head = pull_request(root, {TAN_LAP_FILE: replace_score(submission("ttyt-tan-lap"), "1.2", "71.5", "72")})
    predefined = {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "CI_COMMIT_SHA": head, "GITLAB_USER_LOGIN": TAN_LAP_LOGIN}

    for name in ("validate", "report", "build"):
        done = run_job(name, root, predefined)
        assert done.returncode == 0, f"{name}:\n{done.stdout}\n{done.stderr}"
        assert "::error" not in done.stdout

    assert json.loads((root / "ci-out" / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
    summary = (root / "ci-out" / "summary.md").read_text(encoding="utf-8")
    assert "Trung tâm Y tế huyện Tân Lập" in summary and head in summary

    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--ff-only", "nop-bai")
    done = run_job("pages", root, {"CI_COMMIT_SHA": head})
    assert done.returncode == 0, done.stderr
    assert (root / "public" / "index.html").is_file()
