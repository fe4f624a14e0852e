"""The sticky-comment script of binh-luan-pr.yml, run under Node.js as actions/github-script runs it.

The script text is taken from the workflow itself; only the GitHub API is
replaced, by a recorder holding the pull request and its comments, since the
test cannot reach GitHub. What is checked is what a hostile or stale artifact
could try: a forged pull request number, a report for an old commit, a report
too long for GitHub, a report that smuggles the marker, a second comment.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

MAIN = Path(__file__).resolve().parents[1]
HEAD = "a" * 40
MARKER = "<!-- site-builder:bao-cao-pr -->"

HARNESS = r"""
const calls = [];
const state = JSON.parse(process.env.STATE);
const core = {
  setFailed: (m) => calls.push(["setFailed", m]),
  notice: (m) => calls.push(["notice", m]),
};
const context = { repo: { owner: "so-y-te", repo: "thi-dua" } };
const github = {
  paginate: async (fn, params) => (await fn(params)).data,
  rest: {
    pulls: { get: async (p) => { calls.push(["pulls.get", p.pull_number]); return { data: state.pr }; } },
    issues: {
      listComments: async () => ({ data: state.comments }),
      createComment: async (p) => calls.push(["create", p.issue_number, p.body]),
      updateComment: async (p) => calls.push(["update", p.comment_id, p.body]),
    },
  },
};
(async () => { SCRIPT })().then(
  () => console.log(JSON.stringify(calls)),
  (e) => { console.error(e); process.exit(1); },
);
"""


def script() -> str:
    workflow = yaml.safe_load((MAIN / ".github" / "workflows" / "binh-luan-pr.yml").read_text(encoding="utf-8"))
    [job] = workflow["jobs"].values()
    return next(s for s in job["steps"] if s.get("uses", "").startswith("actions/github-script@"))["with"]["script"]


def run(tmp_path: Path, number: str, report: str, pr_head=HEAD, comments=()) -> list:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed (make lint-ci needs it too): apt-get install nodejs")
    folder = tmp_path / "bao-cao"
    folder.mkdir(exist_ok=True)
    (folder / "pr-number").write_text(number, encoding="utf-8")
    (folder / "comment.md").write_text(report, encoding="utf-8")
    harness = tmp_path / "harness.cjs"
    harness.write_text(HARNESS.replace("SCRIPT", script()), encoding="utf-8")
    state = {"pr": {"number": 7, "head": {"sha": pr_head}}, "comments": list(comments)}
    env = dict(os.environ, REPORT_DIR=str(folder), HEAD_SHA=HEAD, RUN_URL="https://example.invalid/run/1",
               CONCLUSION="failure", STATE=json.dumps(state))
    done = subprocess.run([node, str(harness)], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_first_report_creates_one_comment_naming_the_commit(tmp_path):
    calls = run(tmp_path, "7\n", "## Kiểm tra pull request\n\nbảng\n")
    assert calls[0] == ["pulls.get", 7]
    [(kind, number, body)] = calls[1:]
    assert (kind, number) == ("create", 7)
    assert body.startswith(MARKER) and f"commit {HEAD}" in body and "❌ Chưa đạt" in body
    assert body.endswith("## Kiểm tra pull request\n\nbảng\n")


def test_a_later_report_updates_the_bots_comment_and_leaves_people_alone(tmp_path):
    comments = [
        {"id": 1, "user": {"login": "bvmat-tdkt", "type": "User"}, "body": MARKER + " chép lại"},
        {"id": 2, "user": {"login": "github-actions[bot]", "type": "Bot"}, "body": MARKER + "\ncũ"},
    ]
    calls = run(tmp_path, "7", "mới", comments=comments)
    assert [c[:2] for c in calls[1:]] == [["update", 2]]


@pytest.mark.parametrize("number", ["7; echo x", "../7", "", "1e3", "7 8"])
def test_a_forged_number_is_refused_before_any_request(tmp_path, number):
    calls = run(tmp_path, number, "x")
    assert [c[0] for c in calls] == ["setFailed"]


def test_a_report_for_an_older_commit_is_not_posted(tmp_path):
    calls = run(tmp_path, "7", "x", pr_head="b" * 40)
    assert [c[0] for c in calls] == ["pulls.get", "notice"]


def test_a_long_report_is_cut_to_githubs_limit_with_a_note(tmp_path):
    calls = run(tmp_path, "7", "x" * 100_000)
    body = calls[-1][2]
    assert len(body) <= 65_000
    assert body.rstrip().endswith("bản đầy đủ ở phần tóm tắt của lần kiểm tra.")


def test_the_marker_inside_a_report_cannot_make_a_second_sticky_comment(tmp_path):
    calls = run(tmp_path, "7", f"a{MARKER}b")
    assert calls[-1][2].count(MARKER) == 1
