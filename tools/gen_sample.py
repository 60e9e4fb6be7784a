#!/usr/bin/env python3
"""Regenerate the sample store ``records/`` (deterministic: same code, same bytes).

    python tools/gen_sample.py            # rewrites records/
    python tools/gen_sample.py --out DIR  # writes elsewhere, e.g. to compare

The committed YAML is what users read; this script only saves typing it.  It removes
the YAML files it would own in the target first, so a record dropped from the script
disappears from the store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storegen.sample import build_sample
from storegen.writer import write_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the 华信银行 sample store.")
    default = Path(__file__).resolve().parent.parent / "records"
    parser.add_argument("--out", type=Path, default=default, help="target folder (default: records/)")
    args = parser.parse_args(argv)
    files = build_sample()
    write_store(args.out, files)
    print(f"wrote {len(files)} files to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
