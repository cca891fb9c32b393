#!/usr/bin/env python3
"""Parses Prometheus text (stdin) with the reference Python client's parser and prints one
line per sample: `name{label="v",...} value`, labels sorted. Any parse error exits 1, so a
malformed /metrics fails the test that pipes it here."""
import sys

from prometheus_client.parser import text_string_to_metric_families

try:
    for family in text_string_to_metric_families(sys.stdin.read()):
        for s in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(s.labels.items()))
            print(f"{s.name}{{{labels}}} {s.value!r}   # {family.type}")
except Exception as e:  # the parser raises ValueError and friends on bad input
    print(f"unparsable metrics: {e}", file=sys.stderr)
    sys.exit(1)
