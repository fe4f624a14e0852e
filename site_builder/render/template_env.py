"""Jinja2 environments: HTML autoescaped always; templates overridable from a folder."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from site_builder.layout import TEMPLATES
from site_builder.numbers import fmt
from site_builder.score.words import rule_words


def _loader(override: Path | None):
    loaders = [FileSystemLoader(str(override))] if override else []
    return ChoiceLoader(loaders + [FileSystemLoader(str(TEMPLATES))])


def _inputs(c):
    """The inputs a leaf's rule needs, with the hint written beside each in the template."""
    if c.children:
        return []
    from site_builder.validate.schema_gen import inputs

    return [(key, spec.get("description", "")) for key, spec in inputs(c, Decimal(1))]


def yaml_environment(override: Path | None = None) -> Environment:
    # YAML is not HTML: nothing to escape, and every value written is a slug or a number.
    env = Environment(loader=_loader(override), autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters.update(fmt=fmt, rule_words=rule_words, inputs=_inputs)
    return env


def html_environment(override: Path | None = None, compiled: Path | None = None) -> Environment:
    """The site's pages: Markdown whose tables are HTML, so every value is escaped
    unless a filter marks it safe on purpose (md, safe_html). With `compiled` (a folder), the
    templates are compiled once across builds: Jinja keys each by its name and checks its source."""
    from site_builder.render.filters import FILTERS
    from site_builder.render.history_html import figures, pair, timeline

    # auto_reload off: a build makes its own environment, and stat-ing the template on each of
    # thousands of pages only asked whether it changed during the build.
    env = Environment(loader=_loader(override), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters.update(FILTERS)
    env.globals.update(change_figures=figures, change_pair=pair, change_timeline=timeline)
    if compiled is not None:
        compile_once(env, compiled)
    return env


def compile_once(env: Environment, folder: Path) -> None:
    """`env`'s templates compiled once across builds, into `folder`: Jinja keys each compiled template by
    its name and checks its source, so a changed template compiles again."""
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
