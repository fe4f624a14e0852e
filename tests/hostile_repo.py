"""The clean repository every case of the bad-input corpus is dropped into.

Small but complete, so that each bad file meets every check it could upset:
two years of cluster lists, two clusters, three submissions, the cluster
head's records, a write-up, and what `build` needs (mkdocs.yml, docs/, a git
commit). `validate` finds nothing wrong in it, so after a case is placed
every line it prints belongs to the case: the rest validates unchanged.

    clusters/2024/registry.yaml   cum-a: bv-a, bv-b, bv-x   (bv-x has left by 2025)
    clusters/2025/registry.yaml   cum-a: bv-a (head), bv-b (deputy), bv-c; cum-b: bv-d (head), bv-e
    clusters/2025/cum-a/          cluster.yaml (covenant), year.yaml (meeting; no agreement yet)
    submissions/2025/year/        cum-a/bv-a.yaml (the positive example), cum-a/bv-b.yaml, cum-b/bv-d.yaml
    writeups/2025/bv-a--mo-hinh-hay.md
"""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from conftest import POSITIVE_BV_A, copy_rubric, place, place_example
from repo_builder import submission

import test_site_support as support

REGISTRY_2025 = """\
    year: 2025
    department: {name: Sở Y tế thử nghiệm, accounts: [syt-tdkt]}
    settings: {flag_base: 12}
    clusters:
      - id: cum-a
        name: Cụm thi đua A
        head: bv-a
        deputy: bv-b
        members:
          - {id: bv-a, name: Bệnh viện A, kind: benh-vien, accounts: [bva-tdkt]}
          - {id: bv-b, name: Bệnh viện B, kind: benh-vien, accounts: [bvb-tdkt]}
          - {id: bv-c, name: Bệnh viện C, kind: benh-vien, accounts: [bvc-tdkt]}
      - id: cum-b
        name: Cụm thi đua B
        head: bv-d
        members:
          - {id: bv-d, name: Trung tâm Y tế D, kind: trung-tam-y-te, accounts: [ttd-tdkt]}
          - {id: bv-e, name: Trung tâm Y tế E, kind: trung-tam-y-te, accounts: [tte-tdkt]}
    """
REGISTRY_2024 = """\
    year: 2024
    department: {name: Sở Y tế thử nghiệm, accounts: [syt-tdkt]}
    clusters:
      - id: cum-a
        name: Cụm thi đua A
        head: bv-a
        members:
          - {id: bv-a, name: Bệnh viện A, kind: benh-vien, accounts: [bva-tdkt]}
          - {id: bv-b, name: Bệnh viện B, kind: benh-vien, accounts: [bvb-tdkt]}
          - {id: bv-x, name: Bệnh viện X, kind: benh-vien, accounts: [bvx-tdkt]}
    """
CLUSTER_YEAR = """\
    year: 2025
    cluster: cum-a
    covenant:
      signed_on: 15/01/2025
      place: Hội trường Bệnh viện A
      units: [bv-a, bv-b, bv-c]
    """
PERIOD_RECORD = """\
    year: 2025
    period: year
    cluster: cum-a
    meeting:
      date: 14/01/2026
      place: Hội trường Bệnh viện A
      minutes: |
        Hội nghị tổng kết năm 2025 của Cụm.
    """
WRITEUP = """\
    ---
    unit: bv-a
    year: 2025
    cluster: cum-a
    title: "Mô hình hay"
    date: 15/06/2025
    criteria: ["3.3.2.4"]
    ---
    Đoạn mở đầu.

    Nội dung bài viết.
    """
FILES = {
    "clusters/2025/registry.yaml": REGISTRY_2025,
    "clusters/2024/registry.yaml": REGISTRY_2024,
    "clusters/2025/cum-a/cluster.yaml": CLUSTER_YEAR,
    "clusters/2025/cum-a/year.yaml": PERIOD_RECORD,
    "writeups/2025/bv-a--mo-hinh-hay.md": WRITEUP,
}


def make_base(root: Path) -> Path:
    """The clean repository, written at `root` and committed (build dates come from HEAD)."""
    root.mkdir(parents=True)
    copy_rubric(root)
    shutil.copytree(support.MAIN / "docs", root / "docs")
    shutil.copy2(support.MAIN / "mkdocs.yml", root / "mkdocs.yml")
    for relpath, text in FILES.items():
        place(root, relpath, textwrap.dedent(text))
    place_example(root, POSITIVE_BV_A)
    place(root, "submissions/2025/year/cum-a/bv-b.yaml", submission("bv-b", "cum-a"))
    place(root, "submissions/2025/year/cum-b/bv-d.yaml", submission("bv-d", "cum-b"))
    (root / ".gitignore").write_text("/build/\n/site/\n", encoding="utf-8")
    support.commit_all(root, "Kho sạch cho kho dữ liệu xấu")
    return root
