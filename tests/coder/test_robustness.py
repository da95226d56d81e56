"""The coder on hostile input: any Unicode, empty documents, HTML junk, 5 MB documents, time linear in size.

The project issue asks for "no crash and time linear in size". Times are only ever compared with
each other (absolute speed is the benchmarks' business): a text 8 times longer must take well under
20 times as long, where a quadratic step would take 64 times. Times are CPU seconds of this process
(the best of a few runs), so that other processes on the machine matter little.
"""

from __future__ import annotations

import base64
import gc
import random
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blocwatch.coder import Coder
from blocwatch.coder.events import CodedEvent
from blocwatch.coder.pipeline import MAX_CHARS
from blocwatch.documents import Document, Problem, read_documents
from blocwatch.schema import EVENT_COLUMNS, MODES, PRECISIONS
from blocwatch.taxonomy import load_taxonomy

pytestmark = pytest.mark.slow  # timing and size checks of the coder

DAY = date(2024, 7, 3)
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None)

# News-like sentences written for these tests.
SENTENCES = [
    "North Korea fired two ballistic missiles toward Japan on Tuesday.",
    "Japan protested to North Korea through diplomatic channels.",
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday.",
    "The two leaders signed an agreement on energy cooperation.",
    "South Korea and the United States held joint military exercises near the border.",
    "North Korea condemned the drills as a rehearsal for invasion.",
    "Ukraine accused Russia of shelling residential areas in Kharkiv overnight.",
    "China urged both sides to exercise restraint.",
    "The European Union imposed new sanctions on Iran.",
    "Turkey will host talks between the two countries next month.",
    "Germany did not send tanks to Ukraine.",
    "Officials said Iran may resume uranium enrichment.",
]

ODDITIES = [
    "\x00", "\x07", "\x1b[31m", "\r\n", "\r", "\t", "\x0b", "\x0c", "\x85", "\x7f",  # control characters
    "\u202e", "\u202d", "\u200f", "\u200e", "\u2067", "\u2069",  # bidi overrides, isolates and marks
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width characters, soft hyphen
    "\xa0", "\u2028", "\u2029", "\u3000", "\u2009",  # unusual spaces and separators
    "كوريا الشمالية أطلقت صاروخين", "צפון קוריאה שיגרה טילים",  # right to left
    "北朝鮮がミサイルを発射した。", "조선이 미사일을 발사했다",
    "👩\u200d👩\u200d👧\u200d👦", "🇰🇵🇯🇵", "👍🏽", "😀" * 120,  # ZWJ sequences, flags, skin tones, a long run
    "e\u0301\u0301\u0301\u0301", "Ｎｏｒｔｈ Ｋｏｒｅａ", "𝐍𝐨𝐫𝐭𝐡 𝐊𝐨𝐫𝐞𝐚", "\ue000", "\uffff", "\U0010ffff",
    "!" * 150, "(" * 120, "'s" * 80, "-" * 300, "." * 200, "http://example.org/" + "a/" * 90,
]

HTML_BITS = [
    "<p>", "</p>", "<div class='nav'>", "</div>", "<span>", "<br>", "<br/>", "<hr", "<", ">", "</", "/>",
    "<a href='https://example.org/?q=1&x=2'>link</a>", "<a href=\"unclosed", "<img src=x onerror=alert(1)>",
    "<script>var s = '<p>North Korea fired missiles</p>'; if (a < b && c > d) {}</script>", "<script>",
    "<style>p { color: red } /* </p> */</style>", "<!-- a comment -->", "<!-- unclosed comment",
    "<![CDATA[ x < y ]]>", "<?xml version='1.0'?>", "<!DOCTYPE html>", "<html>", "<body>", "</body>",
    "<title>Missiles</title>", "<meta charset='latin-1'>", "<table><tr><td>cell", "<svg><g><path d='M0'/></svg>",
    "&amp;", "&lt;", "&gt;", "&nbsp;", "&#x1F600;", "&#128512;", "&#0;", "&#xD800;", "&#x110000;", "&bogus;", "&",
    "<article>", "</article>", "<h1>", "</h1>", "<li>", "<ul>", "<nav>Home | News | World</nav>",
]

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=500)
news_and_oddities = st.lists(
    st.one_of(st.sampled_from(SENTENCES), st.sampled_from(ODDITIES), st.text(max_size=20),
              st.sampled_from([" ", "\n", "\n\n"])),
    max_size=16,
).map("".join)
html_junk = st.lists(
    st.one_of(st.sampled_from(HTML_BITS), st.sampled_from(SENTENCES).map(lambda s: f"<p>{s}</p>"),
              st.sampled_from(SENTENCES), st.text(max_size=20)),
    max_size=40,
).map("".join)


def check_events(text: str, events: list[CodedEvent], doc_id: str = "doc", published: date | None = DAY) -> None:
    """Every event is well formed and its evidence is where it says it is in ``text``."""
    cameo = load_taxonomy().cameo
    columns = {c.name for c in EVENT_COLUMNS}
    sentences = [e.sentence for e in events]
    assert sentences == sorted(sentences), "events are not in text order"
    for e in events:
        assert e.mode in MODES, e
        assert e.cameo in cameo, e
        assert e.doc_id == doc_id and e.source.code, e
        if published is not None:
            assert e.date is not None and e.date_precision in PRECISIONS, e
        assert 0 <= e.evidence_start < e.evidence_end <= len(text), e
        assert e.evidence_start <= e.trigger < e.evidence_end, e
        # the evidence sentence is in the text, around the evidence span
        at = text.find(e.evidence_text, max(0, e.evidence_end - len(e.evidence_text)))
        assert 0 <= at <= e.evidence_start and e.evidence_end <= at + len(e.evidence_text), e
        row = e.to_row()
        assert set(row) <= columns and row["mode"] == e.mode and row["origin"] == "text"


def _event_key(e: CodedEvent, at: int) -> tuple:
    """An event with its offsets relative to ``at``; without its sentence number, which counts the
    sentences before, and the whitespace its sentence may end with, which depends on what follows."""
    return (e.source.code, e.target.code if e.target else None, e.cameo, e.mode, e.date, e.date_precision,
            e.trigger - at, e.evidence_start - at, e.evidence_end - at, e.evidence_text.rstrip())


# -- any Unicode --------------------------------------------------------------------------


@FUZZ
@given(text=unicode_text)
def test_any_unicode_text(coder: Coder, text: str) -> None:
    """Any string of code points (but lone surrogates, which no UTF-8 file holds) codes without error."""
    check_events(text, coder.code_text(text, DAY))


@FUZZ
@given(text=news_and_oddities)
def test_news_among_control_bidi_zero_width_and_emoji(coder: Coder, text: str) -> None:
    check_events(text, coder.code_text(text, DAY, "fuzz"), "fuzz")


@FUZZ
@given(text=st.text(st.characters(exclude_categories=("L", "Cs")), max_size=500))
def test_text_without_letters_has_no_events(coder: Coder, text: str) -> None:
    """Actor names and agent words are made of letters, so a text without any has no actor, no event."""
    assert coder.code_text(text, DAY) == []


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n", "\n\n\n", "\t \r\n", "\xa0\u3000\u2028\u2029", "\u200b\ufeff\u200d", " " * (MAX_CHARS + 5),
     "\n" * (MAX_CHARS + 5)],
    ids=["empty", "space", "newline", "newlines", "tab-crlf", "unicode-spaces", "zero-width", "long-spaces",
         "long-newlines"],
)
def test_empty_and_blank_documents_have_no_events(coder: Coder, text: str) -> None:
    assert coder.code_text(text, DAY) == []
    assert coder.code_text(text) == []


def test_empty_documents_keep_their_place_among_others(coder: Coder) -> None:
    docs = [Document("a", "", DAY), Document("b", SENTENCES[0], DAY), Document("c", "  \n", DAY)]
    coded = list(coder.code_many(docs))
    assert [d.id for d, _ in coded] == ["a", "b", "c"]
    assert coded[0][1] == [] and coded[2][1] == []
    assert coded[1][1] == coder.code(docs[1]) and coded[1][1]


# -- HTML junk ------------------------------------------------------------------------------


@FUZZ
@given(html=html_junk)
def test_html_junk_as_text(coder: Coder, html: str) -> None:
    check_events(html, coder.code_text(html, DAY))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pages")


@settings(FUZZ, max_examples=60)
@given(html=html_junk)
def test_html_junk_pages(coder: Coder, pages: Path, html: str) -> None:
    """A junk page is one document (its main text) or one problem, never an exception."""
    path = pages / "page.html"
    path.write_text(html, encoding="utf-8")
    (item,) = read_documents([path], DAY)
    if isinstance(item, Problem):
        assert (item.file, item.line, item.reason) == (str(path), None, "no main text found in the HTML page")
    else:
        assert (item.id, item.file, item.date) == ("page.html", str(path), DAY) and item.text.strip()
        check_events(item.text, coder.code(item), "page.html")


@settings(FUZZ, max_examples=60)
@given(data=st.binary(max_size=2000))
def test_binary_junk_pages(coder: Coder, pages: Path, data: bytes) -> None:
    path = pages / "binary.htm"
    path.write_bytes(data)
    (item,) = read_documents([path], DAY)
    if isinstance(item, Problem):
        assert (item.file, item.line, item.reason) == (str(path), None, "no main text found in the HTML page")
    else:
        check_events(item.text, coder.code(item), "binary.htm")


@pytest.mark.parametrize("above", ["SEOUL, July 3 (Reuters) -\n\n", "Seoul protests missile launch\n\n",
                                   "<div><span>Share</span> | <a href='/'>Home</a>\n\n\n",
                                   base64.b64encode(bytes(range(256)) * 4).decode() + "\n\n"],
                         ids=["dateline", "headline", "menu", "base64"])
def test_a_blank_line_ends_the_sentence_above(coder: Coder, above: str) -> None:
    """What stands above a blank line is never part of the paragraph's first sentence, so the
    paragraph's events are those it has alone, at its offset."""
    paragraph = " ".join(SENTENCES[:2])
    events = coder.code_text(above + paragraph, DAY)
    check_events(above + paragraph, events)
    at = len(above)
    alone = [_event_key(e, 0) for e in coder.code_text(paragraph, DAY)]
    assert alone
    assert [_event_key(e, at) for e in events if e.trigger >= at] == alone
    assert all(e.evidence_end <= at for e in events if e.trigger < at)


# -- a 5 MB document -----------------------------------------------------------------------

PARAGRAPHS = [" ".join(SENTENCES[i:i + 2]) for i in (0, 2, 4)]


def _five_megabytes() -> tuple[str, list[tuple[int, int]]]:
    """About 5 MB of junk (base64 blobs, long runs of punctuation, emoji and invisible characters,
    a 300,000-character run without any space) with the paragraphs between, and where each is."""
    rnd = random.Random(5)
    parts: list[str] = []
    where: list[tuple[int, int]] = []
    size = 0
    i = 0
    while size < 5_000_000:
        blob = base64.b64encode(rnd.randbytes(75_000)).decode()  # 100,000 characters
        if i == 10:
            junk = blob * 3  # longer than a piece, with nowhere to cut but inside it
        elif i == 20:
            junk = "\n".join(blob[j:j + 76] for j in range(0, len(blob), 76)) * 3  # lines, no blank line
        elif i % 7 == 3:
            junk = f'<img alt="" src="data:image/png;base64,{blob}">'
        elif i % 7 == 5:
            junk = "!" * 40_000 + "\U0001F600" * 30_000 + "\u200b\u202e" * 15_000
        else:
            junk = "\n".join(blob[j:j + 1000] for j in range(0, len(blob), 1000))
        junk += ".\n\n"
        paragraph = PARAGRAPHS[i % len(PARAGRAPHS)]
        where.append((size + len(junk), i % len(PARAGRAPHS)))
        parts += [junk, paragraph, "\n\n"]
        size += len(junk) + len(paragraph) + 2
        i += 1
    return "".join(parts), where


@pytest.mark.slow
def test_five_megabyte_document(coder: Coder, tmp_path: Path) -> None:
    """Coded in pieces, a 5 MB text gives each paragraph's events at the paragraph's own offsets."""
    text, where = _five_megabytes()
    assert len(text) >= 5_000_000 and len(text) // MAX_CHARS >= 25  # pieces
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    (doc,) = read_documents([path], DAY)
    assert isinstance(doc, Document) and doc.text == text

    events = coder.code(doc)
    check_events(text, events, "big.txt")
    alone = [sorted(_event_key(e, 0) for e in coder.code_text(p, DAY)) for p in PARAGRAPHS]
    assert all(alone)
    inside = 0
    for at, k in where:
        found = [e for e in events if at <= e.trigger < at + len(PARAGRAPHS[k])]
        assert sorted(_event_key(e, at) for e in found) == alone[k], f"paragraph at {at}"
        inside += len(found)
    assert inside == len(events), "the junk has no actor names, so no events"


# -- time linear in size -------------------------------------------------------------------

FACTOR = 8
LIMIT = 20  # times slower, for FACTOR times more text; a quadratic step would make it FACTOR**2


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _cpu_seconds(coder: Coder, text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        coder.code_text(text, DAY)
        best = min(best, time.process_time() - start)
    return best


def _growth(coder: Coder, unit: str, n: int | None = None, runs: int = 2) -> tuple[int, float, float]:
    """Seconds to code ``unit`` repeated to n and to FACTOR * n characters (best of ``runs``). Without
    ``n``, n is the first of 1,000, 2,000, 4,000 ... that takes 30 ms, so that timer noise does not count."""
    size = n or 1000
    while not n and size < 32_000 and _cpu_seconds(coder, _repeat(unit, size), 1) < 0.03:
        size *= 2
    small = _cpu_seconds(coder, _repeat(unit, size), runs + 1)
    return size, small, _cpu_seconds(coder, _repeat(unit, FACTOR * size), runs)


JUNK = {
    "one giant token": "x",
    "run of !": "!",
    "run of (": "(",
    "run of quotes": '"',
    "run of emoji": "\U0001F600",
    "run of 's": "'s",
    "mixed punctuation": "!?.,;:-()[]{}\"'",
    "tags without spaces": "<div><span>",
    "entities": "&amp;&#x1F600;&lt;",
    "words without a full stop": "talks about the border and the sanctions and ",
    "html with spaces": '<div class="nav"><a href="/x">Home</a></div> <script>var a = 1;</script> ',
    "base64": base64.b64encode(random.Random(1).randbytes(3000)).decode(),
}


@pytest.mark.parametrize("unit", list(JUNK.values()), ids=list(JUNK))
def test_time_is_linear_in_junk(coder: Coder, unit: str) -> None:
    """Junk without sentence boundaries, where tokenizers and parsers go quadratic."""
    n, small, large = _growth(coder, unit)
    assert large < LIMIT * small, f"{n:,} chars: {small:.3f}s, {FACTOR * n:,} chars: {large:.3f}s"


def _news(n: int) -> str:
    rnd = random.Random(n)
    paragraphs: list[str] = []
    while sum(map(len, paragraphs)) < n:
        paragraphs.append(" ".join(rnd.sample(SENTENCES, 4)) + "\n\n")
    return "".join(paragraphs)[:n]


@pytest.mark.slow
def test_time_is_linear_in_news(coder: Coder) -> None:
    small_text, large_text = _news(12_000), _news(FACTOR * 12_000)
    small = _cpu_seconds(coder, small_text, 2)
    large = _cpu_seconds(coder, large_text, 1)
    assert large < LIMIT * small, f"12,000 chars: {small:.2f}s, {FACTOR * 12_000:,} chars: {large:.2f}s"


def test_time_is_linear_in_one_long_sentence_of_events(coder: Coder) -> None:
    n, small, large = _growth(coder, "Russia condemned North Korea and ", 4000, runs=1)
    assert large < LIMIT * small, f"{n:,} chars: {small:.3f}s, {FACTOR * n:,} chars: {large:.3f}s"
