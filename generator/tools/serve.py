"""A static file server on an ephemeral port (port 0), for browser tests and screenshots."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path


OUTSIDE = "\u2400-outside-the-site-prefix"  # a name no site has: what lies outside the prefix is not found


class _Quiet(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def translate_path(self, path: str) -> str:
        # Serve the site under its public path prefix (e.g. /sozialbericht-oberhausen/), as a
        # project site on a web host would be; the 404 page links its assets that way. Nothing is
        # served outside the prefix: a link that climbs above the site root is a 404, as on the host.
        if self.prefix != "/":
            bare = path.split("?", 1)[0].split("#", 1)[0]
            if not (bare + "/").startswith(self.prefix):
                return str(Path(self.directory) / OUTSIDE)
            path = "/" + path[len(self.prefix):] if path.startswith(self.prefix) else "/"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Yield the base URL of ``directory`` served on 127.0.0.1 with an OS-chosen port."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = functools.partial(type("Handler", (_Quiet,), {"prefix": prefix}), directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
