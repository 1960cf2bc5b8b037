"""``make bench``: run every benchmark (or those named on the command line)."""

from __future__ import annotations

import argparse
import asyncio

from benchmarks import delivery, engine, ingest, status

BENCHMARKS = {
    "engine": engine.main,
    "ingest": ingest.main,
    "delivery": delivery.main,
    "status": status.main,
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help=f"some of: {', '.join(BENCHMARKS)}")
    args = parser.parse_args()
    unknown = sorted(set(args.names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    for name in args.names or list(BENCHMARKS):
        print(f"== {name}")
        asyncio.run(BENCHMARKS[name]())


if __name__ == "__main__":
    main()
