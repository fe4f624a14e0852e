"""Links to the forge (GitHub, GitLab, Forgejo, Gitea) where the pull requests and commits live.

The address comes from mkdocs.yml: `extra.forge` (our own key) or MkDocs'
`repo_url`. `extra.forge` is preferred because setting `repo_url` also makes
the theme show a repository badge that, for github.com, asks GitHub's API for
its star count: a request leaving the intranet. Each forge spells its pull
request and commit paths differently, so the kind must be known; it is read
from `extra.forge.kind` or guessed from a github/gitlab host name. With no
address or an unknown kind there are no links: "#12" and the short id are
printed as plain text rather than pointing at a wrong page.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

# Paths relative to the repository's address: {n} a pull request number, {sha} a full commit id.
PATHS = {
    "github": ("/pull/{n}", "/commit/{sha}"),
    "gitlab": ("/-/merge_requests/{n}", "/-/commit/{sha}"),
    "forgejo": ("/pulls/{n}", "/commit/{sha}"),
    "gitea": ("/pulls/{n}", "/commit/{sha}"),
}


@dataclass(frozen=True)
class Forge:
    url: str | None = None
    kind: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.url) and self.kind in PATHS

    def pull_request(self, number: int | None) -> str | None:
        if number is None or not self.known:
            return None
        return self.url + PATHS[self.kind][0].format(n=int(number))

    def commit(self, sha: str) -> str | None:
        return self.url + PATHS[self.kind][1].format(sha=sha) if self.known else None


def forge_from(extra: dict | None, repo_url: str | None) -> Forge:
    """The forge of a MkDocs configuration's `extra` and `repo_url`."""
    setting = (extra or {}).get("forge")
    if isinstance(setting, str):
        setting = {"url": setting}
    setting = setting if isinstance(setting, dict) else {}
    url = _clean(setting.get("url") or repo_url)
    if url is None:
        return Forge()
    kind = str(setting.get("kind") or "").strip().lower() or _guess(url)
    return Forge(url, kind if kind in PATHS else None)


def _clean(url) -> str | None:
    """Only an http(s) address is linked: the links are published to the public."""
    text = str(url or "").strip().rstrip("/")
    if text.endswith(".git"):
        text = text[:-4]
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else None


def _guess(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    for kind in ("github", "gitlab"):
        if host == f"{kind}.com" or host.startswith(f"{kind}."):
            return kind
    return None
