"""`python -m hfeval.spec --write-schemas [DIR]`: regenerate the checked-in JSON Schemas."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hfeval.spec.schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hfeval.spec", description=__doc__)
    parser.add_argument("--write-schemas", action="store_true", help="write the schema files")
    parser.add_argument("directory", nargs="?", type=Path, default=Path("schemas"))
    args = parser.parse_args(argv)
    if not args.write_schemas:
        parser.print_usage(sys.stderr)
        return 2
    for path in write_schemas(args.directory):
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
