#!/usr/bin/env python3
"""Proves the fake AWS endpoint rejects what AWS would, so plugin tests against it mean
something: a bad signature, an unknown member, a missing required member, a wrong Version, an
unknown Route 53 element, and accepts a correctly signed valid request.

Signs with its own small signer built on the canonical-request helpers of fake/sigv4.py; the
C++ signer (which passes both official SigV4 suites) is checked against the same verifier by
providers.aws.
"""
import datetime
import hashlib
import hmac
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "fake"))
import sigv4  # noqa: E402

KEY, SECRET = "AKIDSELFTEST00000001", "selftest-secret"
SPECS = os.environ.get("TIDEPOOL_SHARED_DIR", "/work/shared") + "/specs/aws"


def sign(method, host, path, query, body, service, region, secret=SECRET, content_type=None):
    amz = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    headers = {"Host": host, "X-Amz-Date": amz}
    if content_type:
        headers["Content-Type"] = content_type
    names = sorted(h.lower() for h in headers)
    lookup = {k.lower(): v for k, v in headers.items()}
    canonical = "\n".join([method, sigv4._canonical_uri(path), sigv4._canonical_query(query),
                           "".join(f"{n}:{lookup[n]}\n" for n in names), ";".join(names),
                           hashlib.sha256(body).hexdigest()])
    scope = f"{amz[:8]}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    signature = hmac.new(sigv4._key(secret, amz[:8], region, service), to_sign.encode(),
                         hashlib.sha256).hexdigest()
    headers["Authorization"] = (f"AWS4-HMAC-SHA256 Credential={KEY}/{scope}, "
                                f"SignedHeaders={';'.join(names)}, Signature={signature}")
    return headers


def call(port, method, path, query="", body=b"", service="ec2", **kw):
    host = f"127.0.0.1:{port}"
    ctype = "application/x-www-form-urlencoded" if service == "ec2" else None
    headers = sign(method, host, path, query, body, service, "us-east-1", content_type=ctype, **kw)
    url = f"http://{host}{path}" + (f"?{query}" if query else "")
    request = urllib.request.Request(url, data=body or None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def expect(label, got, status, text):
    ok = got[0] == status and text in got[1]
    print(("ok   " if ok else "FAIL ") + label + ("" if ok else f": {got}"))
    return ok


def main():
    with tempfile.TemporaryDirectory() as tmp:
        port_file = os.path.join(tmp, "port")
        proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fake", "server.py"),
                                 "--port-file", port_file, "--specs", SPECS,
                                 "--key", f"{KEY}:{SECRET}", "--hosted-zone", "ZSELF:example.com"])
        try:
            for _ in range(200):
                if os.path.exists(port_file):
                    break
                time.sleep(0.05)
            port = int(open(port_file).read())
            good = b"Action=DescribeInstances&Version=2016-11-15&MaxResults=5"
            results = [
                expect("valid signed request is answered", call(port, "POST", "/", body=good),
                       200, "DescribeInstancesResponse"),
                expect("bad signature is refused",
                       call(port, "POST", "/", body=good, secret="wrong"),
                       401, "SignatureDoesNotMatch"),
                expect("unknown member is refused", call(
                    port, "POST", "/", body=good + b"&Bogus=1"), 400, "UnknownParameter"),
                expect("unknown nested member is refused", call(
                    port, "POST", "/", body=good + b"&Filter.1.Nme=x"), 400, "UnknownParameter"),
                expect("missing required member is refused", call(
                    port, "POST", "/", body=b"Action=RunInstances&Version=2016-11-15&MinCount=1"),
                    400, "MissingParameter"),
                expect("wrong type is refused", call(
                    port, "POST", "/", body=good.replace(b"=5", b"=five")), 400,
                    "InvalidParameterValue"),
                expect("wrong Version is refused", call(
                    port, "POST", "/", body=good.replace(b"2016-11-15", b"2015-10-01")), 400,
                    "InvalidParameterValue"),
                expect("unknown operation is refused", call(
                    port, "POST", "/", body=b"Action=LaunchRockets&Version=2016-11-15"), 400,
                    "InvalidAction"),
                expect("route53 unknown query parameter is refused", call(
                    port, "GET", "/2013-04-01/hostedzone/ZSELF/rrset", "bogus=1",
                    service="route53"), 400, "InvalidInput"),
                expect("route53 unknown body element is refused", call(
                    port, "POST", "/2013-04-01/hostedzone/ZSELF/rrset/", "",
                    b'<ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/'
                    b'2013-04-01/"><ChangeBatch><Changes/><Bogus/></ChangeBatch>'
                    b'</ChangeResourceRecordSetsRequest>', service="route53"), 400, "InvalidInput"),
                expect("route53 valid list is answered", call(
                    port, "GET", "/2013-04-01/hostedzone/ZSELF/rrset", "", service="route53"),
                    200, "ResourceRecordSets"),
            ]
        finally:
            proc.terminate()
            proc.wait()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
