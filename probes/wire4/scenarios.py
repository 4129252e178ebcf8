"""Scenarios for ibserver.py: each is f(op, params, body, state, nth_call) -> (status, headers, payload) or a raw writer."""
import json, time
ACC = "123456789012"
IMG = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/web/1.0.0/2"
IMG_OLD = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/web/1.0.0/1"
PIPE = f"arn:aws:imagebuilder:us-east-1:{ACC}:image-pipeline/web"

def image(arn=IMG, scan="COMPLETED", enabled=True, pipe=PIPE, status="AVAILABLE", created="2026-01-02T00:00:00Z", extra=None):
    im = {"arn": arn, "sourcePipelineArn": pipe, "dateCreated": created, "state": {"status": status},
          "imageScanningConfiguration": {"imageScanningEnabled": enabled}, "scanState": {"status": scan, "reason": "r"}}
    if extra: im.update(extra)
    return (200, None, {"requestId": "x", "image": im})

def finding(sev="CRITICAL", vid="CVE-2025-0001", pkg="openssl", arn=IMG, pipe=PIPE, fix="YES", extra=None):
    f = {"awsAccountId": ACC, "imageBuildVersionArn": arn, "imagePipelineArn": pipe, "type": "PACKAGE_VULNERABILITY",
         "severity": sev, "title": vid, "fixAvailable": fix,
         "packageVulnerabilityDetails": {"vulnerabilityId": vid, "source": "NVD",
             "vulnerablePackages": [{"name": pkg, "version": "1.0", "packageManager": "OS"}]}}
    if extra: f.update(extra)
    return f

def findings_page(fs, token=None):
    p = {"requestId": "x", "findings": fs}
    if token is not None: p["nextToken"] = token
    return (200, None, p)

def counts_for(fs):
    c = {"all": len(fs), "critical": 0, "high": 0, "medium": 0}
    for f in fs:
        s = f.get("severity")
        if s in ("CRITICAL", "HIGH", "MEDIUM"): c[s.lower()] += 1
    return c

def agg_page(arn=IMG, counts=None, token=None, kind="imageAggregation", key="imageBuildVersionArn"):
    p = {"requestId": "x", "aggregationType": "imageBuildVersionArn",
         "responses": [{kind: {key: arn, "severityCounts": counts}}]}
    if token is not None: p["nextToken"] = token
    return (200, None, p)

def simple(fs, img_kw=None, counts=None):
    def h(op, params, body, state, n):
        if op == "GetImage": return image(**(img_kw or {}))
        if op == "ListImageScanFindings": return findings_page(fs)
        if op == "ListImageScanFindingAggregations": return agg_page(counts=counts or counts_for(fs))
        return (404, None, {"__type": "ResourceNotFoundException", "message": "no"})
    return h

# --- baselines
clean = simple([])
one_critical = simple([finding()])

# FixableOnly: fixAvailable not among YES/NO/PARTIAL
fix_lookalike = simple([finding(fix="YES\u200b")])
fix_lower = simple([finding(fix="yes")])
fix_empty = simple([finding(fix="")])
fix_absent = simple([finding(fix=None)])
fix_garbage = simple([finding(fix="AVAILABLE")])
# fixAvailable NO but a package carries fixedInVersion
fix_no_but_fixed = simple([finding(fix="NO", extra={"packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2025-0001",
    "vulnerablePackages": [{"name": "openssl", "version": "1.0", "fixedInVersion": "1.1", "remediation": "upgrade"}]}})])

# Finding's pipeline differs from GetImage's (exception scoped to a pipeline)
OTHER_PIPE = f"arn:aws:imagebuilder:us-east-1:{ACC}:image-pipeline/prod"
finding_other_pipeline = simple([finding(pipe=OTHER_PIPE)])

# Image state says still building / failed, scan COMPLETED, no findings
image_building = simple([], img_kw={"status": "BUILDING"})
image_failed = simple([], img_kw={"status": "FAILED"})
image_deleted = simple([], img_kw={"status": "DELETED"})
image_nostate = simple([], img_kw={"status": None})

# UNTRIAGED CRITICAL-ish
untriaged = simple([finding(sev="UNTRIAGED")])

# a 200 with x-amzn-ErrorType header
def errtype_header(op, params, body, state, n):
    r = simple([])(op, params, body, state, n)
    return (r[0], {"x-amzn-ErrorType": "AccessDeniedException"}, r[2])

# empty string token for findings while aggregation counts 1 -> should fail (count mismatch). check token handling
def token_empty(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindings": return findings_page([], token="")
    if op == "ListImageScanFindingAggregations": return agg_page(counts={"all": 0, "critical": 0, "high": 0, "medium": 0})

# aggregation split over pages: page1 has the image with 0, page 2 has it again? (second count -> refused). Try: page1 empty list with token; page2 real
def agg_paged(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindings": return findings_page([finding()])
    if op == "ListImageScanFindingAggregations":
        if not body.get("nextToken"):
            return (200, None, {"requestId": "x", "aggregationType": "imageBuildVersionArn", "responses": [], "nextToken": ""})
        return agg_page(counts={"all": 1, "critical": 1, "high": 0, "medium": 0})

# ---------- wave 2: numbers / JSON
def raw_findings(text, counts_text):
    def h(op, params, body, state, n):
        if op == "GetImage": return image()
        if op == "ListImageScanFindings": return (200, None, text)
        if op == "ListImageScanFindingAggregations":
            return (200, None, '{"aggregationType":"imageBuildVersionArn","responses":[{"imageAggregation":{"imageBuildVersionArn":"%s","severityCounts":%s}}]}' % (IMG, counts_text))
    return h
F1 = json.dumps(finding())
score_inf = raw_findings('{"findings":[%s]}' % json.dumps(finding(extra={"inspectorScore": 1})).replace('"inspectorScore": 1', '"inspectorScore": 1e400'), '{"all":1,"critical":1,"high":0,"medium":0}')
ts_inf = raw_findings('{"findings":[%s]}' % json.dumps(finding(extra={"updatedAt": 1})).replace('"updatedAt": 1', '"updatedAt": 1e400'), '{"all":1,"critical":1,"high":0,"medium":0}')
count_float = raw_findings('{"findings":[]}', '{"all":0.0,"critical":0,"high":0,"medium":0}')
count_huge = raw_findings('{"findings":[%s]}' % F1, '{"all":9223372036854775808,"critical":1,"high":0,"medium":0}')
count_negzero = raw_findings('{"findings":[]}', '{"all":-0,"critical":-0,"high":0,"medium":0}')
bom_body = raw_findings('\ufeff{"findings":[]}', '{"all":0,"critical":0,"high":0,"medium":0}')
comment_body = raw_findings('{"findings":[] /* x */}', '{"all":0,"critical":0,"high":0,"medium":0}')
trailing_comma = raw_findings('{"findings":[%s,]}' % F1, '{"all":1,"critical":1,"high":0,"medium":0}')
nested_dup = raw_findings('{"findings":[%s]}' % F1.replace('"vulnerablePackages"', '"vulnerabilityId": "CVE-2025-0001", "vulnerablePackages"', 1), '{"all":1,"critical":1,"high":0,"medium":0}')
deep = raw_findings('{"findings":[], "x":' + '['*200 + ']'*200 + '}', '{"all":0,"critical":0,"high":0,"medium":0}')
# severity counts object with extra unknown members 'low' / 'critical' case variant
counts_case = raw_findings('{"findings":[%s]}' % F1, '{"all":1,"Critical":0,"critical":1,"high":0,"medium":0}')
# finding severity given twice via escaped name
sev_escaped_dup = raw_findings('{"findings":[%s]}' % F1.replace('"severity": "CRITICAL"', '"severity": "CRITICAL", "s\\u0065verity": "LOW"'), '{"all":1,"critical":0,"high":0,"medium":0}')
# aggregation of imagePipeline kind holding the image ARN as key
def agg_wrong_kind(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindings": return findings_page([])
    if op == "ListImageScanFindingAggregations": return agg_page(kind="imagePipelineAggregation", key="imagePipelineArn", counts={"all":0,"critical":0,"high":0,"medium":0})
# aggregation answer with aggregationType of another filter
def agg_type_other(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindings": return findings_page([finding()])
    if op == "ListImageScanFindingAggregations":
        r = agg_page(counts={"all":1,"critical":1,"high":0,"medium":0}); r[2]["aggregationType"] = "vulnerabilityId"; return r
# aggregation with no responses at all -> None counts; findings empty -> consistent pass (expected) ; with aggregation missing and 1 LOW finding
def agg_missing_key(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindings": return findings_page([])
    if op == "ListImageScanFindingAggregations": return (200, None, {"aggregationType": "imageBuildVersionArn", "responses": [{"imageAggregation": {"severityCounts": {"all": 0}}}]})

# ---------- wave 3: transport
def _raw(status_line, headers, chunks, delay=0.0, close=True):
    def w(h):
        h.wfile.write((status_line + "\r\n").encode())
        for k, v in headers: h.wfile.write(f"{k}: {v}\r\n".encode())
        h.wfile.write(b"\r\n"); h.wfile.flush()
        for c in chunks:
            try:
                h.wfile.write(c if isinstance(c, bytes) else c.encode()); h.wfile.flush()
            except Exception: return
            if delay: time.sleep(delay)
        if close: h.close_connection = True
    return w

def slow_body(op, params, body, state, n):
    # GetImage: headers at once, then the body one byte a second for up to 80 s (chunked)
    if op == "GetImage":
        text = json.dumps(image()[2]) + " " * 200
        chunks = [f"{1:x}\r\n{ch}\r\n" for ch in text] + ["0\r\n\r\n"]
        return _raw("HTTP/1.1 200 OK", [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], chunks, delay=1.0)
    return simple([])(op, params, body, state, n)

def slow_headers(op, params, body, state, n):
    if op == "GetImage":
        def w(h):
            for i in range(80):
                try: h.wfile.write(b"HTTP/1.1 200 OK\r\n"[:0] if i else b"HTTP/1.1 200 OK\r\n"); h.wfile.write(b"X-Pad: a\r\n"); h.wfile.flush()
                except Exception: return
                time.sleep(1)
        return w
    return simple([])(op, params, body, state, n)

def redirect(op, params, body, state, n):
    if op == "GetImage": return (307, {"Location": "/elsewhere/GetImage?imageBuildVersionArn=" + IMG}, "")
    if op == "elsewhere/GetImage": return image()
    return simple([])(op, params, body, state, n)

def redirect_findings(op, params, body, state, n):
    if op == "ListImageScanFindings": return (307, {"Location": "/elsewhere/ListImageScanFindings"}, "")
    return simple([])(op, params, body, state, n)

def retry_after_huge(op, params, body, state, n):
    if op == "ListImageScanFindings" and n == 1: return (503, {"Retry-After": "100000"}, {"__type": "ServiceUnavailableException", "message": "busy"})
    return simple([])(op, params, body, state, n)

def always_500(op, params, body, state, n):
    if op == "ListImageScanFindings": return (500, None, {"__type": "ServiceException", "message": "boom"})
    return simple([])(op, params, body, state, n)

def throttle_forever(op, params, body, state, n):
    if op == "ListImageScanFindings": return (429, None, {"__type": "TooManyRequestsException", "message": "slow down"})
    return simple([])(op, params, body, state, n)

def short_body(op, params, body, state, n):
    # Content-Length promises more than is sent, then the connection closes
    if op == "ListImageScanFindings":
        return _raw("HTTP/1.1 200 OK", [("Content-Type", "application/json"), ("Content-Length", "500")], ['{"findings":[]}'])
    return simple([])(op, params, body, state, n)

def http10_noclen(op, params, body, state, n):
    if op == "ListImageScanFindings":
        return _raw("HTTP/1.0 200 OK", [("Content-Type", "application/json")], ['{"findings":[]}'])
    return simple([])(op, params, body, state, n)

def chunked_trailer_more(op, params, body, state, n):
    # findings body in chunks; last chunk size line has an extension; a trailer follows
    if op == "ListImageScanFindings":
        b1 = '{"findings":'; b2 = '[]}'
        chunks = [f"{len(b1):x};ext=1\r\n{b1}\r\n", f"{len(b2):x}\r\n{b2}\r\n", "0\r\nX-Trailer: 1\r\n\r\n"]
        return _raw("HTTP/1.1 200 OK", [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], chunks)
    return simple([])(op, params, body, state, n)

def status_203(op, params, body, state, n):
    r = simple([])(op, params, body, state, n)
    return (203, r[1], r[2]) if op == "ListImageScanFindings" else r

def status_304_getimage(op, params, body, state, n):
    if op == "GetImage": return (304, None, "")
    return simple([])(op, params, body, state, n)

def ctype_multi(op, params, body, state, n):
    r = simple([])(op, params, body, state, n)
    return (200, {"Content-Type": "application/json, text/html"}, r[2])

# ---------- wave 4: which build is judged (-ImagePipelineArn)
IMG3 = f"arn:aws:imagebuilder:us-east-1:{ACC}:image/web/1.0.0/3"
def _pipeline(summaries, images, findings_by):
    def h(op, params, body, state, n):
        if op == "ListImagePipelineImages": return (200, None, {"requestId": "x", "imageSummaryList": summaries})
        if op == "GetImage": return image(**images[params["imageBuildVersionArn"]])
        if op == "ListImageScanFindings":
            arn = body["filters"][0]["values"][0]; return findings_page(findings_by.get(arn, []))
        if op == "ListImageScanFindingAggregations":
            arns = body["filter"]["values"]
            return (200, None, {"requestId": "x", "aggregationType": "imageBuildVersionArn", "responses": [
                {"imageAggregation": {"imageBuildVersionArn": a, "severityCounts": counts_for(findings_by.get(a, []))}} for a in arns]})
        return (400, None, {"__type": "InvalidRequestException", "message": op})
    return h
def summ(arn, created, state="AVAILABLE"):
    s = {"arn": arn, "name": "web", "version": "1.0.0", "platform": "Linux", "state": {"status": state}}
    if created is not None: s["dateCreated"] = created
    return s
# newest build (3, vulnerable) listed without a date; build 1 (clean) with one -> build 1 judged?
newest_undated = _pipeline([summ(IMG3, None), summ(IMG_OLD, "2026-01-01T00:00:00Z")],
    {IMG3: {"arn": IMG3, "created": "2026-01-03T00:00:00Z"}, IMG_OLD: {"arn": IMG_OLD, "created": "2026-01-01T00:00:00Z"}},
    {IMG3: [finding(arn=IMG3)]})
# listing dates build 1 in 2099; its own GetImage says 2026-01-01, older than build 3
listing_date_lies = _pipeline([summ(IMG3, "2026-01-03T00:00:00Z"), summ(IMG_OLD, "2099-01-01T00:00:00Z")],
    {IMG3: {"arn": IMG3, "created": "2026-01-03T00:00:00Z"}, IMG_OLD: {"arn": IMG_OLD, "created": "2026-01-01T00:00:00Z"}},
    {IMG3: [finding(arn=IMG3)]})
# listing summary says build 3 is FAILED/BUILDING -> still chosen? (it is newest) -- control

# ---------- wave 5: -NewOnly baselines
def _nf(sev, vid=None, pkg=None, arn=IMG):
    f = {"awsAccountId": ACC, "imageBuildVersionArn": arn, "imagePipelineArn": PIPE, "type": "PACKAGE_VULNERABILITY", "severity": sev, "title": "t"}
    if vid is not None or pkg is not None:
        f["packageVulnerabilityDetails"] = {"vulnerabilityId": vid, "source": "NVD", "vulnerablePackages": ([{"name": pkg, "version": "1"}] if pkg else [])}
    return f
_imgs = {IMG: {"arn": IMG, "created": "2026-01-02T00:00:00Z"}, IMG_OLD: {"arn": IMG_OLD, "created": "2026-01-01T00:00:00Z"}}
_sums = [summ(IMG, "2026-01-02T00:00:00Z"), summ(IMG_OLD, "2026-01-01T00:00:00Z")]
# a CRITICAL with no vulnerability details at all, "inherited" from a LOW with none either
baseline_nameless = _pipeline(_sums, _imgs, {IMG: [_nf("CRITICAL")], IMG_OLD: [_nf("LOW", arn=IMG_OLD)]})
# a CRITICAL with vulnerabilityId but no packages, inherited from a LOW of another CVE? (control: should be new)
baseline_other_cve = _pipeline(_sums, _imgs, {IMG: [_nf("CRITICAL", "CVE-2025-9", None)], IMG_OLD: [_nf("LOW", "CVE-2025-1", None, arn=IMG_OLD)]})
# severity upgrade LOW -> CRITICAL for the same CVE and package
baseline_sev_up = _pipeline(_sums, _imgs, {IMG: [_nf("CRITICAL", "CVE-2025-1", "openssl")], IMG_OLD: [_nf("LOW", "CVE-2025-1", "openssl", arn=IMG_OLD)]})
# vulnerablePackages [] and the vulnerabilityId empty string
baseline_emptyid = _pipeline(_sums, _imgs, {IMG: [_nf("CRITICAL", "", None)], IMG_OLD: [_nf("LOW", "", None, arn=IMG_OLD)]})
# no vulnerability id in findings without baseline (is a finding without id judged at all?)
nameless_finding = simple([_nf("LOW")])

# ---------- wave 6: raw text to the terminal
ACTIVE = "x\x1b]52;c;cHduZWQ=\x07\x1b[2J\u202etxt.exe\n##vso[task.setvariable variable=x]1\n::error::pwned"
def scanning_reason(op, params, body, state, n):
    if op == "GetImage":
        r = image(scan="SCANNING"); r[2]["image"]["scanState"]["reason"] = ACTIVE; return r
    return simple([])(op, params, body, state, n)
def failed_reason(op, params, body, state, n):
    if op == "GetImage":
        r = image(scan="FAILED"); r[2]["image"]["scanState"]["reason"] = ACTIVE; return r
    return simple([])(op, params, body, state, n)
def baseline_passed_over_reason(op, params, body, state, n):
    # -NewOnly: the older build's scan FAILED with an active reason -> "Passed over" verbose + BaselineNotFound message
    if op == "GetImage" and params["imageBuildVersionArn"] == IMG_OLD:
        r = image(arn=IMG_OLD, scan="FAILED", created="2026-01-01T00:00:00Z"); r[2]["image"]["scanState"]["reason"] = ACTIVE; return r
    return _pipeline(_sums, _imgs, {})(op, params, body, state, n)
def error_message_active(op, params, body, state, n):
    if op == "ListImageScanFindings": return (400, {"x-amzn-ErrorType": "InvalidParameterValueException\x1b[2J\x1b]52;c;eA==\x07"}, {"__type": "InvalidParameterValueException", "message": ACTIVE})
    return simple([])(op, params, body, state, n)
def finding_text_active(op, params, body, state, n):
    f = finding(vid="CVE-2025-0001" + ACTIVE, pkg="openssl" + ACTIVE, extra={"title": ACTIVE, "description": ACTIVE})
    return simple([f])(op, params, body, state, n)

# ---------- wave 7: exceptions vs packages
pkg_unnamed_second = simple([finding(extra={"packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2025-0001", "source": "NVD",
    "vulnerablePackages": [{"name": "openssl", "version": "1.0"}, {"version": "9.9", "filePath": "/opt/app/vendored.jar"}]}})])

# ---------- wave 8: error-shaped 200s
def lower_error_200(op, params, body, state, n):
    if op == "ListImageScanFindings": return (200, None, {"findings": [], "error": "Forbidden", "Error": {"Code": "AccessDenied"}})
    return simple([])(op, params, body, state, n)
def errtype_header_findings(op, params, body, state, n):
    r = simple([])(op, params, body, state, n)
    return (r[0], {"x-amzn-ErrorType": "ThrottlingException:http://internal.amazon.com/coral/"} if op == "ListImageScanFindings" else None, r[2])

# ---------- wave 9: unbounded listing under a huge count
def endless_fresh(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindingAggregations": return agg_page(counts={"all": 10**15, "critical": 0, "high": 0, "medium": 0})
    if op == "ListImageScanFindings":
        return findings_page([finding(sev="LOW", vid=f"CVE-2025-{n}-{i}", pkg="p" + "x" * 2000) for i in range(25)], token=f"t{n}")
count_string = raw_findings('{"findings":[]}', '{"all":"0","critical":0,"high":0,"medium":0}')
count_nulls = raw_findings('{"findings":[]}', '{"all":null,"critical":null,"high":null,"medium":null}')
counts_null_obj = raw_findings('{"findings":[]}', 'null')
findings_null = raw_findings('{"findings":null}', '{"all":0,"critical":0,"high":0,"medium":0}')

# ---------- wave 10: two builds, the second unreadable
def two_builds_one_missing(op, params, body, state, n):
    if op == "GetImage":
        if params["imageBuildVersionArn"] == IMG3: return (404, {"x-amzn-ErrorType": "ResourceNotFoundException"}, {"message": "no such image"})
        return image()
    if op == "ListImageScanFindings": return findings_page([])
    if op == "ListImageScanFindingAggregations":
        return (200, None, {"requestId": "x", "aggregationType": "imageBuildVersionArn", "responses": [
            {"imageAggregation": {"imageBuildVersionArn": IMG, "severityCounts": {"all": 0, "critical": 0, "high": 0, "medium": 0}}}]})
one_high = simple([finding(sev="HIGH")])
MD = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) | cell | ![t](https://evil.example/t.png) <!-- `code` @here #1 ::warning::x'
md_injection = simple([finding(vid="CVE-2025-0001" + MD, pkg="openssl" + MD, extra={"title": MD, "description": MD, "remediation": {"recommendation": {"text": MD, "url": "javascript:alert(1)"}}})])
def version_newest_undated(op, params, body, state, n):
    if op == "ListImageBuildVersions": op = "ListImagePipelineImages"
    return newest_undated(op, params, body, state, n)

# ================= wire4 =================
C1 = '{"all":1,"critical":1,"high":0,"medium":0}'
C0 = '{"all":0,"critical":0,"high":0,"medium":0}'
def raw3(findings_text, counts_text, image_text=None, agg_text=None):
    def h(op, params, body, state, n):
        if op == "GetImage": return (200, None, image_text) if image_text else image()
        if op == "ListImageScanFindings": return (200, None, findings_text)
        if op == "ListImageScanFindingAggregations":
            return (200, None, agg_text or '{"aggregationType":"imageBuildVersionArn","responses":[{"imageAggregation":{"imageBuildVersionArn":"%s","severityCounts":%s}}]}' % (IMG, counts_text))
    return h
FC = json.dumps(finding())
w_count_exp = raw3('{"findings":[%s]}' % FC, '{"all":1e0,"critical":1E0,"high":0,"medium":0}')
w_count_neg0 = raw3('{"findings":[]}', '{"all":-0,"critical":-0,"high":-0,"medium":-0}')
w_count_frac_zero = raw3('{"findings":[]}', '{"all":0.5,"critical":0,"high":0,"medium":0}')
w_bom = raw3('\ufeff{"findings":[%s]}' % FC, C1)
w_second_doc = raw3('{"findings":[]} {"findings":[%s]}' % FC, C0)
w_sev_case = raw3('{"findings":[%s]}' % FC.replace('"severity": "CRITICAL"', '"Severity": "CRITICAL", "severity": "LOW"'), '{"all":1,"critical":0,"high":0,"medium":0}')
w_counts_case = raw3('{"findings":[]}', '{"ALL":1,"all":0,"critical":0,"high":0,"medium":0}')
w_nested = raw3('{"findings":[%s], "x":%s}' % (FC, '['*70 + ']'*70), C1)
w_sev_escaped = raw3('{"findings":[%s]}' % FC.replace('"severity": "CRITICAL"', '"severity": "CRIT\\u0049CAL"'), C1)
w_score_inf = raw3('{"findings":[%s]}' % json.dumps(finding(extra={"inspectorScore": 1})).replace('"inspectorScore": 1', '"inspectorScore": 1e400'), C1)
w_ts_huge = raw3('{"findings":[%s]}' % json.dumps(finding(extra={"updatedAt": 1})).replace('"updatedAt": 1', '"updatedAt": 1e400'), C1)
w_epoch_frac = raw3('{"findings":[%s]}' % FC.replace('"packageManager": "OS"', '"packageManager": "OS", "epoch": 1.5'), C1)
w_items_key_case = raw3('{"Findings":[%s],"findings":[]}' % FC, C0)
w_findings_twice_escaped = raw3('{"findings":[%s],"f\\u0069ndings":[]}' % FC, C1)
w_agg_key_case = raw3('{"findings":[%s]}' % FC, C1, agg_text='{"aggregationType":"imageBuildVersionArn","responses":[{"imageAggregation":{"imageBuildVersionArn":"%s","severityCounts":%s}}]}' % (IMG.upper(), C1))
w_agg_missing = raw3('{"findings":[]}', C0, agg_text='{"aggregationType":"imageBuildVersionArn","responses":[]}')
w_agg_key_slash = raw3('{"findings":[]}', C0, agg_text='{"aggregationType":"imageBuildVersionArn","responses":[{"imageAggregation":{"imageBuildVersionArn":"%s/","severityCounts":%s}}]}' % (IMG, C0))
w_finding_arn_slash = raw3('{"findings":[%s]}' % json.dumps(finding(arn=IMG + "/")), C1)
w_getimage_arn_case = raw3('{"findings":[]}', C0, image_text=json.dumps(image(arn=IMG.replace("web", "WEB"))[2]))
w_getimage_arn_lookalike = raw3('{"findings":[]}', C0, image_text=json.dumps(image(arn=IMG.replace("web", "w\u0435b"))[2]))
# findings: page1 CRITICAL + token "a", page2 (token a) empty + token "" ; counts 1
def w_token_empty_after(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindingAggregations": return agg_page(counts={"all": 1, "critical": 1, "high": 0, "medium": 0})
    if op == "ListImageScanFindings":
        if not body.get("nextToken"): return findings_page([finding()], token="a")
        return findings_page([], token="")
# token alternation a,b,a
def w_token_alt(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindingAggregations": return agg_page(counts={"all": 3, "critical": 0, "high": 0, "medium": 0})
    if op == "ListImageScanFindings":
        t = body.get("nextToken")
        nxt = {None: "a", "a": "b", "b": "a"}[t]
        return findings_page([finding(sev="LOW", vid="CVE-%s" % (t or "0"))], token=nxt)
# token that resets to the first page's token (None -> 'a' -> then page returns token "a" again? = repeat)
# same finding repeated across pages, count says 2 LOW
def w_repeat_pages(op, params, body, state, n):
    if op == "GetImage": return image()
    if op == "ListImageScanFindingAggregations": return agg_page(counts={"all": 2, "critical": 0, "high": 0, "medium": 0})
    if op == "ListImageScanFindings":
        if not body.get("nextToken"): return findings_page([finding(sev="LOW")], token="p2")
        return findings_page([finding(sev="LOW")])
# chunked body: complete JSON, connection closed without the 0 chunk
def w_chunk_noend(op, params, body, state, n):
    if op == "ListImageScanFindings":
        b = '{"findings":[]}'
        return _raw("HTTP/1.1 200 OK", [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], [f"{len(b):x}\r\n{b}\r\n"])
    return one_critical_counts0(op, params, body, state, n)
def one_critical_counts0(op, params, body, state, n):
    return simple([])(op, params, body, state, n)
# content-length shorter than the body; body is a complete JSON prefix then more
def w_clen_short(op, params, body, state, n):
    if op == "ListImageScanFindings":
        b = '{"findings":[]}' + ' ' * 3 + json.dumps({"findings": [finding()]})
        return _raw("HTTP/1.1 200 OK", [("Content-Type", "application/json"), ("Content-Length", "15")], [b])
    return simple([])(op, params, body, state, n)
# retries: 500 on first count, then counts 0 while the listing shows a CRITICAL (control: mismatch)
def w_retry_diff(op, params, body, state, n):
    if op == "ListImageScanFindingAggregations" and n == 1: return (500, None, {"__type": "InternalServerException", "message": "x"})
    return simple([finding()], counts={"all": 1, "critical": 1, "high": 0, "medium": 0})(op, params, body, state, n)
# scan completes while the gate reads: findings/counts answered at once (mid-scan, empty), GetImage held 1.5 s then COMPLETED
def w_state_after_listing(op, params, body, state, n):
    if op == "GetImage":
        time.sleep(1.5); return image()
    return simple([])(op, params, body, state, n)
# -WaitForScan flap: COMPLETED on the first GetImage, SCANNING afterwards
def w_flap(op, params, body, state, n):
    if op == "GetImage": return image(scan="COMPLETED" if n == 1 else "SCANNING")
    return simple([])(op, params, body, state, n)
w_ctype_lie = lambda op, params, body, state, n: (lambda r: (r[0], {"Content-Type": "application/json; charset=utf-16"}, r[2]))(simple([finding()], counts={"all": 1, "critical": 1, "high": 0, "medium": 0})(op, params, body, state, n))
w_ctype_lie16 = lambda op, params, body, state, n: (lambda r: (r[0], {"Content-Type": "application/json; charset=utf-16"}, json.dumps(r[2]).encode("utf-16")))(simple([finding()], counts={"all": 1, "critical": 1, "high": 0, "medium": 0})(op, params, body, state, n))
# other account/region finding with same ARN? awsAccountId other
w_other_account = simple([finding(extra={"awsAccountId": "999999999999"})])
w_longs = raw3('{"findings":[%s]}' % FC.replace('"severity": "CRITICAL"', '"\\u017Feverity": "CRITICAL", "severity": "LOW"'), '{"all":1,"critical":0,"high":0,"medium":0}')
# a scan that completes 1 s after the server starts: mid-scan the list is empty and counted 0; GetImage is held until then
_T0 = time.time() + 1.0
def w_scan_completes(op, params, body, state, n):
    done = time.time() >= _T0
    if op == "GetImage":
        while time.time() < _T0 + 0.2: time.sleep(0.05)
        return image()
    fs = [finding()] if done else []
    if op == "ListImageScanFindings": return findings_page(fs)
    if op == "ListImageScanFindingAggregations": return agg_page(counts=counts_for(fs))
def w_scan_completes2(op, params, body, state, n):
    t0 = state.setdefault("t0", time.time() + 0.8)
    done = time.time() >= t0
    if op == "GetImage":
        while time.time() < t0 + 0.2: time.sleep(0.05)
        return image()
    fs = [finding()] if done else []
    if op == "ListImageScanFindings": return findings_page(fs)
    if op == "ListImageScanFindingAggregations": return agg_page(counts=counts_for(fs))
