"""Files handed to the writer thread (site_builder/writer.py) are on disk when it says so, and a file it
cannot write is an error of the build, not a file silently missing."""
from __future__ import annotations

import sys
import threading

import pytest

from site_builder.writer import BackgroundWriter


def test_every_file_is_written_in_its_folders_once_the_writer_closes(tmp_path):
    writer = BackgroundWriter()
    for i in range(200):
        writer.write(str(tmp_path / f"d{i % 7}" / "sâu" / f"t{i}.html"), f"trang {i}".encode())
    writer.flush()
    assert (tmp_path / "d3" / "sâu" / "t3.html").read_text(encoding="utf-8") == "trang 3"
    writer.write(str(tmp_path / "cuối.html"), b"x")
    writer.close()
    assert len(list(tmp_path.rglob("*.html"))) == 201 and (tmp_path / "cuối.html").read_bytes() == b"x"
    assert threading.active_count() == 1  # the build may fork again


def test_a_file_that_cannot_be_written_fails_the_build_and_the_files_after_it_are_not_written(tmp_path):
    (tmp_path / "tệp").write_text("không phải thư mục", encoding="utf-8")
    interval = sys.getswitchinterval()
    writer = BackgroundWriter()
    writer.write(str(tmp_path / "trước.html"), b"1")
    writer.write(str(tmp_path / "tệp" / "trang.html"), b"2")  # its folder is a file
    writer.write(str(tmp_path / "sau.html"), b"3")
    with pytest.raises(OSError):
        writer.close()
    assert (tmp_path / "trước.html").exists() and not (tmp_path / "sau.html").exists()
    assert sys.getswitchinterval() == interval
    with pytest.raises(OSError):
        writer.write(str(tmp_path / "nữa.html"), b"4")


def test_as_a_block_the_writer_closes_with_it_and_the_blocks_own_error_is_the_one_reported(tmp_path):
    (tmp_path / "tệp").write_text("không phải thư mục", encoding="utf-8")
    with pytest.raises(KeyError, match="lỗi của khối"):
        with BackgroundWriter() as writer:
            writer.write(str(tmp_path / "tệp" / "trang.html"), b"2")  # fails too, in the thread
            writer.write(str(tmp_path / "trước.html"), b"1")
            raise KeyError("lỗi của khối")
    assert threading.active_count() == 1
    with BackgroundWriter() as writer:
        writer.write(str(tmp_path / "d" / "sau.html"), b"3")
    assert (tmp_path / "d" / "sau.html").read_bytes() == b"3" and threading.active_count() == 1
