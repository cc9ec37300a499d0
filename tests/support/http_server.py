"""Serve a folder on 127.0.0.1 from a thread, for tests that fetch over HTTP."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging each request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log: pytest output stays readable."""


@contextmanager
def serve_directory(root: Path) -> Iterator[str]:
    """Serve `root` on a free port of 127.0.0.1; yield its base URL (with `/`)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
