"""The rubric and method pages: every criterion with its rule in words, the clusters' refinements,
the contradictions the lint finds in the text, and the submission schemas to download."""
from __future__ import annotations

from site_builder.rank.nominations import ROUNDING
from site_builder.rank.status import LABELS
from site_builder.render import links
from site_builder.render.markdown_safe import safe_html
from site_builder.validate.lint import lint
from site_builder.validate.schema_gen import schema_text


def criterion_lines(node, depth: int = 0) -> list[tuple[object, int]]:
    """A criterion and everything below it, in document order, with its depth."""
    found = [(node, depth)]
    for child in node.children:
        found += criterion_lines(child, depth + 1)
    return found


def refinements(data, year: int) -> list[dict]:
    found = []
    for cluster in data.registry(year).clusters:
        record = data.repo.cluster_year(year, cluster.id)
        if record is None or not record.refinement:
            continue
        refined = data.repo.rubric(year, cluster.id)
        changes = [refined.by_id[c["id"]] for c in record.refinement.get("criteria", []) if c["id"] in refined.by_id]
        found.append({"cluster": cluster, "record": record.refinement, "minutes": safe_html(record.refinement.get("minutes")),
                      "lines": [line for node in changes for line in criterion_lines(node)],
                      "names": {u.id: u.name for u in cluster.members}, "applied": refined.cluster is not None,
                      "schema": links.schema_file(year, cluster.id)})
    return found


def write_rubric_year(out, data, year: int) -> None:
    rubric = data.repo.rubric(year)
    if rubric is None:
        return
    found = refinements(data, year)
    out.text(links.schema_file(year), schema_text(rubric))
    for item in found:
        if item["applied"]:
            out.text(item["schema"], schema_text(data.repo.rubric(year, item["cluster"].id)))
    out.page(links.rubric_page(year), "site/rubric.md.j2", year=year, rubric=rubric,
             sections=[(s, [line for c in s.children for line in criterion_lines(c, 1)]) for s in rubric.sections],
             contradictions=[p.message for p in lint(rubric)], refinements=found,
             writeups_for=lambda cid: data.writeups_for(year, cid))


def write_method(out, data) -> None:
    settings = [(y, data.registry(y).settings) for y in reversed(data.years)]
    out.page(links.METHOD, "site/method.md.j2", years=[y for y in reversed(data.years) if data.repo.rubric(y)],
             statuses=LABELS, rounding=[(y, ROUNDING[s.get("flag_rounding", "floor")][0], s) for y, s in settings])
    for year in data.years:
        write_rubric_year(out, data, year)
