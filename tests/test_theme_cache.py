"""Parts of Material's template rendered once for a folder, or for sibling folders, are the parts each
page would get (publish/theme_cache.py): a real MkDocs build with and without the plugin, compared."""
from __future__ import annotations

import os

from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.publish.passthrough import install

# Menu pages at the top, in don-vi/ and inside one unit's folder (b); pages outside the menu in
# sibling folders (a, b, c), one level deeper (c/d) and in another tree (xep-hang/q).
NAV = ["index.md", "don-vi/index.md", "don-vi/b/index.md"]
OUTSIDE = ["don-vi/a/x.md", "don-vi/b/y.md", "don-vi/c/z.md", "don-vi/c/d/sau.md", "xep-hang/q/w.md", "xep-hang/q/v.md"]


def _site(root, with_plugin):
    site = root / ("site" if with_plugin else "plain")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
    if with_plugin:
        install(config)
    build(config)
    return site


def test_pages_outside_the_menu_are_as_material_renders_them(tmp_path):
    for name in NAV + OUTSIDE:
        page = tmp_path / "docs" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# Trang {name}\n\nNội dung của {name}.\n", encoding="utf-8")
    menu = "".join(f"  - {name}\n" for name in NAV)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n"
                                         f"plugins:\n  - search\nnav:\n{menu}", encoding="utf-8")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    plain, site = _site(tmp_path, False), _site(tmp_path, True)
    for name in NAV + OUTSIDE:
        page = name.replace(".md", ".html")
        assert (site / page).read_text(encoding="utf-8") == (plain / page).read_text(encoding="utf-8"), page
    # The menu's link into b is written from b as from nowhere else: the case sharing must leave out.
    inside_b = (site / "don-vi/b/y.html").read_text(encoding="utf-8")
    from_a = (site / "don-vi/a/x.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in inside_b and 'href="../b/index.html"' in from_a
