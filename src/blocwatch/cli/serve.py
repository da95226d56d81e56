"""``blocwatch serve``: the read-only web app (:mod:`blocwatch.web`) on a local port."""

import contextlib
import ipaddress
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from blocwatch.cli.app import app
from blocwatch.cli.options import DEFAULT_DB, Exclude
from blocwatch.cli.render import stderr, stdout, term
from blocwatch.errors import InputError
from blocwatch.exclusions import read_exclusions
from blocwatch.extras import require

__all__ = ["listen", "serve", "write_token"]


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (port 0: any free port).

    Raises
    ------
    InputError
        The host is unknown or the port is taken (one line, for the command line).

    Examples
    --------
    >>> with listen("127.0.0.1", 0) as sock:
    ...     sock.getsockname()[0]
    '127.0.0.1'
    """
    if not 0 <= port <= 65535:
        raise InputError(f"--port: {port} is not a TCP port (0 to 65535)")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as exc:
        raise InputError(f"--host: cannot listen on {host!r}: {exc.strerror or exc}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        reason = (exc.strerror or str(exc)).lower()
        raise InputError(f"cannot listen on {host}:{port}: {reason}") from None
    return sock


def write_token(token_file: Path | None) -> str:
    """The write token: the first line of ``token_file``, else ``$BLOCWATCH_TOKEN``.

    Raises
    ------
    InputError
        Neither gives one (never take it from the command line, where ``ps`` shows it).
    """
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", file=str(token_file)) from None
    else:
        token = os.environ.get("BLOCWATCH_TOKEN", "").strip()
    if not token:
        raise InputError("--allow-write needs a token: set BLOCWATCH_TOKEN or give --token-file FILE")
    return token


def _is_loopback(sock: socket.socket) -> bool:
    try:
        return ipaddress.ip_address(sock.getsockname()[0]).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="The event store (a DuckDB file), opened read-only.")]
    = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; anything but a loopback address lets other "
                                      "machines read the store.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0: any free port).")] = 8000,
    timeout: Annotated[float | None, typer.Option(min=0.1, help="Seconds a request may take before it gets "
                                                  "a 504 error [default: 30].")] = None,
    allow_write: Annotated[bool, typer.Option("--allow-write", help="Also accept POST /api/documents from "
                                              "requests bearing the write token ($BLOCWATCH_TOKEN or "
                                              "--token-file).")] = False,
    token_file: Annotated[Path | None, typer.Option("--token-file", help="File holding the write token.")]
    = None,
    exclude: Exclude = None,
) -> None:
    """Serve the web app and its JSON API (docs/app.md) until Ctrl+C; read-only unless --allow-write."""
    require("web", "the web app")
    import uvicorn

    from blocwatch.web import create_app
    from blocwatch.web.limits import REQUEST_SECONDS
    from blocwatch.web.security import LOOPBACK_HOSTS

    timeout = REQUEST_SECONDS if timeout is None else timeout
    token = write_token(token_file) if allow_write else None
    if token_file is not None and not allow_write:
        raise InputError("--token-file goes with --allow-write")
    excluded = tuple(read_exclusions(exclude)) if exclude is not None else ()
    sock = listen(host, port)
    try:
        loopback = _is_loopback(sock)
        web = create_app(db, allowed_hosts=(*LOOPBACK_HOSTS, host) if loopback else None, timeout=timeout,
                         write_token=token, exclude=excluded)
    except BaseException:
        sock.close()
        raise
    address, actual = sock.getsockname()[:2]
    url = f"http://{f'[{address}]' if ':' in address else address}:{actual}/"
    mode = "read-only" if token is None else "writes with the token"
    if excluded:
        mode += f"; {len(excluded):,} events judged wrong left out"
    stdout.print(f"serving {term(db)} ({mode}) on {url}  (Ctrl+C to stop)", highlight=False, soft_wrap=True)
    if not loopback:
        stderr.print(f"[yellow]warning:[/yellow] listening on {host}: whoever can reach this machine can read "
                     "the store", highlight=False)
    server = uvicorn.Server(uvicorn.Config(web, log_level="warning", access_log=False, lifespan="off"))
    try:
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises Ctrl+C again once it has shut down
            server.run(sockets=[sock])
        stdout.print("stopped", highlight=False)
    finally:
        web.state.live.close()
        sock.close()
