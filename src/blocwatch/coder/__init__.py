"""The event coder: raw English news to events with actors, CAMEO and PLOVER codes, dates and evidence.

>>> from datetime import date
>>> coder = Coder.load()
>>> events = coder.code_text("North Korea fired two ballistic missiles toward Japan on Tuesday.",
...                          published=date(2024, 7, 3))
>>> [(e.source.code, e.cameo, e.mode, e.date.isoformat(), e.date_precision) for e in events]
[('PRK', '150', 'factual', '2024-07-02', 'day')]

The pipeline: spaCy's en_core_web_sm (sentences, tags, dependency parse, named entities),
then :mod:`~blocwatch.coder.actors` (names, agents, their codes on the day),
:mod:`~blocwatch.coder.vocabulary` (verb and noun patterns to CAMEO codes),
:mod:`~blocwatch.coder.extract` (roles, dyads, statements of intent),
:mod:`~blocwatch.coder.modality` and :mod:`~blocwatch.coder.dates`.
"""

from __future__ import annotations

import functools
import multiprocessing
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from blocwatch.actors import ActorEntry, AgentEntry
from blocwatch.coder.actors import ActorDictionary
from blocwatch.coder.events import Actor, CodedEvent
from blocwatch.coder.extract import Extractor
from blocwatch.coder.pipeline import MAX_CHARS, load_pipeline
from blocwatch.coder.typer import TypeModel, load_eventness_model, load_type_model
from blocwatch.coder.vocabulary import Vocabulary, load_vocabulary
from blocwatch.documents import Document
from blocwatch.progress import NullProgress, Progress

__all__ = ["Actor", "CodedEvent", "Coder", "blank_datelines"]

#: Longest run of non-space characters given to spaCy's tokenizer as one string. The tokenizer
#: splits prefixes and suffixes off a run one at a time, each time searching the rest of it, so
#: its time is quadratic in runs such as "!!!!...", "((((...", emoji or "'s's's..." (32,000 "!"
#: took 90 seconds); longer runs are cut into tokens of this many characters instead.
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


#: A wire dateline opening a text or a paragraph: a place in capitals, then a place or a date after a
#: comma (capitalised words or a day: "SEOUL, South Korea", "MOSCOW, June 20") and/or a news agency in
#: brackets, then a dash or a colon ("SEOUL, South Korea (AP) —", "MOSCOW, June 20 (Reuters) -",
#: "GAZA CITY, Palestinian Territories:"). Neither "and"
#: nor a lower-case word may come before the dash ("US, UK and France — allies — agreed" is a
#: sentence), and a bracket must name an agency ("UN (United Nations) —" is not a dateline). A place
#: in capitals followed by a dash alone ("WASHINGTON —") is not taken: it cannot be told from an
#: acronym that opens a sentence ("NATO — the alliance — said ...").
_AGENCIES = ("AP", "Reuters", "AFP", "UPI", "Xinhua", "Yonhap", "Kyodo", "TASS", "dpa", "DPA", "ANSA", "EFE",
             "Bloomberg", "VOA", "IANS", "PTI", "Anadolu", "KCNA", "RIA Novosti", "Interfax", "CNN", "BBC",
             "AP Photo")
_PLACE_WORD = r"(?:[A-Z][\w.'\-]*|\d{1,2})"
_DATELINE = re.compile(
    r"(?:\A|(?<=\n\n)|(?<=\r\n\r\n))[ \t]*[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+)*"
    rf"(?:(?:,[ \t]*{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,3}})+(?:[ \t]*\((?:{'|'.join(_AGENCIES)})\))?"
    rf"|[ \t]*\((?:{'|'.join(_AGENCIES)})\))[ \t]*(?:\u2014|\u2013|--?|:)[ \t]")


def blank_datelines(text: str) -> str:
    """``text`` with the wire datelines opening it or its paragraphs blanked (the same length, so
    offsets hold; spaces, then a blank line): a dateline names where the story was filed, not who
    acted.

    Examples
    --------
    >>> blank_datelines("SEOUL, South Korea (AP) \u2014 North Korea fired a missile.").strip()
    'North Korea fired a missile.'
    >>> blank_datelines("NATO \u2014 the alliance \u2014 met.")[:4]
    'NATO'
    >>> blank_datelines("US, UK and France \u2014 allies \u2014 agreed.")[:2]
    'US'
    """
    # spaces ending in a blank line: the parser starts the story's first sentence after it, as
    # after a heading, not inside a run of blanks
    return _DATELINE.sub(lambda m: " " * (len(m.group()) - 2) + "\n\n" if len(m.group()) > 2 else " ", text)


def _make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)`` with two changes that leave the text as it is: runs of more than
    :data:`MAX_RUN` non-space characters are cut into tokens of :data:`MAX_RUN` characters, and a
    blank line always ends a sentence (the parser would join a headline, a dateline or page junk
    above it to the paragraph below, events and evidence included); a wire dateline is blanked
    (:func:`blank_datelines`)."""
    text = blank_datelines(text)
    if _LONG_RUN.search(text) is None:
        doc = nlp.make_doc(text)
    else:
        docs: list[Doc] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            if m.start() > pos:
                docs.append(nlp.make_doc(text[pos:m.start()]))
            run = m.group()
            words = [run[i:i + MAX_RUN] for i in range(0, len(run), MAX_RUN)]
            docs.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
            pos = m.end()
        if pos < len(text):
            docs.append(nlp.make_doc(text[pos:]))
        doc = Doc.from_docs(docs, ensure_whitespace=False)
    for token in doc:
        if token.is_space:
            # a run of spaces (a blanked dateline, page layout) reads the same whatever its length: the
            # model's features hash a token's whole norm, and each length would be a word of its own
            token.norm_ = "\n" if "\n" in token.text else " "
            if token.text.count("\n") >= 2 and token.i + 1 < len(doc):
                doc[token.i + 1].is_sent_start = True  # the parser keeps sentence starts set before it
    return doc


#: Documents (or pieces of long ones) parsed together, and the most characters in one batch.
BATCH = 64
BATCH_CHARS = 400_000


def _pieces(text: str, limit: int = MAX_CHARS) -> Iterator[tuple[int, str]]:
    """Split a long text at paragraph (else line, else space) breaks into pieces of at most ``limit``."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            cut = max(text.rfind("\n\n", start, end), -1)
            if cut <= start:
                cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


class Coder:
    """Codes documents into events.

    Parameters
    ----------
    nlp : spacy.language.Language, optional
        The parsing pipeline (default: the shipped English model).
    actors : ActorDictionary, optional
        Actor and agent dictionary (default: the shipped one).
    vocabulary : Vocabulary, optional
        Verb and noun patterns (default: the shipped ones).
    typer : TypeModel or False, optional
        The learned typer giving the rules a second opinion (default: the shipped one;
        ``False``: the rules alone).
    eventness : TypeModel or False, optional
        The learned sentence classifier that marks the events of sentences reporting no act
        (opinion, description ...) as ``commentary`` (default: the shipped one; ``False``: none).
    """

    def __init__(self, nlp: Language | None = None, actors: ActorDictionary | None = None,
                 vocabulary: Vocabulary | None = None, typer: TypeModel | None | bool = None,
                 eventness: TypeModel | None | bool = None) -> None:
        #: Built from the shipped model and data alone (what a coding checkpoint may be reused for).
        self.shipped = all(x is None for x in (nlp, actors, vocabulary, typer, eventness))
        self.nlp = nlp or load_pipeline()
        self.actors = actors or ActorDictionary.load(self.nlp)
        self.vocabulary = vocabulary or load_vocabulary()
        self.typer = load_type_model() if typer is None or typer is True else (typer or None)
        self.eventness = load_eventness_model() if eventness is None or eventness is True else (eventness or None)
        self.extractor = Extractor(self.vocabulary, self.actors, self.typer, self.eventness)

    @classmethod
    @functools.cache
    def load(cls) -> Coder:
        """The default coder, built once per process."""
        return cls()

    @classmethod
    def with_dictionaries(cls, actors: Sequence[ActorEntry] = (), agents: Sequence[AgentEntry] = (),
                          shipped: bool = True) -> Coder:
        """A coder whose actor dictionary adds (or, with ``shipped=False``, only has) these entries."""
        nlp = load_pipeline()
        return cls(nlp, ActorDictionary.load(nlp, actors, agents, shipped=shipped))

    def code(self, document: Document) -> list[CodedEvent]:
        """Events in one document, in text order."""
        return self.code_batch([document])[0]

    def code_batch(self, documents: Sequence[Document]) -> list[list[CodedEvent]]:
        """Events of each document, parsed together (spaCy parses a batch faster than one by one)."""
        pieces = [(n, offset, piece) for n, d in enumerate(documents) for offset, piece in _pieces(d.text)]
        parsed = self._parse(piece for _, _, piece in pieces)
        out: list[list[CodedEvent]] = [[] for _ in documents]
        sentences = [0] * len(documents)
        for (n, offset, _), doc in zip(pieces, parsed, strict=True):
            d = documents[n]
            out[n].extend(self.extractor.document(doc, d.id, d.date, d.url, offset=offset,
                                                  first_sentence=sentences[n]))
            sentences[n] += sum(1 for _ in doc.sents)
        return out

    def _parse(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Parse texts in order, in batches of up to :data:`BATCH` texts or :data:`BATCH_CHARS`
        characters, so that many short texts share the parser's matrix work and long ones do not
        pile up in memory."""
        batch: list[Doc] = []
        size = 0
        for text in texts:
            batch.append(_make_doc(self.nlp, text))
            size += len(text)
            if len(batch) >= BATCH or size >= BATCH_CHARS:
                yield from self.nlp.pipe(batch, batch_size=len(batch))
                batch, size = [], 0
        if batch:
            yield from self.nlp.pipe(batch, batch_size=len(batch))

    def code_text(self, text: str, published: date | None = None, doc_id: str = "doc") -> list[CodedEvent]:
        """Events in a text published on ``published``."""
        return self.code(Document(doc_id, text, published))

    def code_many(self, documents: Iterable[Document], workers: int = 1,
                  progress: Progress | None = None) -> Iterator[tuple[Document, list[CodedEvent]]]:
        """Code documents, in order, in ``workers`` processes; progress counts documents."""
        progress = progress or NullProgress()
        batches = _batches(documents, BATCH)
        if workers <= 1:
            for batch in batches:
                for document, events in zip(batch, self.code_batch(batch), strict=True):
                    yield document, events
                    progress.advance(1)
            return
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        with multiprocessing.get_context(method).Pool(workers, initializer=_init_worker) as pool:
            for batch, coded in pool.imap(_code_in_worker, batches):
                for document, events in zip(batch, coded, strict=True):
                    yield document, events
                    progress.advance(1)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER: Coder | None = None


def _init_worker() -> None:
    global _WORKER  # one coder per worker process, built once
    _WORKER = Coder.load()


def _code_in_worker(batch: list[Document]) -> tuple[list[Document], list[list[CodedEvent]]]:
    assert _WORKER is not None
    return batch, _WORKER.code_batch(batch)
