"""A real HTTP server on 127.0.0.1 for tests that need a network peer: it records every
request it gets and answers what the test's function says."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    content_type: str
    body: bytes


Answer = tuple[int, str, bytes]  # status, content type, body


@dataclass
class Loopback:
    url: str
    requests: list[Request] = field(default_factory=list)


@contextmanager
def loopback(answer: Callable[[Request], Answer]) -> Iterator[Loopback]:
    """A server at ``Loopback.url`` (``http://127.0.0.1:PORT/sparql``) until the block ends."""
    server_box: list[Loopback] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                self.command,
                self.path,
                self.headers.get("Content-Type", ""),
                self.rfile.read(length),
            )
            server_box[0].requests.append(request)
            status, content_type, body = answer(request)
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (a timeout test)
                pass

        do_GET = do_POST = do_PUT = do_DELETE = _handle

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server_box.append(Loopback(f"http://127.0.0.1:{server.server_port}/sparql"))
    # a short poll so that the shutdown at the end takes no half second
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server_box[0]
    finally:
        server.shutdown()
        server.server_close()
