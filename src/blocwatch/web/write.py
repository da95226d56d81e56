"""Writing through the app: ``POST /api/documents`` codes news documents into the store.

Only an app started with a write token has this route (``blocwatch serve --allow-write``, the
token in ``$BLOCWATCH_TOKEN`` or a file, never on the command line); every request must carry
it as ``Authorization: Bearer TOKEN`` (compared in constant time). The documents' text is coded
by the server's coder; their ``url`` is stored as given and never fetched: the server makes no
request of its own. A body is at most :data:`MAX_BODY_BYTES` and :data:`MAX_DOCUMENTS` documents.

The documents are coded into the store by :func:`blocwatch.ingest.text.ingest_documents` as one
input named ``api-TIME.jsonl`` (fingerprinted by the hash of the documents' JSON): the same
checks, accounting and quarantine as ``blocwatch ingest text``. The store is opened for writing
for the request alone (waiting up to :data:`WRITE_WAIT` seconds for an ingest that holds it), then
the app takes a new snapshot.

Examples
--------
>>> check_token("a-token-of-sixteen", "Bearer a-token-of-sixteen"), check_token("a-token-of-sixteen", "Bearer x")
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException

from blocwatch.documents import Document, document_from_record
from blocwatch.documents import Problem as NotADocument
from blocwatch.errors import InputError
from blocwatch.store import EventStore
from blocwatch.web.errors import ERROR_RESPONSES, ErrorResponse

__all__ = ["MAX_BODY_BYTES", "MAX_DOCUMENTS", "MIN_TOKEN_CHARS", "WRITE_WAIT", "check_token", "write_router"]

#: Largest request body (bytes) of ``POST /api/documents``.
MAX_BODY_BYTES = 1024 * 1024
#: Most documents in one request.
MAX_DOCUMENTS = 100
#: Shortest write token accepted.
MIN_TOKEN_CHARS = 16
#: Seconds a write waits for a store another process holds.
WRITE_WAIT = 5.0


class DocumentIn(BaseModel):
    id: str = Field(min_length=1, max_length=500, description="The document's id (a second post of it adds nothing).")
    text: str = Field(description="The news text, in English.")
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="Publication date, YYYY-MM-DD.")
    url: str | None = Field(default=None, max_length=2000, description="Where it was published (stored, never "
                                                                       "fetched).")
    title: str | None = Field(default=None, max_length=2000)


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=MAX_DOCUMENTS)


class Problem(BaseModel):
    line: int | None = Field(description="The document's place in the request (1 = first).")
    reason: str


class Written(BaseModel):
    documents: int = Field(description="Documents coded.")
    events: int = Field(description="Events coded from them.")
    inserted: int = Field(description="Events new to the store.")
    duplicates: int = Field(description="Events the store already held.")
    quarantined: int = Field(description="Documents that could not be coded (in the store's quarantine).")
    first_problem: Problem | None = Field(description="Why the first of them could not be.")


def check_token(expected: str, header: str | None) -> bool:
    """Whether an ``Authorization`` header carries the bearer token ``expected``."""
    if not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer "):].encode(), expected.encode())


def _authorised(request: Request, authorization: Annotated[str | None, Header(
        description="`Bearer TOKEN`: the server's write token.")] = None) -> None:
    if not check_token(request.app.state.write_token, authorization):
        raise HTTPException(401, "a write needs the server's token: Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})


async def _body(request: Request) -> bytes:
    size = request.headers.get("content-length")
    if size is not None and size.isdigit() and int(size) > MAX_BODY_BYTES:
        raise HTTPException(413, f"the body is over {MAX_BODY_BYTES:,} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY_BYTES:
            raise HTTPException(413, f"the body is over {MAX_BODY_BYTES:,} bytes")
    return bytes(data)


_LOCK = threading.Lock()

write_router = APIRouter(prefix="/api", tags=["write"])


@write_router.post("/documents", response_model=Written, summary="Code news documents into the store",
                   dependencies=[Depends(_authorised)],
                   responses={**ERROR_RESPONSES, 401: {"model": ErrorResponse, "description": "No or a wrong token."},
                              413: {"model": ErrorResponse, "description": "The body is too large."}},
                   openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                       "schema": DocumentsIn.model_json_schema()}}}})
async def documents(request: Request) -> dict[str, Any]:
    """Code the documents of the body (`{"documents": [{"id", "text", "date", "url", "title"}]}`)
    and store their events; answers what was coded, stored and quarantined."""
    raw = await _body(request)
    try:
        body = DocumentsIn.model_validate_json(raw)
    except ValidationError as exc:
        raise InputError(f"not a list of documents: {exc.errors()[0]['msg']}") from None
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_write, request.app, body)


def _documents(name: str, body: DocumentsIn) -> list[Document | NotADocument]:
    """The request's documents, checked as the lines of a JSON-lines file named ``name`` would be."""
    items: list[Document | NotADocument] = []
    for line, doc in enumerate(body.documents, start=1):
        record = doc.model_dump(exclude_none=True)
        try:
            items.append(document_from_record(record, name, line, None))
        except ValueError as exc:
            items.append(NotADocument(name, line, str(exc), json.dumps(record)))
    return items


def _write(app: Any, body: DocumentsIn) -> dict[str, Any]:
    from blocwatch.ingest.text import ingest_documents

    name = f"api-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}.jsonl"
    content = "".join(json.dumps(d.model_dump(exclude_none=True)) + "\n" for d in body.documents).encode()
    fingerprint = {name: (hashlib.sha256(content).hexdigest(), len(content))}
    with _LOCK:
        snapshots = app.state.live.snapshots
        with snapshots.paused(), EventStore(snapshots.store, wait=WRITE_WAIT) as store:
            result = ingest_documents(store, _documents(name, body), coder=app.state.coder, fingerprints=fingerprint)
    snapshots.refresh(force=True)
    first = result.files[0].first_problem if result.files else None
    return {"documents": result.documents, "events": result.events, "inserted": result.inserted,
            "duplicates": result.duplicates, "quarantined": result.quarantined,
            "first_problem": {"line": first[0], "reason": first[1]} if first else None}
