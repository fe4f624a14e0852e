"""`check-access --actor LOGIN BASE HEAD` for each role, on real pull requests in a real repository.

Accounts of the example registry 2025: ttyt-son-ha `ttytsonha-tdkt` (head unit of
cum-ttyt-phia-bac, which has no accounts of its own), ttyt-tan-lap
`ttyttanlap-tdkt`, cum-benh-vien-tinh `cum1-thuongtruc` and its head unit's
`bvdk-tdkt`, the Department `syt-songlam-tdkt` and `syt-songlam-vanphong`.
"""
from __future__ import annotations

import pytest

from gitrepo import (DEPARTMENT, HEAD_UNIT, RECORD, SON_HA, SUBMISSIONS, commit, department_files, example, git,
                     init, record_with_scores, replace_score, run_cli, submission)

SON_HA_FILE = f"{SUBMISSIONS}/ttyt-son-ha.yaml"
TAN_LAP_FILE = f"{SUBMISSIONS}/ttyt-tan-lap.yaml"
REGISTRY = "clusters/2025/registry.yaml"
OTHER_CLUSTER = "clusters/2025/cum-benh-vien-tinh/cluster.yaml"


@pytest.fixture
def repo(tmp_path):
    root = init(tmp_path / "repo")
    files = department_files()
    files[OTHER_CLUSTER] = example(OTHER_CLUSTER)
    commit(root, "Sở Y tế", files)
    commit(root, "Nộp bài", {SON_HA_FILE: submission("ttyt-son-ha"), TAN_LAP_FILE: submission("ttyt-tan-lap"),
                             RECORD: record_with_scores(["ttyt-son-ha"])})
    return root


def pull_request(root, files: dict, who=SON_HA, message="Pull request") -> tuple[str, str]:
    """A branch off main with one commit; returns (BASE, HEAD)."""
    base = git(root, "rev-parse", "main")
    git(root, "checkout", "-q", "-B", "pr", base)
    head = commit(root, message, files, who=who)
    git(root, "checkout", "-q", "main")
    return base, head


def check(root, actor, base, head, *more):
    return run_cli("check-access", "--actor", actor, base, head, *more, cwd=root)


def refusals(out: str) -> list[str]:
    return [line for line in out.splitlines() if not line.startswith("Đã kiểm tra ")]


def corrected(text: str) -> str:
    return replace_score(text, "1.2", "74.75", "80")


def test_unit_may_change_its_own_submission(repo):
    base, head = pull_request(repo, {SON_HA_FILE: corrected(submission("ttyt-son-ha"))})
    assert check(repo, "ttytsonha-tdkt", base, head) == (0, "Tài khoản 'ttytsonha-tdkt' được phép sửa cả 1 tệp của pull request.\n", "")


def test_logins_compare_case_insensitively_as_on_github(repo):
    base, head = pull_request(repo, {SON_HA_FILE: corrected(submission("ttyt-son-ha"))})
    assert check(repo, "TTYTSonHa-TDKT", base, head)[0] == 0


def test_unit_may_not_change_another_units_submission(repo):
    base, head = pull_request(repo, {TAN_LAP_FILE: submission("ttyt-tan-lap") + "# sửa hộ\n"})
    code, out, err = check(repo, "ttytsonha-tdkt", base, head)
    assert (code, err) == (1, "")
    assert refusals(out) == [
        f"{TAN_LAP_FILE}:1:1: lỗi: Tài khoản 'ttytsonha-tdkt' không được sửa tệp này: đây là tệp của đơn vị "
        "'ttyt-tan-lap'; chỉ tài khoản của đơn vị đó được sửa (ttyttanlap-tdkt)."]
    assert out.splitlines()[-1] == "Đã kiểm tra 1 tệp: 1 lỗi, 0 cảnh báo."


def test_unit_may_not_change_the_rubric(repo):
    rubric = (repo / "rubric/2025.yaml").read_text(encoding="utf-8")
    base, head = pull_request(repo, {"rubric/2025.yaml": rubric + "# thêm điểm\n"})
    code, out, _ = check(repo, "ttytsonha-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        "rubric/2025.yaml:1:1: lỗi: Tài khoản 'ttytsonha-tdkt' không được sửa tệp này: đây là tệp do Sở Y tế quản lý "
        "(bộ tiêu chí, danh sách cụm, cấu hình kho); chỉ tài khoản của Sở Y tế được sửa (syt-songlam-tdkt, syt-songlam-vanphong)."]


def test_a_pull_request_cannot_grant_itself_rights_in_the_registry(repo):
    registry = (repo / REGISTRY).read_text(encoding="utf-8")
    granted = registry.replace("accounts: [ttyttanlap-tdkt]", "accounts: [ttyttanlap-tdkt, ttytsonha-tdkt]")
    assert granted != registry
    base, head = pull_request(repo, {REGISTRY: granted, TAN_LAP_FILE: submission("ttyt-tan-lap") + "# sửa hộ\n"})
    code, out, _ = check(repo, "ttytsonha-tdkt", base, head)
    assert code == 1
    assert [line.split(":1:1: ")[0] for line in refusals(out)] == [REGISTRY, TAN_LAP_FILE]
    assert "chỉ tài khoản của Sở Y tế được sửa (syt-songlam-tdkt, syt-songlam-vanphong)." in refusals(out)[0]


def test_rename_counts_for_the_old_and_the_new_path(repo):
    base = git(repo, "rev-parse", "main")
    git(repo, "checkout", "-q", "-B", "pr", base)
    git(repo, "mv", TAN_LAP_FILE, f"{SUBMISSIONS}/ttyt-dong-xuan.yaml")
    head = commit(repo, "Đổi tên", who=SON_HA)
    git(repo, "checkout", "-q", "main")
    code, out, _ = check(repo, "ttyttanlap-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        f"{SUBMISSIONS}/ttyt-dong-xuan.yaml:1:1: lỗi: Tài khoản 'ttyttanlap-tdkt' không được đổi tên (từ {TAN_LAP_FILE}) "
        "thành tệp này: đây là tệp của đơn vị 'ttyt-dong-xuan'; chỉ tài khoản của đơn vị đó được sửa (ttytdongxuan-tdkt)."]
    code, out, _ = check(repo, "ttytdongxuan-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        f"{TAN_LAP_FILE}:1:1: lỗi: Tài khoản 'ttytdongxuan-tdkt' không được đổi tên (chuyển đi thành "
        f"{SUBMISSIONS}/ttyt-dong-xuan.yaml) tệp này: đây là tệp của đơn vị 'ttyt-tan-lap'; chỉ tài khoản của đơn vị đó "
        "được sửa (ttyttanlap-tdkt)."]


def test_unit_may_move_its_own_file_between_periods(repo):
    base = git(repo, "rev-parse", "main")
    git(repo, "checkout", "-q", "-B", "pr", base)
    (repo / "submissions/2025/h1/cum-ttyt-phia-bac").mkdir(parents=True)
    git(repo, "mv", SON_HA_FILE, "submissions/2025/h1/cum-ttyt-phia-bac/ttyt-son-ha.yaml")
    head = commit(repo, "Chuyển kỳ", who=SON_HA)
    assert check(repo, "ttytsonha-tdkt", base, head)[0] == 0


def test_deleting_another_units_file_is_refused(repo):
    base, head = pull_request(repo, {TAN_LAP_FILE: None})
    code, out, _ = check(repo, "ttytsonha-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        f"{TAN_LAP_FILE}:1:1: lỗi: Tài khoản 'ttytsonha-tdkt' không được xóa tệp này: đây là tệp của đơn vị "
        "'ttyt-tan-lap'; chỉ tài khoản của đơn vị đó được sửa (ttyttanlap-tdkt)."]


def test_cluster_head_may_change_its_clusters_records(repo):
    record = (repo / RECORD).read_text(encoding="utf-8")
    base, head = pull_request(repo, {RECORD: record.replace('"1.2": 74.75', '"1.2": 70')}, who=HEAD_UNIT)
    assert check(repo, "ttytsonha-tdkt", base, head)[0] == 0
    code, out, _ = check(repo, "ttyttanlap-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        f"{RECORD}:1:1: lỗi: Tài khoản 'ttyttanlap-tdkt' không được sửa tệp này: đây là hồ sơ của cụm "
        "'cum-ttyt-phia-bac' năm 2025; chỉ Cụm trưởng được sửa (ttytsonha-tdkt)."]


def test_cluster_head_may_not_change_another_clusters_records(repo):
    other = (repo / OTHER_CLUSTER).read_text(encoding="utf-8")
    base, head = pull_request(repo, {OTHER_CLUSTER: other + "# sửa hộ\n"}, who=HEAD_UNIT)
    code, out, _ = check(repo, "ttytsonha-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        f"{OTHER_CLUSTER}:1:1: lỗi: Tài khoản 'ttytsonha-tdkt' không được sửa tệp này: đây là hồ sơ của cụm "
        "'cum-benh-vien-tinh' năm 2025; chỉ Cụm trưởng được sửa (bvdk-tdkt, cum1-thuongtruc)."]
    assert check(repo, "cum1-thuongtruc", base, head)[0] == 0


def test_department_may_change_the_rubric_and_the_registry_but_not_a_units_figures(repo):
    rubric = (repo / "rubric/2025.yaml").read_text(encoding="utf-8")
    registry = (repo / REGISTRY).read_text(encoding="utf-8")
    base, head = pull_request(repo, {"rubric/2025.yaml": rubric + "# ghi chú\n", REGISTRY: registry + "# ghi chú\n",
                                     ".github/CODEOWNERS": "* @syt-songlam-tdkt\n"}, who=DEPARTMENT)
    assert check(repo, "syt-songlam-vanphong", base, head) == (0, "Tài khoản 'syt-songlam-vanphong' được phép sửa cả 3 tệp của pull request.\n", "")
    base, head = pull_request(repo, {SON_HA_FILE: corrected(submission("ttyt-son-ha"))}, who=DEPARTMENT)
    assert check(repo, "syt-songlam-tdkt", base, head)[0] == 1


def test_software_is_not_for_unit_accounts_but_is_for_developers(repo):
    base, head = pull_request(repo, {"site_builder/score/rules.py": "# đổi cách tính\n"})
    code, out, _ = check(repo, "ttytsonha-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        "site_builder/score/rules.py:1:1: lỗi: Tài khoản 'ttytsonha-tdkt' không được thêm tệp này: tài khoản của đơn vị "
        "hoặc của Cụm chỉ được sửa tệp của chính mình, không sửa phần mềm hay tài liệu."]
    assert check(repo, "lap-trinh-vien", base, head)[0] == 0
    assert check(repo, "syt-songlam-tdkt", base, head)[0] == 0


def test_write_ups_belong_to_their_unit(repo):
    own, other = "writeups/2025/ttyt-son-ha--so-hoa-ho-so.md", "writeups/2025/ttyt-tan-lap--mo-hinh-moi.md"
    base, head = pull_request(repo, {own: "---\ntitle: Số hóa\n---\nNội dung.\n"})
    assert check(repo, "ttytsonha-tdkt", base, head)[0] == 0
    base, head = pull_request(repo, {other: "---\ntitle: Mô hình\n---\nNội dung.\n"})
    code, out, _ = check(repo, "ttytsonha-tdkt", base, head)
    assert code == 1
    assert refusals(out) == [
        f"{other}:1:1: lỗi: Tài khoản 'ttytsonha-tdkt' không được thêm tệp này: đây là tệp của đơn vị 'ttyt-tan-lap'; "
        "chỉ tài khoản của đơn vị đó được sửa (ttyttanlap-tdkt)."]


def test_github_annotations(repo):
    base, head = pull_request(repo, {TAN_LAP_FILE: None})
    code, out, _ = check(repo, "ttytsonha-tdkt", base, head, "--format", "github")
    assert code == 1
    assert out.splitlines()[0].startswith(f"::error file={TAN_LAP_FILE},line=1,col=1,title=Lỗi nộp bài::Tài khoản 'ttytsonha-tdkt' không được xóa")


def test_missing_actor_is_a_usage_error(repo):
    code, _, err = run_cli("check-access", "main", "main", cwd=repo)
    assert code == 2
    assert "--actor" in err
