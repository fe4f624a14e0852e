"""What a security review of .github/workflows checks first, as tests.

zizmor and actionlint (make lint-ci) find the known patterns; these tests hold
the rules of this repository that no linter knows: every action pinned to a
commit with its version, no token by default, the pull request's code never run
with a write token, the steps being the scripts that the tests run.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

MAIN = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((MAIN / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def by_name(name: str) -> dict:
    return load(MAIN / ".github" / "workflows" / name)


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"kiem-tra-pr.yml", "binh-luan-pr.yml", "xuat-ban.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert lines
    for line in lines:
        assert PINNED.match(line), f"{path.name}: not pinned to a 40-hex commit with '# vX.Y.Z': {line.strip()}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_token_by_default_and_each_job_says_what_it_needs(path):
    workflow = load(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{path.name}: job {name} has no permissions of its own"
        assert "write-all" not in str(job["permissions"])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_untrusted_values_reach_scripts_only_through_the_environment(path):
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}: expression inside run: {step.get('name')}"
        assert "${{" not in step.get("with", {}).get("script", ""), f"{path.name}: expression inside script:"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_fetch_all_history_and_keep_no_credentials(path):
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["fetch-depth"] == 0
            assert step["with"]["persist-credentials"] is False


def test_pull_requests_run_the_shared_script_read_only():
    workflow = by_name("kiem-tra-pr.yml")
    assert list(workflow["on"]) == ["pull_request"]
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    check = next(s for s in job["steps"] if "ci/pr-check.sh" in s.get("run", ""))
    assert check["run"] == 'ci/pr-check.sh "$BASE" "$HEAD" "$ACTOR" "$AUTHOR"'
    assert check["env"]["ACTOR"] == "${{ github.actor }}"
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and "comment.md" in upload["with"]["path"] and "pr-number" in upload["with"]["path"]


def test_the_comment_is_posted_without_the_pull_requests_code():
    workflow = by_name("binh-luan-pr.yml")
    assert workflow["on"]["workflow_run"]["workflows"] == [by_name("kiem-tra-pr.yml")["name"]]
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    used = [s.get("uses", "").split("@")[0] for s in job["steps"]]
    assert used == ["actions/download-artifact", "actions/github-script"]
    assert not any("run" in s for s in job["steps"])


def test_main_is_built_then_deployed_to_pages_one_at_a_time():
    workflow = by_name("xuat-ban.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    build, deploy = workflow["jobs"]["dung-trang"], workflow["jobs"]["xuat-ban"]
    assert build["permissions"] == {"contents": "read"}
    assert any(s.get("run") == "ci/publish.sh" for s in build["steps"])
    assert build["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    assert deploy["needs"] == "dung-trang"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_pages_build_starts_from_the_last_deployments_cache():
    """build/cache (what each commit did to the rankings, the pages rendered) and build/docs (the pages of
    each year and cluster) are restored before the build, so a deployment replays only the commits landed
    since the last one and keeps the pages whose data did not change."""
    steps = by_name("xuat-ban.yml")["jobs"]["dung-trang"]["steps"]
    actions = [s.get("uses", "").split("@")[0] for s in steps]
    cache = steps[actions.index("actions/cache")]
    assert cache["with"]["path"].split() == ["build/cache", "build/docs"]
    assert "${{ github.sha }}" in cache["with"]["key"]  # a cache is never overwritten: one per commit
    assert actions.index("actions/cache") < [s.get("run") for s in steps].index("ci/publish.sh")
