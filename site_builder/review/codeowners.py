"""`.github/CODEOWNERS` from the registries, so GitHub asks the right people to review each path.

The same owners as check-access (review/access.py): cluster heads their
clusters' folders, units their submission files and write-ups, the Department
the rubric, the registries and the repository's settings. check-access is
what enforces it on every pull request; CODEOWNERS makes GitHub request the
right reviewers.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from site_builder import layout
from site_builder.load.repository import Repository
from site_builder.problems import InputError, Problem, has_errors

PATH = Path(".github") / "CODEOWNERS"


def handles(accounts: list[str]) -> str:
    # The registry schema allows only GitHub-login-shaped accounts, so each is one safe word here.
    return " ".join(f"@{a}" for a in accounts)


def codeowners_text(root: Path) -> str:
    """The file's content; InputError when a registry is broken (owners cannot be known)."""
    repo = Repository(root)
    years = [repo.registry(year) for year in layout.registry_years(root)]
    if has_errors(repo.problems) or not years:
        raise InputError(repo.problems or [_no_registry()])
    data = [{"year": r.year, "clusters": [_cluster(c) for c in r.clusters]} for r in years]
    env = Environment(loader=FileSystemLoader(str(layout.TEMPLATES / "review")), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    # A name is free text: kept on one line so that it can never become a rule of its own.
    env.filters.update(handles=handles, oneline=lambda text: " ".join(str(text).split()))
    return env.get_template("CODEOWNERS.j2").render(years=data, department=years[-1].department_accounts)


def _cluster(cluster) -> dict:
    return {"id": cluster.id, "name": cluster.name, "head": cluster.head, "owners": cluster.head_accounts(),
            "members": cluster.members}


def _no_registry() -> Problem:
    return Problem("clusters", 1, 1, "Chưa có danh sách cụm nào (clusters/<năm>/registry.yaml): không biết ai sở hữu tệp nào.", code="codeowners.no-registry")
