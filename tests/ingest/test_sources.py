"""Preparing inputs: line counts, archives, CR handling, file-level errors."""

from __future__ import annotations

import gzip
import zipfile

import pytest

from blocwatch.errors import InputError
from blocwatch.ingest.sources import expand_paths, prepare_source, read_lines_at


def prepared(path, tmp_path):
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return list(prepare_source(path, work))


@pytest.mark.parametrize(
    ("content", "lines", "blank"),
    [
        (b"a\nb\n", 2, 0),
        (b"a\nb", 2, 0),
        (b"\n\na\n\n\nb\n\n", 7, 5),
        (b"a\n\n", 2, 1),
        (b"a", 1, 0),
        (b"a\r\nb\r\n\r\n", 3, 1),
    ],
)
def test_lines_and_blank_lines_are_counted(write, tmp_path, content, lines, blank):
    (src,) = prepared(write("f.txt", content), tmp_path)
    assert (src.lines, src.blank_lines) == (lines, blank)


def test_counts_span_chunk_boundaries(write, tmp_path, monkeypatch):
    from blocwatch.ingest import sources

    monkeypatch.setattr(sources, "CHUNK", 4)
    (src,) = prepared(write("f.txt", b"abc\n\n\nxy\n\nz"), tmp_path)
    assert (src.lines, src.blank_lines) == (6, 3)


def test_crlf_is_stripped_and_inner_cr_lines_are_set_aside(write, tmp_path):
    (src,) = prepared(write("f.txt", b"a\r\nb\rc\r\nd\n"), tmp_path)
    assert src.path.read_bytes() == b"a\nd\n"
    assert [(r.line, r.raw, r.reason) for r in src.removed] == [
        (2, b"b\rc", "carriage return (CR) inside the line")]
    assert src.original_line(2) == 3 and src.lines == 3


def test_lines_with_nul_or_bad_utf8_are_set_aside(write, tmp_path):
    body = b"ok \xc3\xa9\n" + b"x" * 9000 + b"\n" + b"a\x00b\n" + b"over\xc1\xbflong\n" + b"cut \xe2\x82"
    (src,) = prepared(write("f.txt", body), tmp_path)
    assert src.path.read_bytes() == b"ok \xc3\xa9\n" + b"x" * 9000 + b"\n"
    assert [(r.line, r.reason) for r in src.removed] == [
        (3, "NUL byte at byte 2 of the line"),
        (4, "not valid UTF-8 (byte 0xC1 at byte 5 of the line)"),
        (5, "not valid UTF-8 (byte 0xE2 at byte 5 of the line)")]  # a character cut off at the end
    assert src.lines == 5 and src.original_line(2) == 2


def test_utf8_split_across_chunks_is_valid(write, tmp_path, monkeypatch):
    from blocwatch.ingest import sources

    monkeypatch.setattr(sources, "CHUNK", 4)
    (src,) = prepared(write("f.txt", "abé\nпривет\n".encode()), tmp_path)
    assert src.removed == [] and src.line_map is None


def test_zip_members_are_separate_sources(tmp_path):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("one.CSV", "x\n")
        zf.writestr("dir/", "")
        zf.writestr("dir/two.CSV", "y\nz\n")
    got = [(s.name, s.lines, s.path.read_bytes()) for s in prepared(path, tmp_path)]
    assert got == [(f"{path}:one.CSV", 1, b"x\n"), (f"{path}:dir/two.CSV", 2, b"y\nz\n")]


def test_archives_are_recognised_by_content_not_name(tmp_path):
    path = tmp_path / "looks-plain.CSV"
    path.write_bytes(gzip.compress(b"q\nr\n"))
    (src,) = prepared(path, tmp_path)
    assert (src.lines, src.path.read_bytes()) == (2, b"q\nr\n")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.CSV", b"", "empty file"),
        ("blank.CSV", b"\n\n\n", "only blank lines"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL byte at offset 8)"),
        ("cut.zip", None, "corrupt or truncated zip archive"),
        ("cut.gz", None, "corrupt or truncated gzip file"),
    ],
)
def test_unreadable_files_raise_input_error_naming_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if name == "cut.zip":
        whole = tmp_path / "whole.zip"
        with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("m.CSV", "".join(f"{i * 7919 % 100003:x}\n" for i in range(20000)))
        content = whole.read_bytes()[:3000]
    elif name == "cut.gz":
        content = gzip.compress("".join(f"{i * 7919 % 100003:x}\n" for i in range(20000)).encode())[:3000]
    path.write_bytes(content)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")) as err:
        prepared(path, tmp_path)
    assert err.value.file == str(path)


def test_expand_paths_reports_missing(tmp_path):
    with pytest.raises(InputError) as err:
        expand_paths([tmp_path / "missing"])
    assert str(err.value) == f"{tmp_path / 'missing'}: no such file or folder"


def test_read_lines_at_finds_lines_across_chunks(tmp_path, monkeypatch):
    from blocwatch.ingest import sources

    monkeypatch.setattr(sources, "CHUNK", 3)
    path = tmp_path / "f.txt"
    path.write_bytes(b"first\nsecond line\r\n\nlast")
    assert read_lines_at(path, [4, 1, 2, 3, 7]) == {1: b"first", 2: b"second line", 3: b"", 4: b"last"}
