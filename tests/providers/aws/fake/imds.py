"""IMDSv2: a session token from PUT /latest/api/token, then role credentials that expire."""
import datetime
import json
import secrets
import threading


class Imds:
    def __init__(self, role, keys, ttl_seconds):
        self.role = role
        self.keys = keys  # the role's keys are the --key entries that carry a session token
        self.ttl = ttl_seconds
        self.tokens = set()
        self.fetches = 0
        self.lock = threading.Lock()

    def handle(self, method, path, headers):
        if path == "/latest/api/token":
            if method != "PUT" or not headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
                return 400, "IMDSv2 token requests are PUTs with a TTL header"
            token = secrets.token_hex(16)
            with self.lock:
                self.tokens.add(token)
            return 200, token
        with self.lock:
            if headers.get("X-aws-ec2-metadata-token") not in self.tokens:
                return 401, "missing or unknown IMDSv2 token"
        base = "/latest/meta-data/iam/security-credentials/"
        if not self.role or not path.startswith(base):
            return 404, "not found"
        if path == base:
            return 200, self.role + "\n"
        if path[len(base):] != self.role:
            return 404, "no such role"
        key_id, (secret, token) = next((k, v) for k, v in self.keys.items() if v[1])
        with self.lock:
            self.fetches += 1
        expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(
            seconds=self.ttl)
        return 200, json.dumps({"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": key_id,
                                "SecretAccessKey": secret, "Token": token,
                                "Expiration": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "LastUpdated": "2026-01-01T00:00:00Z"})
