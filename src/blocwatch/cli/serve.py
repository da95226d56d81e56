"""``blocwatch serve``: the read-only web app (:mod:`blocwatch.web`) on a local port."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Annotated

import typer

from blocwatch.cli.render import stderr, stdout
from blocwatch.errors import InputError
from blocwatch.store import DEFAULT_STORE

__all__ = ["listen", "register"]


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


def _is_loopback(sock: socket.socket) -> bool:
    try:
        return ipaddress.ip_address(sock.getsockname()[0]).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the command line."""

    @app.command()
    def serve(
        db: Annotated[Path, typer.Option("--db", help="The event store (a DuckDB file), opened read-only.")]
        = Path(DEFAULT_STORE),
        host: Annotated[str, typer.Option(help="Address to listen on; anything but a loopback address lets other "
                                          "machines read the store.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port (0: any free port).")] = 8000,
        timeout: Annotated[float | None, typer.Option(min=0.1, help="Seconds a request may take before it gets "
                                                      "a 504 error [default: 30].")] = None,
    ) -> None:
        """Serve the read-only web app and its JSON API (docs/app.md) until Ctrl+C."""
        import uvicorn

        from blocwatch.web import create_app
        from blocwatch.web.limits import REQUEST_SECONDS
        from blocwatch.web.security import LOOPBACK_HOSTS

        timeout = REQUEST_SECONDS if timeout is None else timeout
        sock = listen(host, port)
        try:
            loopback = _is_loopback(sock)
            web = create_app(db, allowed_hosts=(*LOOPBACK_HOSTS, host) if loopback else None, timeout=timeout)
        except BaseException:
            sock.close()
            raise
        address, actual = sock.getsockname()[:2]
        url = f"http://{f'[{address}]' if ':' in address else address}:{actual}/"
        stdout.print(f"serving {db} (read-only) on {url}  (Ctrl+C to stop)", highlight=False, soft_wrap=True)
        if not loopback:
            stderr.print(f"[yellow]warning:[/yellow] listening on {host}: whoever can reach this machine can read "
                         "the store", highlight=False)
        server = uvicorn.Server(uvicorn.Config(web, log_level="warning", access_log=False, lifespan="off"))
        try:
            server.run(sockets=[sock])
        except KeyboardInterrupt:
            stdout.print("stopped", highlight=False)
        finally:
            web.state.live.close()
            sock.close()
