"""Timing and reporting for bench/run.py: wall and CPU time side by side, figures against targets.

Wall time is what a person waits for; CPU time (this process and its
children) is what the work costs, and stays meaningful when other jobs share
the machine. Both are printed so that a loaded machine shows as one.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MAIN = Path(__file__).resolve().parents[1]


@dataclass
class Timing:
    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(work, *args, **kwargs):
    """(result, Timing) of a call in this process, counting the child processes it waits for."""
    wall, cpu = time.perf_counter(), _cpu()
    result = work(*args, **kwargs)
    return result, Timing(time.perf_counter() - wall, _cpu() - cpu)


def run(argv: list[str], cwd: Path = MAIN, ok=(0,)) -> tuple[subprocess.CompletedProcess, Timing]:
    """A command as a user runs it: a new process, imports included."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done, timing = timed(subprocess.run, argv, cwd=cwd, capture_output=True, text=True, env=env)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, argv))} → mã {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done, timing


def site_builder(*args, root: Path, ok=(0,)) -> tuple[subprocess.CompletedProcess, Timing]:
    """A command run from the repository's root, as CI runs it (paths in `args` are relative to it)."""
    return run([sys.executable, "-m", "site_builder", *map(str, args)], cwd=root, ok=ok)


def git(root: Path, *args: str, env: dict | None = None) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **(env or {})}).stdout.strip()


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", ".")


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


@dataclass
class Figure:
    label: str
    measured: str
    target: str = ""
    met: bool | None = None  # None: no target, shown to explain the others

    def line(self) -> str:
        verdict = {True: "đạt", False: "**chưa đạt**", None: ""}[self.met]
        return f"| {self.label} | {self.measured} | {self.target} | {verdict} |"


def table(figures: list[Figure]) -> str:
    return "\n".join(["| số đo | kết quả | mục tiêu | |", "|---|---|---|---|"] + [f.line() for f in figures])


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
