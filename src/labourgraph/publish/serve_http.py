"""The HTTP server under the endpoint: uvicorn (HTTP/1.1, keep-alive) with a read deadline.

uvicorn closes a keep-alive connection left idle (`timeout_keep_alive`), but gives a client
all the time it likes to send a request: a connection that never finishes its headers, or
whose Content-Length promises more body than it sends, stays open for ever. The server kept
a thread for each such connection before (issue 20); uvicorn keeps no thread, but still a
connection and a task. `_DeadlineProtocol` adds the missing deadline: from the first byte of a
request (or from the connection's opening) to its last, at most `read_timeout` seconds; past
it the client gets `408 Request Timeout` and the connection is closed.

`Server` runs uvicorn on a socket bound beforehand, so that a port taken is one clear error at
start and port 0 gives a free port whose number is known before serving.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from labourgraph.core.errors import LabourgraphError

KEEP_ALIVE = 5
"""Seconds an idle keep-alive connection stays open."""
GRACE = 3
"""Seconds requests still running at shutdown get to finish."""
MAX_HEADER_BYTES = 64 * 1024
"""Largest request line plus headers (a SPARQL query fits in a GET URL up to this)."""

_TIMEOUT_REPLY = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\n"
    b"Content-Length: 49\r\n\r\n"
    b"request timeout: the request was not sent in time\n"
)


class _DeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, with a deadline on reading each request (see the module)."""

    read_timeout: float = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._disarm()
        else:
            self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # The next request on this connection has not begun: the keep-alive timeout rules.
        if self.conn.their_state is h11.IDLE:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.read_timeout, self._too_late)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_late(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is None or not cycle.response_started or cycle.response_complete:
            self.transport.write(_TIMEOUT_REPLY)
        if cycle is not None:
            # The application waiting for the rest of the body hears a disconnect now, and
            # anything it sends later is dropped (as for a client that went away).
            cycle.disconnected = True
            cycle.message_event.set()
        self.transport.close()


class Server:
    """uvicorn serving an ASGI app on a socket bound at construction.

    The interface is the standard library's `socketserver` one (`serve_forever`, `shutdown`,
    `server_close`, `server_address`), so a test or a caller can run it in a thread.
    """

    def __init__(
        self,
        app: Any,
        host: str,
        port: int,
        *,
        read_timeout: float,
        max_connections: int,
    ):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP said explicitly: asyncio sets TCP_NODELAY only on sockets that say so,
        # and without it every answer written in two parts (headers, body) waited for the
        # client's delayed ACK (measured: 44 ms for any request, against 1 ms with it).
        self.socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((host, port))
            self.socket.listen(1024)
        except (OSError, OverflowError) as err:
            self.socket.close()
            why = err.strerror if isinstance(err, OSError) else str(err)
            raise LabourgraphError(f"cannot listen on {host}:{port}: {why}") from None
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        protocol = type("Protocol", (_DeadlineProtocol,), {"read_timeout": read_timeout})
        config = uvicorn.Config(
            app,
            http=protocol,
            lifespan="off",
            log_config=None,
            log_level="warning",
            access_log=False,
            server_header=False,
            timeout_keep_alive=KEEP_ALIVE,
            timeout_graceful_shutdown=GRACE,
            limit_concurrency=max_connections,
            h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        )
        self._server = uvicorn.Server(config)
        self._running = threading.Event()
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        """Serve until `shutdown()` (or, in the main thread, SIGINT/SIGTERM)."""
        self._running.set()
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serving and wait until `serve_forever` has returned."""
        self._server.should_exit = True
        if self._running.is_set():
            self._stopped.wait()

    def server_close(self) -> None:
        """Close the listening socket."""
        self.socket.close()
