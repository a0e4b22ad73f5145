"""Protection below the routes: HEAD on every GET route, and limits on how a request's head arrives.

`HeadAsGet` (ASGI middleware) answers HEAD as GET without the body: FastAPI registers only GET
on `@app.get` routes, so HEAD would otherwise be 405 everywhere (RFC 9110 §9.3.2 says a server
answering GET should answer HEAD).

`GuardedHttpToolsProtocol` is uvicorn's httptools protocol with two limits it lacks:
- the request head (request line and headers) may hold at most `MAX_HEAD_BYTES`; a longer one
  gets 431 and the connection is closed (uvicorn's httptools parser buffers headers without
  limit: four 100 MB headers took a server from 295 to 705 MB);
- the head must arrive within `HEAD_TIMEOUT` seconds of the connection (or of the first byte of a
  following request on a kept-alive connection); a slow or silent one gets 408 and is closed
  (otherwise trickled headers hold a connection, and its memory, for ever).
`vndiplo serve` runs uvicorn with it (`http=`), in every worker process.
"""
from __future__ import annotations

import asyncio
import os

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["HeadAsGet", "GuardedHttpToolsProtocol", "MAX_HEAD_BYTES", "HEAD_TIMEOUT"]

MAX_HEAD_BYTES = 64 * 1024  # request line + headers (nginx's large_client_header_buffers: 4 x 8 KB)
# seconds to send a request's line and headers (the environment may shorten it: tests, a busy proxy)
HEAD_TIMEOUT = float(os.environ.get("VNDIPLO_HEAD_TIMEOUT") or 10.0)


class HeadAsGet:
    """HEAD requests run as GET; the answer keeps its status and headers (Content-Length included)
    and loses its body."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, without_body)


def _status(code: int, reason: str, msg: str) -> bytes:
    body = msg.encode()
    return (f"HTTP/1.1 {code} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode() + body


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a size limit and a deadline on each request head."""

    max_head_bytes = MAX_HEAD_BYTES
    head_timeout = HEAD_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_bytes = 0
        self._in_head = True
        self._head_timer: asyncio.TimerHandle | None = self.loop.call_later(self.head_timeout, self._too_slow)

    def data_received(self, data: bytes) -> None:
        if self._in_head and self._head_timer is None:  # a next request on a kept-alive connection
            self._head_timer = self.loop.call_later(self.head_timeout, self._too_slow)
        counting = self._in_head
        super().data_received(data)
        if counting and self._in_head:  # the head is still not complete after these bytes
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes and not self.transport.is_closing():
                self._refuse(431, "Request Header Fields Too Large",
                             f"request line and headers over {self.max_head_bytes} bytes")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        self._head_bytes = 0

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._head_bytes = 0
        self._cancel_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True  # the next bytes on this connection begin a new request

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timer()
        super().connection_lost(exc)

    def _cancel_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _too_slow(self) -> None:
        self._head_timer = None
        if self._in_head and not self.transport.is_closing():
            self._refuse(408, "Request Timeout", f"request head not received within {self.head_timeout:g} s")

    def _refuse(self, code: int, reason: str, msg: str) -> None:
        self._cancel_timer()
        self.logger.warning("refused a request: %s", msg)
        self.transport.write(_status(code, reason, msg))
        self.transport.close()
