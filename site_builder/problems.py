"""One kind of finding for every stage: a located, Vietnamese message."""
from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# Fixed exit codes, as pre-commit does: callers and CI rely on them.
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = ERROR
    code: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


class UsageError(Exception):
    """The command line itself is wrong (exit 2)."""


class InputError(Exception):
    """Input that cannot be processed at all; carries its problems (exit 1)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    def __reduce__(self):
        # Sent back whole from a build step run in a second process (site_builder/forked.py).
        return type(self), (self.problems,)


def has_errors(problems) -> bool:
    return any(p.is_error for p in problems)
