"""Serve a built site on 127.0.0.1 the way static hosting does."""

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

NOT_FOUND_PAGE = "404.html"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; `index.html` for folders; the site's `404.html` if missing."""

    extra_headers: tuple[tuple[str, str], ...] = ()

    def end_headers(self) -> None:
        """Add the configured headers to every response."""
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        """Answer a missing path with the site's own 404 page, as hosts do."""
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path: str) -> None:
        """Answer a folder without `index.html` with 404: hosts list no folders."""
        self.send_error(HTTPStatus.NOT_FOUND)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the gate's output to its findings."""


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that says nothing when a browser drops a connection."""

    def handle_error(self, request, client_address) -> None:
        """Ignore closed connections (a page left early); report anything else."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def handler_for(root: Path, csp: str | None = None) -> type[SiteHandler]:
    """Return a handler class serving `root`, with a CSP header if given."""
    # A "LinkChecker" header lifts linkchecker's 10-requests-a-second limit,
    # which would otherwise dominate the link gate's time.
    headers = [("LinkChecker", "local"), ("Cache-Control", "no-store")]
    if csp:
        headers.append(("Content-Security-Policy", csp))
    return type(
        "BoundSiteHandler",
        (SiteHandler,),
        {"extra_headers": tuple(headers)},
    )


@contextlib.contextmanager
def serve(root: Path, port: int = 0, csp: str | None = None) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 in a thread; yield the base URL, ending in `/`."""
    if not root.is_dir():
        raise NotADirectoryError(f"no site to serve at {root}")
    handler = functools.partial(handler_for(root, csp), directory=str(root))
    try:
        server = QuietServer(("127.0.0.1", port), handler)
    except OSError as error:
        message = f"cannot serve on 127.0.0.1:{port}: {error.strerror}"
        raise OSError(error.errno, message) from error
    # A short poll keeps shutdown quick; each gate run starts and stops one.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        host, bound_port = server.server_address[:2]
        yield f"http://{host}:{bound_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
