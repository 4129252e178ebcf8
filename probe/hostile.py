#!/usr/bin/env python3
"""Hostile Image Builder endpoint for probes: python3 hostile.py SCENARIO PORTFILE. Ends by itself after 90 s."""
import json, sys, threading, gzip
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs

scenario = sys.argv[1]
ACC = "111122223333"
A = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/app/1.0.0/2"
B = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/app/1.0.0/1"
OTHER = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/clean/1.0.0/1"
PIPE = f"arn:aws:imagebuilder:us-east-1:{ACC}:image-pipeline/app"

def finding(image, vid, sev, pkg="openssl"):
    return {"awsAccountId": ACC, "imageBuildVersionArn": image, "imagePipelineArn": PIPE,
            "type": "PACKAGE_VULNERABILITY", "title": f"{vid} - {pkg}", "severity": sev,
            "fixAvailable": "YES", "firstObservedAt": 1736899200, "updatedAt": 1737158400, "inspectorScore": 9.8,
            "packageVulnerabilityDetails": {"vulnerabilityId": vid, "source": "NVD",
                "vulnerablePackages": [{"name": pkg, "version": "1.0", "fixedInVersion": "1.1", "packageManager": "OS"}]}}

def image(arn, created, status="COMPLETED", enabled=True, state="AVAILABLE", extra=None):
    img = {"arn": arn, "sourcePipelineArn": PIPE, "dateCreated": created, "state": {"status": state},
           "imageScanningConfiguration": {"imageScanningEnabled": enabled}}
    if status is not None: img["scanState"] = {"status": status}
    if extra: img.update(extra)
    return img

def agg(arn, all_, critical=0, high=0, medium=0):
    return {"imageAggregation": {"imageBuildVersionArn": arn,
            "severityCounts": {"all": all_, "critical": critical, "high": high, "medium": medium}}}

# Defaults: A is clean, counted 0.
S = {"images": {A: image(A, 1736900000), B: image(B, 1736800000)},
     "findings": {A: [], B: []},
     "aggs": {A: agg(A, 0)},
     "raw": {}}   # op -> (status, headers, bytes)

def j(o): return json.dumps(o).encode()

if scenario == "sevmismatch":
    # the service counts 5 CRITICAL for A; the listing gives 5 LOW findings.
    S["findings"][A] = [finding(A, f"CVE-2024-000{i}", "LOW") for i in range(5)]
    S["aggs"][A] = agg(A, 5, critical=5)
elif scenario == "stranger":
    # A's listing holds findings naming another image
    S["findings"][A] = [finding(OTHER, f"CVE-2024-000{i}", "LOW") for i in range(2)]
    S["aggs"][A] = agg(A, 2)
elif scenario == "stranger_critical":
    S["findings"][A] = [finding(OTHER, f"CVE-2024-000{i}", "CRITICAL") for i in range(2)]
    S["aggs"][A] = agg(A, 2, critical=2)
elif scenario == "noarn":
    f = [finding(A, f"CVE-2024-000{i}", "LOW") for i in range(2)]
    for x in f: del x["imageBuildVersionArn"]
    S["findings"][A] = f; S["aggs"][A] = agg(A, 2)
elif scenario == "baseline":
    # A has one CRITICAL, counted right; B (older, completed) is "listed" with A's finding (naming A!).
    S["findings"][A] = [finding(A, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][A] = agg(A, 1, critical=1)
    S["findings"][B] = [finding(A, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][B] = agg(B, 0)
elif scenario == "baseline_own":
    # B's listing names B but its own count says 0: the listing is padded.
    S["findings"][A] = [finding(A, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][A] = agg(A, 1, critical=1)
    S["findings"][B] = [finding(B, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][B] = agg(B, 0)
elif scenario == "scanmissing":
    S["images"][A] = image(A, 1736900000, status=None)
elif scenario == "scandisabled":
    S["images"][A] = image(A, 1736900000, enabled=False)
elif scenario == "imagestate_unknown":
    S["images"][A] = image(A, 1736900000, state="available")
elif scenario == "imagestate_deleted":
    S["images"][A] = image(A, 1736900000, state="DELETED")
elif scenario == "sevcase":
    S["findings"][A] = [finding(A, "CVE-2024-0001", "critical")]
    S["aggs"][A] = agg(A, 1, critical=1)
elif scenario.startswith("count_"):
    lit = {"count_float": "1.0", "count_exp": "1e0", "count_str": '"1"', "count_neg": "-1", "count_huge": "9223372036854775807",
           "count_overflow": "9223372036854775808", "count_null": "null"}[scenario]
    S["findings"][A] = [finding(A, "CVE-2024-0001", "LOW")]
    body = ('{"requestId":"r1","aggregationType":"imageBuildVersionArn","responses":[{"imageAggregation":{"imageBuildVersionArn":"%s",'
            '"severityCounts":{"all":%s,"critical":0,"high":0,"medium":0}}}]}' % (A, lit)).encode()
    S["raw"]["ListImageScanFindingAggregations"] = (200, {"Content-Type": "application/json"}, body)
elif scenario == "nocounts":
    # aggregation without severityCounts at all, listing with 0 findings -> consistent; but with 1 finding?
    S["findings"][A] = []
    body = ('{"requestId":"r1","responses":[{"imageAggregation":{"imageBuildVersionArn":"%s"}}]}' % A).encode()
    S["raw"]["ListImageScanFindingAggregations"] = (200, {"Content-Type": "application/json"}, body)
elif scenario == "bom":
    S["raw"]["GetImage"] = (200, {"Content-Type": "application/json"}, b"\xef\xbb\xbf" + j({"requestId": "r", "image": S["images"][A]}))
elif scenario == "html":
    S["raw"]["GetImage"] = (200, {"Content-Type": "text/html"}, j({"requestId": "r", "image": S["images"][A]}))
elif scenario == "htmlbody":
    S["raw"]["GetImage"] = (200, {"Content-Type": "text/html"}, b"<html><body>Login</body></html>")
elif scenario == "gzip":
    S["raw"]["ListImageScanFindings"] = (200, {"Content-Type": "application/json", "Content-Encoding": "gzip"},
        gzip.compress(j({"requestId": "r", "findings": []})))
elif scenario == "gzipclaim":
    # claims gzip, sends plain JSON
    S["raw"]["ListImageScanFindings"] = (200, {"Content-Type": "application/json", "Content-Encoding": "gzip"},
        j({"requestId": "r", "findings": []}))
elif scenario.startswith("token_"):
    tok = {"token_empty": '""', "token_null": "null", "token_missing": None, "token_num": "5", "token_ws": '" "'}[scenario]
    member = "" if tok is None else ',"nextToken":%s' % tok
    S["raw"]["ListImageScanFindings"] = (200, {"Content-Type": "application/json"}, ('{"requestId":"r","findings":[]%s}' % member).encode())
elif scenario == "status206":
    S["raw"]["GetImage"] = (206, {"Content-Type": "application/json"}, j({"requestId": "r", "image": S["images"][A]}))
elif scenario == "status304":
    S["raw"]["ListImageScanFindings"] = (304, {}, b"")
elif scenario == "status302":
    S["raw"]["ListImageScanFindings"] = (302, {"Location": "http://127.0.0.1:1/x"}, b"")
elif scenario == "status204":
    S["raw"]["ListImageScanFindings"] = (204, {}, b"")
elif scenario == "status100":
    pass
elif scenario == "pipeline_other":
    # the pipeline's listing names a newer build of another pipeline (same account and region); its GetImage says so
    OTHERPIPE = f"arn:aws:imagebuilder:us-east-1:{ACC}:image-pipeline/clean"
    S["images"][A] = image(A, 1736900000)
    S["findings"][A] = [finding(A, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][A] = agg(A, 1, critical=1)
    o = image(OTHER, 1737000000); o["sourcePipelineArn"] = OTHERPIPE
    S["images"][OTHER] = o; S["findings"][OTHER] = []; S["aggs"][OTHER] = agg(OTHER, 0)
elif scenario == "walk_foreign":
    # -NewOnly: the pipeline's listing names an older build of ANOTHER pipeline, honestly counted, holding A's CVE
    EVIL = f"arn:aws:imagebuilder:us-east-1:{ACC}:image-pipeline/evil"
    F = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/evil/1.0.0/1"
    S["findings"][A] = [finding(A, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][A] = agg(A, 1, critical=1)
    del S["images"][B]
    f = image(F, 1736800000); f["sourcePipelineArn"] = EVIL
    S["images"][F] = f; S["findings"][F] = [finding(F, "CVE-2024-9999", "CRITICAL")]; S["aggs"][F] = agg(F, 1, critical=1)
elif scenario == "walk_newer":
    # -NewOnly: listing claims B is older (dateCreated in listing) but GetImage says B is newer than A
    S["findings"][A] = [finding(A, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][A] = agg(A, 1, critical=1)
    S["images"][B] = image(B, 1737900000)
    S["listdates"] = {B: 1736000000}
    S["findings"][B] = [finding(B, "CVE-2024-9999", "CRITICAL")]; S["aggs"][B] = agg(B, 1, critical=1)
elif scenario == "walk_badarn":
    S["findings"][A] = [finding(A, "CVE-2024-9999", "CRITICAL")]
    S["aggs"][A] = agg(A, 1, critical=1)
    S["images"]["not an arn"] = image("not an arn", 1736800000)
    del S["images"][B]
elif scenario == "pipeline_longname":
    # the pipeline's newest build has a name too long for a filter value (1100 chars): a build ARN by shape
    L = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/{'a'*1100}/1.0.0/1"
    S["images"][L] = image(L, 1737000000)
elif scenario == "clean":
    pass
else:
    sys.exit("unknown scenario " + scenario)

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        sys.stderr.write("%s %s\n" % (self.command, self.path))
    def send(self, status, headers, body):
        self.send_response(status)
        for k, v in headers.items(): self.send_header(k, v)
        if "Content-Type" not in headers and body: self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", "11111111-2222-3333-4444-555555555555")
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        u = urlparse(self.path); op = u.path.strip("/")
        if op in S["raw"]: return self.send(*S["raw"][op])
        if op == "GetImage":
            arn = parse_qs(u.query)["imageBuildVersionArn"][0]
            return self.send(200, {}, j({"requestId": "r-getimage", "image": S["images"][arn]}))
        self.send(404, {}, j({"message": "no such op " + op}))
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0)); req = json.loads(self.rfile.read(n) or b"{}")
        op = urlparse(self.path).path.strip("/")
        sys.stderr.write("  body %s\n" % json.dumps(req))
        if op in S["raw"]: return self.send(*S["raw"][op])
        if op == "ListImageScanFindings":
            arn = req["filters"][0]["values"][0]
            return self.send(200, {}, j({"requestId": "r-find", "findings": S["findings"].get(arn, [])}))
        if op == "ListImageScanFindingAggregations":
            vals = req["filter"]["values"]
            return self.send(200, {}, j({"requestId": "r-agg", "aggregationType": "imageBuildVersionArn",
                "responses": [S["aggs"][v] for v in vals if v in S["aggs"]]}))
        if op == "ListImagePipelineImages":
            return self.send(200, {}, j({"requestId": "r-pipe", "imageSummaryList": [
                {"arn": a, "name": "app", "version": "1.0.0", "dateCreated": S.get("listdates", {}).get(a, img["dateCreated"]), "state": img["state"]}
                for a, img in S["images"].items()]}))
        self.send(404, {}, j({"message": "no such op " + op}))

srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
open(sys.argv[2], "w").write(str(srv.server_address[1]))
threading.Timer(90, srv.shutdown).start()
srv.serve_forever()
