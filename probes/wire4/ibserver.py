#!/usr/bin/env python3
"""Probe Image Builder REST-JSON server (127.0.0.1, bounded lifetime). Scenario = a function in scenarios.py.
Usage: ibserver.py SCENARIO PORTFILE LOGFILE [LIFETIME_S]"""
import http.server, json, sys, threading, time, urllib.parse, importlib.util, os, socketserver

scenario_name, portfile, logfile = sys.argv[1], sys.argv[2], sys.argv[3]
lifetime = float(sys.argv[4]) if len(sys.argv) > 4 else 120
spec = importlib.util.spec_from_file_location("scenarios", os.path.join(os.path.dirname(__file__), "scenarios.py"))
scen = importlib.util.module_from_spec(spec); spec.loader.exec_module(scen)
handler_fn = getattr(scen, scenario_name)
state = {"calls": {}}
lock = threading.Lock()
log = open(logfile, "a", buffering=1)

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def _do(self):
        u = urllib.parse.urlparse(self.path)
        op = u.path.strip("/")
        params = dict(urllib.parse.parse_qsl(u.query))
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        try: body = json.loads(raw) if raw else {}
        except Exception: body = {}
        with lock:
            state["calls"][op] = state["calls"].get(op, 0) + 1
            k = state["calls"][op]
        log.write(json.dumps({"op": op, "n": k, "params": params, "body": body}) + "\n")
        res = handler_fn(op, params, body, state, k)
        if callable(res):  # raw writer
            res(self); return
        status, headers, payload = res
        if isinstance(payload, (dict, list)): payload = json.dumps(payload).encode()
        elif isinstance(payload, str): payload = payload.encode()
        self.send_response(status)
        hs = {"Content-Type": "application/json", "x-amzn-RequestId": f"req-{op}-{k}"}
        hs.update(headers or {})
        if "Content-Length" not in hs and hs.get("Transfer-Encoding") != "chunked": hs["Content-Length"] = str(len(payload))
        for key, v in hs.items():
            if v is not None: self.send_header(key, v)
        self.end_headers()
        self.wfile.write(payload)
    do_GET = _do
    do_POST = _do

class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
srv = S(("127.0.0.1", 0), H)
with open(portfile + ".tmp", "w") as f: f.write(str(srv.server_address[1]))
os.rename(portfile + ".tmp", portfile)
threading.Timer(lifetime, lambda: os._exit(0)).start()
srv.serve_forever()
