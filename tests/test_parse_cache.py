"""The parse cache of the build: a file version read again, in this run or the next, gives the same document."""
from __future__ import annotations

import pytest

from site_builder.load import parse_cache
from site_builder.load.parse_cache import CACHE, ParseCache
from site_builder.load.yamlfile import load_file

TEXT = "unit: bv-mat\nyear: 2025\nso_lieu: 010\n"  # 010: a leading-zero warning, at line 3


@pytest.fixture
def cache(tmp_path):
    CACHE.disable()  # an in-process build of an earlier test leaves it on
    CACHE.enable(tmp_path / "cache")
    yield CACHE
    CACHE.disable()


def _write(path, text=TEXT):
    path.write_text(text, encoding="utf-8")
    return path


def test_same_bytes_under_another_name_keep_data_and_name_their_own_file(tmp_path, cache):
    first = load_file(_write(tmp_path / "a.yaml"), "a.yaml")
    second = load_file(_write(tmp_path / "b.yaml"), "b.yaml")
    assert len(cache.memo) == 1  # one parse for both
    assert second.data == first.data == {"unit": "bv-mat", "year": 2025, "so_lieu": 10}
    assert [(p.path, p.line, p.code) for p in second.problems] == [("b.yaml", 3, "yaml.leading-zero")]
    assert second.where(("so_lieu",)) == (3, 10)


def test_a_document_handed_out_is_a_copy(tmp_path, cache):
    first = load_file(_write(tmp_path / "a.yaml"), "a.yaml")
    first.problem(("unit",), "thêm một lỗi")
    first.data["unit"] = "khác"
    again = load_file(tmp_path / "a.yaml", "a.yaml")
    assert again.data["unit"] == "bv-mat" and len(again.problems) == 1


def test_the_next_run_reads_what_this_run_used_and_only_that(tmp_path, cache):
    load_file(_write(tmp_path / "old.yaml", "a: 1\n"), "old.yaml")
    cache.keep_from_here()
    load_file(_write(tmp_path / "a.yaml"), "a.yaml")
    cache.save()
    later = ParseCache()
    later.enable(tmp_path / "cache")
    assert len(later.memo) == 1
    assert later.get(TEXT.encode(), "c.yaml").problems[0].path == "c.yaml"
    assert later.get(b"a: 1\n", "old.yaml") is None


def test_a_cache_from_another_loader_or_broken_is_ignored(tmp_path, cache, monkeypatch):
    load_file(_write(tmp_path / "a.yaml"), "a.yaml")
    cache.save()
    monkeypatch.setattr(parse_cache, "loader_version", lambda: "another loader")
    later = ParseCache()
    later.enable(tmp_path / "cache")
    assert later.memo == {}
    (tmp_path / "cache" / parse_cache.FILE).write_bytes(b"not a pickle")
    broken = ParseCache()
    broken.enable(tmp_path / "cache")
    assert broken.memo == {}


def test_off_by_default_nothing_is_kept(tmp_path):
    off = ParseCache()
    off.put(TEXT.encode(), load_file(_write(tmp_path / "a.yaml"), "a.yaml"))
    assert off.memo == {} and off.get(TEXT.encode(), "a.yaml") is None


def test_with_wanted_files_only_their_current_versions_are_kept(tmp_path):
    now = _write(tmp_path / "a.yaml")
    CACHE.disable()
    CACHE.enable(tmp_path / "cache", wanted=[now, tmp_path / "missing.yaml"])
    try:
        load_file(_write(tmp_path / "old.yaml", "a: 1\n"), "old.yaml")  # an older version, as the history replays it
        assert CACHE.memo == {}
        load_file(now, "a.yaml")
        assert list(CACHE.memo) == list(CACHE.wanted)
    finally:
        CACHE.disable()


def test_a_file_version_found_valid_is_remembered_for_that_schema_only(tmp_path, cache):
    from site_builder.validate.fast_schema import validator_for
    from site_builder.validate.schema_errors import schema_problems

    integer = validator_for({"type": "object", "properties": {"so_lieu": {"type": "integer"}}})
    text = validator_for({"type": "object", "properties": {"so_lieu": {"type": "string"}}})
    doc = load_file(_write(tmp_path / "a.yaml"), "a.yaml")
    cache.keep_from_here()
    assert schema_problems(doc, integer) == [] and cache.known_valid(doc, integer.fingerprint)
    assert [p.code for p in schema_problems(doc, text)] == ["schema.type"]
    assert not cache.known_valid(doc, text.fingerprint)  # an invalid verdict is never remembered
    cache.save()
    later = ParseCache()
    later.enable(tmp_path / "cache")
    again = load_file(tmp_path / "a.yaml", "a.yaml")
    assert later.known_valid(again, integer.fingerprint) and not later.known_valid(again, text.fingerprint)
    edited = load_file(_write(tmp_path / "a.yaml", TEXT.replace("010", "11")), "a.yaml")
    assert not later.known_valid(edited, integer.fingerprint)  # another version of the file: checked again
