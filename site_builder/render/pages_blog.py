"""Best-practice write-ups published as Material's blog: one post per write-up, categories by cluster and year."""
from __future__ import annotations

from site_builder.render import links
from site_builder.render.markdown_safe import safe_html, split_excerpt


def write_blog(out, data) -> None:
    out.page(links.BLOG_INDEX, "site/blog_index.md.j2", count=len(data.writeups))
    for w in data.writeups:
        registry = data.registry(w.year)
        cluster = registry.cluster(w.cluster)
        unit = registry.unit(w.unit)
        intro, rest = split_excerpt(w.body)
        rubric = data.repo.rubric(w.year, w.cluster)
        out.page(links.post_source(w), "site/post.md.j2", published=links.post_url(w), w=w, cluster=cluster,
                 unit=unit, example_post=registry.example or w.doc.data.get("example", False),
                 criteria=[(cid, rubric.by_id[cid]) for cid in w.criteria],
                 anchor=links.anchor_in(data.repo.rubric(w.year), rubric), intro=safe_html(intro, links=False), rest=safe_html(rest))
