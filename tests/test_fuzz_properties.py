"""Property tests of every importer and of the coder's text handling (hypothesis), through the
fuzz targets of fuzz/targets.py: mutated real inputs never raise, every line is accounted for,
and the same bytes give the same events. The coverage-guided atheris runs of the same targets
are tests/test_fuzz.py (bounded) and `make fuzz` (longer)."""

from __future__ import annotations

import pytest
from fuzz.targets import TARGETS, Session, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

#: Bytes that break parsers: separators, quotes, line ends, NUL, bytes that are not UTF-8,
#: a byte order mark, markup, a lone surrogate escape for JSON.
NASTY = [b"\t", b",", b'"', b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b"\xc3", b"\xef\xbb\xbf", b"<script>",
         b"\\ud800", b"{", b"}", b"null", b" " * 300, "\u2028".encode()]


@st.composite
def mutated(draw, target: str) -> bytes:
    """A seed of ``target`` with a few bytes replaced, inserted or cut."""
    data = bytearray(draw(st.sampled_from(seeds(target))))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "replace", "cut", "truncate"]))
        piece = draw(st.one_of(st.sampled_from(NASTY), st.binary(min_size=1, max_size=8)))
        if op == "insert":
            data[at:at] = piece
        elif op == "replace":
            data[at:at + len(piece)] = piece
        elif op == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        else:
            del data[at:]
    return bytes(data)


@pytest.fixture(scope="module")
def sessions(coder, tmp_path_factory):
    """Two sessions (stores), so that the same input can be read twice from scratch."""
    a, b = Session(tmp_path_factory.mktemp("fuzz-a")), Session(tmp_path_factory.mktemp("fuzz-b"))
    a._coder = b._coder = coder
    yield a, b
    a.store.close()
    b.store.close()


def _both(sessions, target: str, data: bytes) -> None:
    a, b = sessions
    first = TARGETS[target](a, data)   # no exception, and the accounting holds (else AssertionError)
    again = TARGETS[target](b, data)
    assert first == again, "the same bytes gave another result"


@pytest.mark.parametrize("target", ["gdelt", "icews", "parquet", "csv", "polecat", "acled"])
def test_dataset_importers(sessions, target):
    @SETTINGS
    @given(data=mutated(target))
    def check(data: bytes) -> None:
        _both(sessions, target, data)

    check()


@pytest.mark.slow
@pytest.mark.parametrize("target", ["jsonl", "txt", "html", "coder"])
def test_text_and_the_coder(sessions, target):
    @settings(SETTINGS, max_examples=25)
    @given(data=mutated(target))
    def check(data: bytes) -> None:
        _both(sessions, target, data)

    check()


def test_datasets_read_twice_give_the_same_events(sessions):
    """Beyond the counts: the events themselves, column by column, from two fresh stores."""
    data = b"".join(seeds("gdelt")[:1])
    a, b = sessions
    for s in sessions:
        TARGETS["gdelt"](s, data)
    columns = "event_id, date, source, target, cameo, goldstein, quad_class, url, location_country"
    rows = [s.store.query(f"SELECT {columns} FROM events ORDER BY event_id").to_pylist() for s in (a, b)]
    assert rows[0] and rows[0] == rows[1]
