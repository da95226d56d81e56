"""Reading documents to code: .txt, .jsonl, .html files and folders; every bad line a Problem at its line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from blocwatch.documents import DOCUMENT_SUFFIXES, MAX_DOCUMENT_CHARS, Document, Problem, read_documents
from blocwatch.errors import InputError

DAY = date(2024, 7, 3)
TEXT = "North Korea fired two ballistic missiles toward Japan on Tuesday."


def line(**fields: object) -> str:
    return json.dumps(fields)


# -- .txt --------------------------------------------------------------------------------------


def test_txt_is_one_document_named_after_the_file(write) -> None:
    path = write("notes/launch.txt", TEXT + "\n\nJapan protested.\n")
    assert list(read_documents([path], DAY)) == [
        Document("launch.txt", TEXT + "\n\nJapan protested.\n", DAY, None, None, str(path), None)]


def test_txt_without_a_date_has_none(write) -> None:
    """Whether that is acceptable is the caller's business (``ingest text`` quarantines it)."""
    (doc,) = read_documents([write("a.txt", TEXT)])
    assert isinstance(doc, Document) and doc.date is None


def test_txt_bytes_that_are_not_utf8_are_replaced(write) -> None:
    (doc,) = read_documents([write("a.txt", b"Seoul \xff\xfe protested.")], DAY)
    assert doc.text == "Seoul \ufffd\ufffd protested."


def test_txt_longer_than_the_limit_is_a_problem(write) -> None:
    path = write("huge.txt", "a" * (MAX_DOCUMENT_CHARS + 1))
    assert list(read_documents([path], DAY)) == [
        Problem(str(path), None, f"text longer than {MAX_DOCUMENT_CHARS:,} characters")]


# -- .jsonl ------------------------------------------------------------------------------------


def test_jsonl_documents_with_all_fields(write) -> None:
    path = write("news.jsonl", "\n".join([
        line(id="a1", text=TEXT, date="2024-07-02", url="https://example.org/a1", title="Launch"),
        line(id=7, text="Seoul protested.", date="2024-07-03T23:59:00+09:00"),
        line(id="a3", text="Tokyo protested.", date=None, url=3, title=["x"]),
        line(id="a4", text="Beijing urged calm."),
    ]) + "\n")
    assert list(read_documents([path], DAY)) == [
        Document("a1", TEXT, date(2024, 7, 2), "https://example.org/a1", "Launch", str(path), 1),
        Document("7", "Seoul protested.", date(2024, 7, 3), None, None, str(path), 2),  # the day as written
        Document("a3", "Tokyo protested.", DAY, None, None, str(path), 3),  # no date: the default; odd fields: none
        Document("a4", "Beijing urged calm.", DAY, None, None, str(path), 4),
    ]
    (doc,) = [d for d in read_documents([path]) if d.id == "a4"]
    assert doc.date is None


BAD_LINES = [
    ("not json", "not valid JSON (Expecting value)"),
    ('{"id": "a", "text": "x"', "not valid JSON (Expecting ',' delimiter)"),
    ("[1, 2]", "not a JSON object"),
    ('"a string"', "not a JSON object"),
    ('{"id": "a", "date": "2024-07-03"}', 'no "text" string'),
    ('{"id": "a", "text": 5, "date": "2024-07-03"}', 'no "text" string'),
    ('{"text": "x", "date": "2024-07-03"}', 'no "id"'),
    ('{"id": null, "text": "x", "date": "2024-07-03"}', 'no "id"'),
    ('{"id": ["a"], "text": "x", "date": "2024-07-03"}', 'no "id"'),
    ('{"id": "a", "text": "x", "date": "2024-13-01"}', '"date" "2024-13-01" is not a date (YYYY-MM-DD)'),
    ('{"id": "a", "text": "x", "date": "July 3, 2024"}', '"date" "July 3, 2024" is not a date (YYYY-MM-DD)'),
    ('{"id": "a", "text": "x", "date": 20240703}', '"date" is not a date string'),
    ('{"id": "a", "text": "x\\ud800", "date": "2024-07-03"}', '"text" is not valid Unicode (lone surrogate \\ud800)'),
    ('{"id": "\\udc00", "text": "x", "date": "2024-07-03"}', '"id" is not valid Unicode (lone surrogate \\udc00)'),
]


@pytest.mark.parametrize(("raw", "reason"), BAD_LINES, ids=[r for _, r in BAD_LINES])
def test_jsonl_bad_line_is_a_problem_at_its_line(write, raw: str, reason: str) -> None:
    good = line(id="ok", text=TEXT, date="2024-07-03")
    path = write("news.jsonl", f"{good}\n{raw}\n{good}\n")
    items = list(read_documents([path]))
    assert [type(x).__name__ for x in items] == ["Document", "Problem", "Document"]
    assert items[1] == Problem(str(path), 2, reason, raw)
    assert (items[0].line, items[2].line) == (1, 3)


def test_jsonl_bytes_that_are_not_utf8_are_a_problem(write) -> None:
    raw = b'{"id": "a", "text": "Caf\xe9 owners protested.", "date": "2024-07-03"}'  # Latin-1, not UTF-8
    path = write("latin1.jsonl", raw + b"\n" + line(id="b", text=TEXT, date="2024-07-03").encode() + b"\n")
    problem, doc = read_documents([path])
    at = raw.index(b"\xe9") + 1
    assert problem == Problem(str(path), 1, f"not valid UTF-8 (byte 0xE9 at byte {at} of the line)",
                              raw.decode("utf-8", "backslashreplace"))
    assert "Caf\\xe9" in problem.raw and isinstance(doc, Document) and doc.line == 2


@pytest.mark.parametrize("content", [b"", b"\n \r\n\t\n"])
def test_an_empty_jsonl_file_is_a_problem_not_silence(write, content: bytes) -> None:
    """Found by fuzzing: an empty file gave no result at all, so it vanished from the ingest."""
    path = write("empty.jsonl", content)
    assert list(read_documents([path])) == [
        Problem(str(path), None, "no documents: the file is empty or holds only blank lines")]


def test_jsonl_text_longer_than_the_limit_is_a_problem(write) -> None:
    path = write("big.jsonl", line(id="a", text="a" * (MAX_DOCUMENT_CHARS + 1), date="2024-07-03") + "\n")
    (problem,) = read_documents([path])
    assert (problem.line, problem.reason) == (1, f"text longer than {MAX_DOCUMENT_CHARS:,} characters")


def test_jsonl_line_numbers_are_the_files(write) -> None:
    """Blank lines hold no document but count; CRLF ends a line; a stray CR does not (the file's
    editors and ``wc -l`` count only LF); a byte order mark is not part of the first line."""
    doc = line(id="{}", text=TEXT, date="2024-07-03")
    content = ("\ufeff" + doc.replace("{}", "L1") + "\r\n"   # 1
               + "\r\n"                                     # 2 blank
               + "   \n"                                    # 3 blank
               + "bad\rline\n"                               # 4 one problem
               + doc.replace("{}", "L5") + "\n"              # 5
               + "\n"                                       # 6 blank
               + doc.replace("{}", "L7"))                    # 7, no final newline
    path = write("crlf.jsonl", content)
    items = list(read_documents([path]))
    assert [(x.line, x.id if isinstance(x, Document) else x.reason) for x in items] == [
        (1, "L1"), (4, "not valid JSON (Expecting value)"), (5, "L5"), (7, "L7")]
    assert items[1].raw == "bad\rline"
    assert len(content.encode().split(b"\n")) == 7


def test_jsonl_every_line_is_a_document_or_a_problem(write) -> None:
    lines = [line(id=f"d{i}", text=TEXT, date="2024-07-03") if i % 3 else "{broken" for i in range(1, 31)]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    items = list(read_documents([path]))
    assert [x.line for x in items] == list(range(1, 31))
    assert sum(isinstance(x, Problem) for x in items) == 10


# -- .html -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Missiles over the sea | Example News</title>
<meta property="article:published_time" content="2024-07-02T09:30:00+09:00">
<script>var tracker = "tracker code";</script>
<style>body { font-family: serif; }</style>
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">Subscribe now for unlimited access to Example News!</div>
<article>
<h1>Missiles over the sea</h1>
<p>North Korea fired two ballistic missiles toward Japan on Tuesday, the South Korean military said.</p>
<p>Japan protested to North Korea through diplomatic channels and called the launches a grave threat.</p>
<p>The United States condemned the launches and urged Pyongyang to return to talks.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body>
</html>
"""


def test_html_main_text_title_and_page_date(write) -> None:
    path = write("page.html", PAGE)
    (doc,) = read_documents([path])
    assert isinstance(doc, Document)
    assert (doc.id, doc.file, doc.line, doc.url) == ("page.html", str(path), None, None)
    for paragraph in ("North Korea fired two ballistic missiles toward Japan on Tuesday, the South Korean "
                      "military said.",
                      "Japan protested to North Korea through diplomatic channels and called the launches a grave "
                      "threat.",
                      "The United States condemned the launches and urged Pyongyang to return to talks."):
        assert paragraph in doc.text
    for junk in ("Sport", "Subscribe", "tracker", "font-family", "Copyright"):
        assert junk not in doc.text
    assert doc.title == "Missiles over the sea"
    assert doc.date == date(2024, 7, 2)  # the page's own date, when the caller gives none


def test_html_given_date_wins_and_htm_suffixes(write) -> None:
    for name in ("page.htm", "PAGE.HTML"):
        (doc,) = read_documents([write(name, PAGE)], DAY)
        assert (doc.id, doc.date) == (name, DAY)


def test_html_without_main_text_is_a_problem(write) -> None:
    path = write("photo.html", "<html><head><script>var x = 'North Korea';</script><style>p {}</style></head>"
                               "<body><img src='photo.jpg'></body></html>")
    assert list(read_documents([path], DAY)) == [Problem(str(path), None, "no main text found in the HTML page")]


# -- folders and paths -------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_name_order(write, tmp_path: Path) -> None:
    write("corpus/b.txt", "Seoul protested.")
    write("corpus/a.jsonl", line(id="a1", text=TEXT, date="2024-07-03") + "\n"
          + line(id="a2", text=TEXT, date="2024-07-03") + "\n")
    write("corpus/sub/c.html", PAGE)
    write("corpus/sub/deeper/d.txt", "Tokyo protested.")
    write("corpus/UPPER.TXT", "Beijing protested.")
    for skipped in ("corpus/.hidden.txt", "corpus/.cache/e.txt", "corpus/notes.md", "corpus/README"):
        write(skipped, "Moscow protested.")
    items = list(read_documents([tmp_path / "corpus"], DAY))
    assert [d.id for d in items] == ["UPPER.TXT", "a1", "a2", "b.txt", "c.html", "d.txt"]
    assert all(isinstance(d, Document) for d in items)


def test_paths_are_read_in_the_order_given(write) -> None:
    b, a = write("b.txt", "Seoul protested."), write("a.txt", "Tokyo protested.")
    assert [d.id for d in read_documents([b, a], DAY)] == ["b.txt", "a.txt"]
    hidden = write(".hidden.txt", "Moscow protested.")
    assert [d.id for d in read_documents([hidden], DAY)] == [".hidden.txt"]  # named, so read


def test_missing_path_is_an_input_error_before_anything_is_read(write, tmp_path: Path) -> None:
    good, missing = write("a.txt", TEXT), tmp_path / "nope.jsonl"
    documents = read_documents([good, missing], DAY)
    with pytest.raises(InputError) as err:
        next(documents)
    assert (err.value.file, err.value.line, err.value.reason) == (str(missing), None, "no such file or folder")
    assert str(err.value) == f"{missing}: no such file or folder"


@pytest.mark.parametrize(("name", "what"), [("notes.md", ".md"), ("README", "files without a suffix"),
                                             ("data.json", ".json")])
def test_a_file_of_another_kind_is_an_input_error(write, name: str, what: str) -> None:
    path = write(name, TEXT)
    with pytest.raises(InputError) as err:
        list(read_documents([path], DAY))
    assert err.value.file == str(path)
    assert err.value.reason == f"cannot code {what}: use {', '.join(DOCUMENT_SUFFIXES)}"
