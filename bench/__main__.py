"""`python -m bench [--quick] [--only NAME ...]`"""

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime

from bench import report
from bench.environment import deployment

BENCHMARKS = [
    "programme",
    "exports",
    "grid",
    "messages",
    "weight",
    "registration",
    "qa",
    "reconnect",
    "check_ins",
]


def main():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, few requests"
    )
    parser.add_argument("--only", nargs="*", choices=BENCHMARKS, default=BENCHMARKS)
    args = parser.parse_args()
    figures, started = [], time.monotonic()
    with deployment() as env:
        for name in args.only:
            module, began = (
                __import__(f"bench.{name}", fromlist=["run"]),
                time.monotonic(),
            )
            for figure in module.run(env, quick=args.quick):
                print(figure.line(), flush=True)
                figures.append(figure)
            print(f"# {name}: {time.monotonic() - began:.0f} s", flush=True)
    meta = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "seconds": round(time.monotonic() - started),
    }
    report.save(figures, meta)
    missed = [f.name for f in figures if not f.met]
    print(f"{len(figures)} figures in {meta['seconds']} s; missed: {missed or 'none'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
