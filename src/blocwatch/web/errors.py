"""Every error of the app in one JSON shape.

``{"error": {"status": 422, "code": "invalid_request", "message": "...", "detail": ...}}``:
``status`` repeats the HTTP status, ``code`` is a short stable word for programs, ``message``
is for people, ``detail`` (optional) holds structured particulars such as the failed checks of
a request. No error carries a traceback or a path of the server's files.

========================  ======  =====================================================
cause                     status  code
========================  ======  =====================================================
no such route or file     404     ``not_found``
method other than GET     405     ``method_not_allowed``
parameter fails its spec  422     ``invalid_request`` (``detail``: one entry per check)
blocwatch ``InputError``  400     ``bad_input`` (e.g. ``from`` after ``to``)
blocwatch ``StoreError``  503     ``store_unavailable``
longer than the time-out  504     ``timeout``
DuckDB error              500     ``store_error``
anything else             500     ``internal_error``
========================  ======  =====================================================

Examples
--------
>>> import json
>>> json.loads(error_response(404, "not_found", "no such page").body)
{'error': {'status': 404, 'code': 'not_found', 'message': 'no such page', 'detail': None}}
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from blocwatch.errors import InputError, ParameterError, StoreError

__all__ = ["ERROR_RESPONSES", "ErrorBody", "ErrorResponse", "error_response", "install_error_handlers"]

log = logging.getLogger("blocwatch.web")


class ErrorBody(BaseModel):
    status: int = Field(description="The HTTP status.")
    code: str = Field(description="A short stable code: not_found, invalid_request, bad_input ...")
    message: str = Field(description="What went wrong, for people.")
    detail: Any | None = Field(default=None, description="Particulars, such as each failed check of a request.")


class ErrorResponse(BaseModel):
    """The body of every error."""

    error: ErrorBody


#: Error responses every API route declares (for its OpenAPI spec).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Parameters that are well formed but cannot be used together "
                                                 "(`from` after `to`)."},
    422: {"model": ErrorResponse, "description": "A parameter is malformed or beyond a limit."},
    500: {"model": ErrorResponse, "description": "Internal error (no details are given)."},
    503: {"model": ErrorResponse, "description": "The event store cannot be used."},
    504: {"model": ErrorResponse, "description": "The request took longer than the server's time-out."},
}

_CODES = {404: "not_found", 405: "method_not_allowed"}


def error_response(status: int, code: str, message: str, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON response in the app's error shape."""
    return JSONResponse({"error": {"status": status, "code": code, "message": message, "detail": detail}},
                        status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    if isinstance(exc.detail, str) and exc.detail != phrase:
        message = exc.detail
    elif status == 404:
        message = f"no such page: {request.url.path}"
    elif status == 405:
        message = f"{request.method} is not allowed: the app only answers GET"
    else:
        message = phrase.lower()
    code = _CODES.get(status) or phrase.lower().replace(" ", "_").replace("-", "_")
    return error_response(status, code, message, headers=exc.headers)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("query", "path", "header", "cookie", "body"):
        return f"{parts[0]} parameter {'.'.join(parts[1:])!r}" if len(parts) > 1 else parts[0]
    return ".".join(parts)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    checks = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
              for e in exc.errors()]
    first = checks[0] if checks else {"loc": [], "msg": "invalid request"}
    message = f"{_where(first['loc'])}: {first['msg']}" if first["loc"] else first["msg"]
    return error_response(422, "invalid_request", message, detail=checks)


#: The query parameters of the library's parameters where their names differ.
QUERY_NAMES = {"start": "from", "end": "to"}


async def _input_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, ParameterError):
        return error_response(400, "bad_input", f"{QUERY_NAMES.get(exc.param, exc.param)}: {exc.reason}")
    return error_response(400, "bad_input", str(exc))


async def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StoreError)
    log.error("store unavailable: %s", exc)
    return error_response(503, "store_unavailable", f"the event store cannot be used: {exc.reason}")


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("store error on %s: %s", request.url.path, exc)
    return error_response(500, "store_error", "the event store could not answer this request")


def install_error_handlers(app: FastAPI) -> None:
    """Answer HTTP, validation, input and store errors in the one shape (unexpected exceptions
    are answered by :class:`blocwatch.web.security.SecurityMiddleware`)."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(StoreError, _store_unavailable)
    app.add_exception_handler(duckdb.Error, _store_error)
