#!/usr/bin/env python3
"""A validating proxy in front of vcsim: every SOAP envelope the plugin sends is checked
against VMware's vim25 WSDL/XSDs (vim_validate, libxml2) and then forwarded unchanged, so the
tests prove the requests vcsim accepts are also valid for real vCenter. HTTPS on 127.0.0.1
with a throw-away certificate; prints "PORT <n>" once listening. GET /proxy/state returns
{"requests": n, "invalid": [...]}. An invalid request is still forwarded (the test fails on
the record), so vcsim's own behaviour stays visible.
Usage: vim_proxy.py VIM_VALIDATE WSDL_DIR UPSTREAM_HOST:PORT
"""
import http.client
import json
import shutil
import signal
import ssl
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from fake_vcenter import Validator, tls_context

PASSED_HEADERS = ("Content-Type", "SOAPAction", "Cookie")


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    validator = upstream = None
    lock = threading.Lock()
    requests, invalid = 0, []

    def log_message(self, *args):
        pass

    def reply(self, status, data, headers):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with Proxy.lock:
            state = {"requests": Proxy.requests, "invalid": Proxy.invalid}
        self.reply(200, json.dumps(state).encode(), [("Content-Type", "application/json")])

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        problem = self.validator.check(body.decode("utf-8", "replace"))
        with Proxy.lock:
            Proxy.requests += 1
            if problem:
                Proxy.invalid.append(problem)
        conn = http.client.HTTPSConnection(*self.upstream, context=ssl._create_unverified_context())
        conn.request("POST", self.path, body,
                     {h: self.headers[h] for h in PASSED_HEADERS if self.headers.get(h)})
        answer = conn.getresponse()
        data = answer.read()
        headers = [(h, v) for h, v in answer.getheaders() if h.lower() in ("content-type", "set-cookie")]
        conn.close()
        self.reply(answer.status, data, headers)


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    Proxy.validator = Validator(sys.argv[1], sys.argv[2])
    host, port = sys.argv[3].rsplit(":", 1)
    Proxy.upstream = (host, int(port))
    scratch = tempfile.mkdtemp(prefix="vim-proxy-tls-")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    server.socket = tls_context(scratch)[0].wrap_socket(server.socket, server_side=True)

    def stop(*_):
        shutil.rmtree(scratch, ignore_errors=True)
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
