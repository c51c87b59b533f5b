"""A tiny HTTP service: GET /health answers ok, GET /greet?name=x answers a greeting.

It listens on 127.0.0.1 (containers run with --network host) at $PORT, 8080 when unset: the deploy
stage gives each version its own port.
"""
import os
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse


def greet(name: str) -> str:
    return f"hello, {name.strip() or 'world'}"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        url = urlparse(self.path)
        if url.path == "/health":
            body = b"ok"
        elif url.path == "/greet":
            body = greet(parse_qs(url.query).get("name", [""])[0]).encode()
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Handler).serve_forever()
