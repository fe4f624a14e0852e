"""The MkDocs build, into a temporary folder that replaces site/ only when the build succeeded.

An interrupted or failed build therefore leaves the previous site intact.
The build runs through MkDocs' Python API with SOURCE_DATE_EPOCH set to the
commit's time, so the sitemap dates and its gzip header come from git.
"""
from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import sys
from pathlib import Path

from site_builder.problems import InputError, Problem


class _Stderr(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        word = {"WARNING": "cảnh báo", "ERROR": "lỗi"}.get(record.levelname, record.levelname.lower())
        print(f"mkdocs: {word}: {record.getMessage()}", file=sys.stderr)


@contextlib.contextmanager
def pinned_environment(commit):
    keep = {k: os.environ.get(k) for k in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING")}
    os.environ["SOURCE_DATE_EPOCH"] = str(commit.epoch)
    # Material prints a banner about MkDocs 2 when run as `mkdocs`; nothing to act on here.
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    try:
        yield
    finally:
        for key, value in keep.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def start_plugins(config) -> None:
    """The events `mkdocs build` sends around a build. MkDocs keeps each plugin for the whole process
    (`serve` rebuilds with the same ones), and Material's blog plugin writes its archive and category
    pages to a temporary folder it makes once and removes at shutdown: shut down at exit, once."""
    config.plugins.on_startup(command="build", dirty=False)
    for plugin in config.plugins.values():
        if not any(plugin is seen for seen in _SHUTDOWN_AT_EXIT):
            _SHUTDOWN_AT_EXIT.append(plugin)
            atexit.register(_shutdown, plugin, os.getpid())


_SHUTDOWN_AT_EXIT: list = []  # the plugins themselves: an id could be another's once one is gone


def _shutdown(plugin, pid: int) -> None:
    if os.getpid() == pid and hasattr(plugin, "on_shutdown"):  # not in a forked process exiting through here
        plugin.on_shutdown()


def site_dir(root: Path) -> Path:
    from mkdocs.config import load_config

    return Path(load_config(config_file=str(Path(root) / "mkdocs.yml")).site_dir)


def run_mkdocs(root: Path, target: Path, strict: bool, commit, built_from: str | None = None) -> None:
    """MkDocs builds into `target`; raises InputError with MkDocs' reason on failure. `built_from` is the
    line naming the commit, which MkDocs puts where the pages have its mark (source_line.py)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from site_builder.publish import page_cache
    from site_builder.publish.linked_files import linked_from
    from site_builder.publish.passthrough import install as install_passthrough
    from site_builder.publish.source_line import install as install_source_line

    config_file = Path(root) / "mkdocs.yml"
    if not config_file.exists():
        raise InputError([Problem("mkdocs.yml", 1, 1, "Thiếu tệp mkdocs.yml ở thư mục gốc của kho.", code="site.config")])
    handler = _Stderr(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        with pinned_environment(commit):
            config = load_config(config_file=str(config_file), site_dir=str(target), strict=strict,
                                 copyright=f"Xây dựng từ commit {commit.short}" + (" (có thay đổi chưa commit)" if commit.dirty else ""))
            install_passthrough(config)
            install_source_line(config, built_from)
            # Pages outside the menu whose Markdown did not change: last build's HTML (page_cache.py).
            start_plugins(config)
            with page_cache.session(root, config, built_from) as cache, linked_from(Path(root) / "build"):
                build(config)
                cache.written()
                cache.save(config)
    except (MkDocsException, OSError) as exc:
        raise InputError([Problem("mkdocs.yml", 1, 1, f"MkDocs không xây dựng được trang: {exc}", code="site.mkdocs")]) from None
    finally:
        logger.removeHandler(handler)


def swap(new: Path, site: Path) -> None:
    """`new` becomes `site`; the old site is removed only once the new one is in place."""
    old = new.with_name(new.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        shutil.move(str(site), str(old))
    shutil.move(str(new), str(site))
    shutil.rmtree(old, ignore_errors=True)
