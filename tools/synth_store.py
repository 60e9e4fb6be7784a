#!/usr/bin/env python3
"""Write a synthetic itsmctl store of N tickets for benchmarks (never commit its output).

    python tools/synth_store.py --tickets 10000 --out /tmp/synth10k
    time itsmctl validate --records /tmp/synth10k

Same policy, calendar, SLA, services and CIs as records/; tickets from the sample's
history generator, spread over 2026.  Deterministic for a given --seed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storegen.synthetic import build_synthetic
from storegen.writer import write_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic store of N tickets.")
    parser.add_argument("--tickets", type=int, required=True, help="number of tickets")
    parser.add_argument("--out", type=Path, required=True, help="target folder (created; its generated files replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.tickets < 1:
        parser.error("--tickets must be at least 1")
    repo = Path(__file__).resolve().parent.parent
    if args.out.resolve() == (repo / "records").resolve():
        parser.error("refusing to overwrite records/: synthetic stores are never committed")
    files = build_synthetic(args.tickets, args.seed)
    write_store(args.out, files)
    print(f"wrote {len(files)} files ({args.tickets} tickets) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
