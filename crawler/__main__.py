"""``python -m crawler --targets TARGETS --out RESULTS [-s NAME=VALUE ...]``.

``python -m crawler --worker -s MEDALIST_REDIS_URL=...`` serves distributed crawls.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.runner import run, work


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler",
        description="Fetch the targets (JSON Lines) and write one result line per target.",
    )
    parser.add_argument("--targets", type=Path, help="targets file (JSON Lines)")
    parser.add_argument("--out", type=Path, help="results file (JSON Lines)")
    parser.add_argument(
        "--worker",
        action="store_true",
        help="serve the Redis queues of distributed crawls (needs MEDALIST_REDIS_URL)",
    )
    parser.add_argument(
        "-s",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Scrapy setting (repeatable), e.g. -s MEDALIST_ALLOW_HOSTS=127.0.0.1",
    )
    args = parser.parse_args(argv)
    overrides: dict[str, str] = {}
    for item in args.settings:
        name, sep, value = item.partition("=")
        if not sep or not name:
            parser.error(f"-s {item!r}: expected NAME=VALUE")
        overrides[name.strip()] = value
    if args.worker:
        return work(overrides)
    if args.targets is None or args.out is None:
        parser.error("--targets and --out are required (or --worker)")
    if not args.targets.is_file():
        parser.error(f"--targets {args.targets}: no such file")
    return run(args.targets, args.out, overrides)


if __name__ == "__main__":
    sys.exit(main())
