"""The files MkDocs copies out of the build's own folder, hard-linked into the site instead.

Page generation writes the open data (CSV, JSON and XLSX of every year: 135 MB
on the stress repository) into build/docs, and MkDocs copies each file into
the site: the same bytes written twice, while both cores write pages. A hard
link gives the site the very file without writing it again. Only files under
build/ are linked: nothing but the build writes there, and it writes new
files rather than changing old ones in place (generate.py moves the last
build's folder aside first), so a published file never changes under the
site. The page cache links the site's pages into build/cache the same way.
Where a link cannot be made (another file system, a file system without
links), the file is copied as before.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path


@contextlib.contextmanager
def linked_from(folder: Path):
    """While the block runs, MkDocs links the files it would copy from under `folder`."""
    import mkdocs.utils

    copy = mkdocs.utils.copy_file
    prefix = os.path.join(os.path.abspath(folder), "")

    def copy_file(source_path: str, output_path: str) -> None:
        if not os.path.abspath(source_path).startswith(prefix) or os.path.isdir(output_path):
            return copy(source_path, output_path)
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        try:
            os.link(source_path, output_path)
        except OSError:
            copy(source_path, output_path)

    mkdocs.utils.copy_file = copy_file
    try:
        yield
    finally:
        mkdocs.utils.copy_file = copy
