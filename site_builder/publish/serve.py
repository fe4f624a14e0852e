"""serve: the site rebuilt whenever a YAML or Markdown file of the repository changes, with live reload.

Every rebuild is the full build (pages from the data, then MkDocs), so what
is served is what `build` publishes. A rebuild that fails prints why and
keeps serving the previous site, which the build leaves intact.
"""
from __future__ import annotations

import sys
from pathlib import Path

from site_builder.problems import InputError, UsageError
from site_builder.publish.mkdocs_run import site_dir
from site_builder.publish.site_build import build_site
from site_builder.report import text as report_text

WATCHED = ["rubric", "clusters", "submissions", "writeups", "docs", "mkdocs.yml"]


def _rebuild(root: Path, strict: bool, templates: Path | None, history: bool = True) -> None:
    try:
        build_site(root, strict=strict, templates=templates, history=history)
    except InputError as exc:
        report_text(exc.problems, len({p.path for p in exc.problems}), out=sys.stderr)
    except UsageError as exc:
        print(exc, file=sys.stderr)


def serve(root: Path, host: str, port: int, strict: bool = False, templates: Path | None = None,
          history: bool = True) -> int:
    from mkdocs.livereload import LiveReloadServer

    root = Path(root).resolve()
    _rebuild(root, strict, templates, history)
    target = site_dir(root)
    target.mkdir(parents=True, exist_ok=True)
    server = LiveReloadServer(builder=lambda: _rebuild(root, strict, templates, history), host=host, port=port, root=str(target))
    for name in WATCHED + ([str(templates)] if templates else []):
        if (root / name).exists():
            server.watch(str(root / name))
    print(f"Đang phục vụ trang tại {server.url} (Ctrl+C để dừng); tự xây dựng lại khi dữ liệu thay đổi.", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
