"""Security headers on every response, a check of the Host header, and a last line of defence.

:class:`SecurityMiddleware` is plain ASGI, outside every route and handler of the app:

* every response (pages, API answers, errors, static files) gets :data:`SECURITY_HEADERS`: a
  strict Content-Security-Policy (scripts only from the app's own static files; plotly needs
  inline styles), no MIME sniffing, no referrer, no framing;
* with ``allowed_hosts``, a request whose ``Host`` is not one of them is refused (400
  ``invalid_host``): a web page elsewhere cannot reach a server on localhost by DNS rebinding;
* an exception no handler answered becomes a 500 ``internal_error`` in the app's error shape,
  logged on the server with its traceback and never sent to the client.

Examples
--------
>>> SECURITY_HEADERS["X-Frame-Options"]
'DENY'
>>> host_name("[::1]:8000"), host_name("LOCALHOST:80"), host_name("127.0.0.1")
('::1', 'localhost', '127.0.0.1')
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from blocwatch.web.errors import error_response

__all__ = ["CONTENT_SECURITY_POLICY", "LOOPBACK_HOSTS", "SECURITY_HEADERS", "SecurityMiddleware", "host_name"]

log = logging.getLogger("blocwatch.web")

#: Scripts, styles, images and requests only from the app itself; no frames, no <base>, no foreign forms.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                           "form-action 'self'")

#: Sent with every response.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

#: Names under which a server bound to a loopback address is reached.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityMiddleware:
    """See the module docstring.

    Parameters
    ----------
    app : ASGI application
    allowed_hosts : iterable of str, optional
        Host names (without port) requests may be addressed to; ``None`` accepts any.
    timeout : float, optional
        Seconds before a request that has not begun its answer gets a 504 JSON error.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None = None,
                 timeout: float | None = None) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        if self.allowed is not None:
            host = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"host"), "")
            if host_name(host) not in self.allowed:
                await error_response(400, "invalid_host", "this server only answers requests addressed to "
                                     + ", ".join(sorted(self.allowed)))(scope, receive, send_with_headers)
                return
        try:
            await asyncio.wait_for(self.app(scope, receive, send_with_headers), self.timeout)
        except TimeoutError:
            if started:
                raise
            await error_response(504, "timeout", f"the request took longer than {self.timeout:g} s; ask for "
                                 "less (fewer states, a shorter window)")(scope, receive, send_with_headers)
        except Exception:
            log.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            if started:  # too late for an error response: the connection is closed
                raise
            await error_response(500, "internal_error", "internal server error")(scope, receive, send_with_headers)
