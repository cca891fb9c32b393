"""An independent SigV4 verifier (stdlib only), so the fake accepts exactly what AWS would.

It re-derives the canonical request from the bytes received -- not from anything the client
claims beyond its Authorization header -- and compares signatures in constant time.
"""
import hashlib
import hmac
import re
import urllib.parse

_AUTH = re.compile(r"^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request,"
                   r"\s*SignedHeaders=([a-z0-9;.-]+),\s*Signature=([0-9a-f]{64})$")


class SignatureError(Exception):
    """code is the AWS error code the real service answers with."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _quote(text):
    return urllib.parse.quote(text, safe="-_.~")


def _canonical_uri(raw_path):
    # Non-S3 services: every segment of the path as sent is encoded once more.
    return "/".join(_quote(segment) for segment in raw_path.split("/")) or "/"


def _canonical_query(raw_query):
    pairs = urllib.parse.parse_qsl(raw_query, keep_blank_values=True)
    return "&".join(f"{_quote(k)}={_quote(v)}" for k, v in sorted(pairs))


def _canonical_headers(headers, signed):
    lines = []
    for name in signed:
        values = headers.get_all(name) or []
        if not values:
            raise SignatureError("SignatureDoesNotMatch", f"signed header {name} is missing")
        joined = ",".join(" ".join(v.split()) for v in values)
        lines.append(f"{name}:{joined}\n")
    return "".join(lines)


def _key(secret, date, region, service):
    k = hmac.new(("AWS4" + secret).encode(), date.encode(), hashlib.sha256).digest()
    for part in (region, service, "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    return k


def verify(method, raw_path, raw_query, headers, body, keys, service, region):
    """Raises SignatureError unless the request is signed by a known key for service/region.

    keys maps access key id -> (secret, session token or None). Returns the access key id.
    """
    auth = headers.get("Authorization", "")
    m = _AUTH.match(auth)
    if not m:
        raise SignatureError("IncompleteSignature", "Authorization header is not SigV4")
    key_id, date, got_region, got_service, signed_names, signature = m.groups()
    if key_id not in keys:
        raise SignatureError("InvalidClientTokenId", f"unknown access key {key_id}")
    secret, token = keys[key_id]
    if got_service != service or got_region != region:
        raise SignatureError("SignatureDoesNotMatch",
                             f"credential scope {got_region}/{got_service}, expected "
                             f"{region}/{service}")
    amz_date = headers.get("X-Amz-Date", "")
    if not amz_date.startswith(date):
        raise SignatureError("SignatureDoesNotMatch", "X-Amz-Date does not match the scope date")
    signed = signed_names.split(";")
    if "host" not in signed:
        raise SignatureError("SignatureDoesNotMatch", "the Host header must be signed")
    if token is not None and headers.get("X-Amz-Security-Token") != token:
        raise SignatureError("InvalidClientTokenId", "missing or wrong X-Amz-Security-Token")
    canonical = "\n".join([method, _canonical_uri(raw_path), _canonical_query(raw_query),
                           _canonical_headers(headers, signed), signed_names,
                           hashlib.sha256(body).hexdigest()])
    scope = f"{date}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                         hashlib.sha256(canonical.encode()).hexdigest()])
    expected = hmac.new(_key(secret, date, region, service), to_sign.encode(),
                        hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise SignatureError("SignatureDoesNotMatch",
                             "The request signature we calculated does not match the signature "
                             "you provided. The canonical request was:\n" + canonical)
    return key_id
