#!/usr/bin/python3
"""Validates a Copydesk ninjs export (a JSON array on stdin) against the
IPTC ninjs 3.1 schema given as the first argument. Prints every error with
the index of the item and the path inside it; exits 1 when any is found."""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    export = json.load(sys.stdin)
    if not isinstance(export, list):
        print("the export is not a JSON array")
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    errors = 0
    for index, item in enumerate(export):
        for error in validator.iter_errors(item):
            path = "/".join(str(p) for p in error.absolute_path)
            print(f"item {index}, at /{path}: {error.message}")
            errors += 1
    if not export:
        print("the export is empty")
        return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
