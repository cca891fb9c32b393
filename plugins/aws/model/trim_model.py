#!/usr/bin/env python3
"""Writes the botocore model subsets tidepool-aws.so embeds: the operations it calls and every
shape they reach, with documentation stripped. Re-run when the official models move:

    plugins/aws/model/trim_model.py /work/shared/specs/aws/botocore plugins/aws/model

The output keeps botocore's layout (metadata, operations, shapes), so the SDK's model-driven
serializers read it exactly like a full service-2.json.
"""
import json
import sys
from pathlib import Path

SERVICES = {
    "ec2": ("ec2/2016-11-15", ["RunInstances", "DescribeInstances", "TerminateInstances",
                               "GetPasswordData", "CreateTags"]),
    "route53": ("route53/2013-04-01", ["ChangeResourceRecordSets", "ListResourceRecordSets",
                                       "GetChange"]),
}


def strip_docs(value):
    if isinstance(value, dict):
        return {k: strip_docs(v) for k, v in value.items() if k != "documentation"}
    if isinstance(value, list):
        return [strip_docs(v) for v in value]
    return value


def reachable(shapes, roots):
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        refs = list(shape.get("members", {}).values())
        refs += [shape[k] for k in ("member", "key", "value") if k in shape]
        todo += [ref["shape"] for ref in refs]
    return seen


def trim(model, operations):
    ops = {name: model["operations"][name] for name in operations}
    roots = [op[k]["shape"] for op in ops.values() for k in ("input", "output") if k in op]
    roots += [err["shape"] for op in ops.values() for err in op.get("errors", [])]
    keep = reachable(model["shapes"], roots)
    return strip_docs({
        "metadata": model["metadata"],
        "operations": ops,
        "shapes": {name: model["shapes"][name] for name in sorted(keep)},
    })


def main():
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    for name, (folder, operations) in SERVICES.items():
        model = json.loads((source / folder / "service-2.json").read_text())
        out = target / f"{name}.json"
        out.write_text(json.dumps(trim(model, operations), indent=1, sort_keys=True) + "\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
