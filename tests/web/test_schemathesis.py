"""The API against its own OpenAPI spec: schemathesis generates valid and invalid requests for
every operation and checks every answer with all its default checks (no server error, declared
status codes, content types, headers and response schemas; valid requests accepted, invalid
ones refused).

The spec is read, at import, from the app over an empty store (it does not depend on the data);
the requests go to the app over the demo store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from blocwatch import EventStore, InputError
from blocwatch.countries import resolve_country
from blocwatch.dyads import parse_date
from blocwatch.web import create_app

pytestmark = pytest.mark.slow  # property-based requests against the whole API

_TMP = tempfile.TemporaryDirectory(prefix="blocwatch-spec-")
EventStore(Path(_TMP.name) / "empty.duckdb").close()
_SPEC_APP = create_app(Path(_TMP.name) / "empty.duckdb")
schema = schemathesis.openapi.from_asgi("/openapi.json", _SPEC_APP)


def _known_states(text) -> bool:
    """Whether every code in a ``countries`` or ``pair`` value is a state blocwatch knows."""
    if not isinstance(text, str):
        return True  # malformed: a negative case, refused by the spec's checks
    try:
        return all(resolve_country(c) for c in text.replace("-", ",").split(",") if c)
    except InputError:
        return False


@schema.hook
def filter_query(context, query):
    """The rules an OpenAPI spec cannot state, documented instead (a 400): ``from`` is not after
    ``to``, and the states are states blocwatch knows (a code shaped like one, such as ``XYZ``, is
    refused with suggestions). Requests breaking them are left to test_api.py."""
    if query is None:
        return True
    if not (_known_states(query.get("countries")) and _known_states(query.get("pair"))):
        return False
    try:
        first, last = parse_date(query.get("from")), parse_date(query.get("to"), end=True)
    except (InputError, AttributeError, TypeError):
        return True  # malformed: a negative case, refused by the spec's checks
    return not (first and last and first > last)


@pytest.fixture(scope="module", autouse=True)
def _close_spec_app():
    yield
    _SPEC_APP.state.live.close()
    _TMP.cleanup()


def test_the_spec_does_not_depend_on_the_store(demo_app):
    assert demo_app.openapi() == _SPEC_APP.openapi()


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_spec(case, demo_app):
    case.call_and_validate(app=demo_app)
