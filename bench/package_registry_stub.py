#!/usr/bin/python3
"""A stand-in for GitLab's generic package registry, for the bench and the tests (GitLab
itself is not reachable here). It answers the two calls scripts/ci/nastavnik-bundle.sh makes,
as GitLab documents them:

  PUT      /api/v4/projects/<id>/packages/generic/<name>/<version>/<file>   → 201 (200 for HEAD/GET)
  GET/HEAD /api/v4/projects/<id>/packages/generic/<name>/<version>/<file>   → 200 with the file, or 404

with the header `JOB-TOKEN: <token>` (401 without the right one). Files are kept under
--dir/<id>/<name>/<version>/<file>; every request is appended to --dir/requests.log as
"METHOD path status".

  package_registry_stub.py --dir DIR [--port 0] [--token T] [--port-file FILE]

Prints "listening on http://127.0.0.1:PORT/api/v4" (and writes PORT to --port-file) when ready.
"""
import argparse
import re
import shutil
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROUTE = re.compile(r"^/api/v4/projects/([\w.-]+)/packages/generic/([A-Za-z0-9._+-]+)/((?:\.?[\w+-]+\.?)+)/([A-Za-z0-9._+-]+)$")


def make_handler(root: Path, token: str):
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet; requests.log instead
            pass

        def record(self, status):
            with lock, open(root / "requests.log", "a", encoding="utf-8") as log:
                log.write(f"{self.command} {self.path} {status}\n")

        def reply(self, status, body=b"", content_type="application/json"):
            self.record(status)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def target(self):
            m = ROUTE.match(self.path.split("?")[0])
            if not m:
                return None
            return root.joinpath(*m.groups())

        def authorised(self):
            return self.headers.get("JOB-TOKEN") == token

        def do_GET(self):
            path = self.target()
            if path is None:
                return self.reply(404, b'{"message":"404 Not Found"}')
            if not self.authorised():
                return self.reply(401, b'{"message":"401 Unauthorized"}')
            if not path.is_file():
                return self.reply(404, b'{"message":"404 Package Not Found"}')
            data = path.read_bytes()
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_HEAD = do_GET

        def do_PUT(self):
            path = self.target()
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else b""
            if path is None:
                return self.reply(404, b'{"message":"404 Not Found"}')
            if not self.authorised():
                return self.reply(401, b'{"message":"401 Unauthorized"}')
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(path)
            self.reply(201, b'{"message":"201 Created"}')

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True, type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="bench-job-token")
    parser.add_argument("--port-file", type=Path)
    parser.add_argument("--clear", action="store_true", help="remove every stored package first")
    args = parser.parse_args()
    if args.clear and args.dir.exists():
        shutil.rmtree(args.dir)
    args.dir.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.dir.resolve(), args.token))
    port = server.server_address[1]
    if args.port_file:
        args.port_file.write_text(f"{port}\n")
    print(f"listening on http://127.0.0.1:{port}/api/v4", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
