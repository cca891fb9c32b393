#!/usr/bin/env python3
"""A fake Proxmox VE endpoint for the provider tests: HTTPS on loopback with a self-signed
certificate made by the openssl CLI at start-up, API-token authentication, and every request
validated against the official API schema (pve_spec.py) before a stateful cluster
(pve_cluster.py, pve_guests.py) answers it.

    fake_pve.py --spec apidata.json --workdir DIR --token 'tidepool@pve!autoscale=SECRET'

writes DIR/cert.pem (the certificate, also its own CA), DIR/key.pem and, once listening,
DIR/port. API: https://127.0.0.1:PORT/api2/json/... Test control (no auth, never used by the
plugin): GET /_fake/state, POST /_fake/reset, POST /_fake/fault {"name": ..., ...}.
"""

import argparse
import http.server
import json
import os
import ssl
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pve_cluster import ApiError  # noqa: E402
from pve_guests import Guests  # noqa: E402
from pve_spec import Spec  # noqa: E402

API = "/api2/json"


def handlers(c):
    """(method, path template) -> fn(path params, params) for the operations the fake keeps."""
    one = lambda p, k, default=None: p.get(k, [default])[0]  # noqa: E731
    flat = lambda p: {k: v[0] for k, v in p.items()}  # noqa: E731
    q = "/nodes/{node}/qemu/{vmid}"
    return {
        ("GET", "/cluster/resources"): lambda a, p: c.resources(one(p, "type")),
        ("GET", "/cluster/nextid"): lambda a, p: c.next_id(),
        ("GET", "/nodes/{node}/tasks/{upid}/status"): lambda a, p: c.task_status(a["node"], a["upid"]),
        ("POST", q + "/clone"): lambda a, p: c.clone(a["node"], a["vmid"], flat(p)),
        ("GET", q + "/config"): lambda a, p: c.config(a["node"], a["vmid"]),
        ("PUT", q + "/config"): lambda a, p: c.set_config(a["node"], a["vmid"], flat(p)),
        ("POST", q + "/status/start"): lambda a, p: c.start(a["node"], a["vmid"]),
        ("POST", q + "/status/stop"): lambda a, p: c.stop(a["node"], a["vmid"]),
        ("DELETE", q): lambda a, p: c.destroy(a["node"], a["vmid"]),
        ("POST", q + "/agent/ping"): lambda a, p: c.ping(a["node"], a["vmid"]),
        ("POST", q + "/agent/file-write"): lambda a, p: c.file_write(a["node"], a["vmid"], flat(p)),
        ("POST", q + "/agent/exec"): lambda a, p: c.exec(a["node"], a["vmid"], p["command"]),
        ("GET", q + "/agent/exec-status"): lambda a, p: c.exec_status(a["node"], a["vmid"], one(p, "pid")),
        ("GET", q + "/agent/network-get-interfaces"): lambda a, p: c.interfaces(a["node"], a["vmid"]),
    }


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pve-api-daemon/3.0"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("fake_pve: " + fmt % args + "\n")

    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def send(self, status, body, reason=None):
        data = json.dumps(body).encode()
        # pve-http-server puts the error text in the status line; the JSON body has no message.
        self.send_response(status, (reason or "").replace("\n", " ") or None)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def dispatch(self, method):
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        cluster = self.server.cluster
        with cluster.lock:
            if url.path.startswith("/_fake/"):
                return self.control(method, url.path, body)
            cluster.requests += 1
            cluster.advance()
            if not url.path.startswith(API + "/"):
                return self.send(404, {"data": None}, "Not Found")
            if self.headers.get("Authorization") != "PVEAPIToken=" + self.server.token:
                return self.send(401, {"data": None}, "authentication failure")
            params, problem = self.parameters(method, url, body)
            if problem:
                return self.reject(method, url.path, {"request": problem})
            self.answer(method, url.path[len(API):], params)

    def parameters(self, method, url, body):
        if method in ("POST", "PUT"):
            if url.query:
                return None, "parameters of %s belong in the form body, not the query" % method
            kind = self.headers.get("Content-Type", "")
            if body and not kind.startswith("application/x-www-form-urlencoded"):
                return None, "body is not application/x-www-form-urlencoded: %s" % kind
            return urllib.parse.parse_qs(body, keep_blank_values=True, strict_parsing=bool(body)), None
        if body:
            return None, "%s requests carry no body" % method
        return urllib.parse.parse_qs(url.query, keep_blank_values=True), None

    def answer(self, method, path, params):
        segments = [urllib.parse.unquote(s) for s in path.split("/")]
        route, path_params, errors = self.server.spec.validate(method, "/".join(segments), params)
        if route is None:
            return self.send(501, {"data": None}, "Method '%s %s' not implemented" % (method, path))
        if errors:
            return self.reject(method, path, errors)
        fn = self.server.handlers.get((method, route.template))
        if fn is None:
            return self.send(501, {"data": None}, "fake: %s %s not simulated" % (method, route.template))
        try:
            self.send(200, {"data": fn(path_params, params)})
        except ApiError as e:
            self.send(e.status, {"data": None}, e.message)

    def reject(self, method, path, errors):
        self.server.cluster.rejections.append({"method": method, "path": path, "errors": errors})
        self.send(400, {"errors": errors, "data": None}, "Parameter verification failed.")

    def control(self, method, path, body):
        c = self.server.cluster
        if method == "GET" and path == "/_fake/state":
            vms = [{k: v for k, v in vm.items()} for vm in c.vms.values()]
            files = [{"vmid": k[0], "path": k[1], "content": v} for k, v in c.files.items()]
            return self.send(200, {"vms": vms, "rejections": c.rejections, "requests": c.requests,
                                   "executed": c.executed, "files": files})
        if method == "POST" and path == "/_fake/reset":
            c.reset()
            return self.send(200, {})
        if method == "POST" and path == "/_fake/fault":
            fault = json.loads(body)
            c.faults[fault.pop("name")] = fault
            return self.send(200, {})
        self.send(404, {}, "no such control")


def make_certificate(workdir):
    cert, key = os.path.join(workdir, "cert.pem"), os.path.join(workdir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    return cert, key


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--token", required=True, help="user@realm!name=secret")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    cert, key = make_certificate(args.workdir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.spec = Spec(args.spec)
    server.token = args.token
    server.cluster = Guests(args.token.split("=", 1)[0])
    server.handlers = handlers(server.cluster)
    server.verbose = args.verbose
    server.daemon_threads = True
    port_file = os.path.join(args.workdir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
