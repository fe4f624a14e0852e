"""ci/publish.sh, the build step of both Pages jobs: full history or nothing."""
from __future__ import annotations

import os
import subprocess
import sys

from ci_repo import CI, base_repository
from gitrepo import MAIN


def publish(root, *args):
    env = dict(os.environ, PYTHONPATH=str(MAIN), PYTHON=sys.executable, PYTHONIOENCODING="utf-8",
               GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    return subprocess.run(["bash", str(CI / "publish.sh"), *args], cwd=root, env=env, capture_output=True, text=True,
                          timeout=600)


def test_a_shallow_checkout_publishes_nothing(tmp_path):
    origin = tmp_path / "origin"
    base_repository(origin)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(shallow)], check=True)

    done = publish(shallow, "public")

    assert done.returncode == 2
    assert "thiếu lịch sử" in done.stderr and "fetch-depth: 0" in done.stderr
    assert not (shallow / "site").exists() and not (shallow / "public").exists()
