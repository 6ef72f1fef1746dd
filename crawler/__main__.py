"""``python -m crawler --targets TARGETS --out RESULTS [-s NAME=VALUE ...]``.

``python -m crawler --worker --settings FILE`` serves distributed crawls (the file, a JSON
object of Scrapy settings, carries ``MEDALIST_REDIS_URL`` so that no password shows in ``ps``;
the environment variable ``MEDALIST_REDIS_URL`` works too).
"""

from __future__ import annotations

import argparse
import json
import os
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
        "--settings",
        dest="settings_file",
        type=Path,
        help="a JSON object of Scrapy settings (how medalist passes secrets: not on argv)",
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
    if args.settings_file is not None:
        try:
            loaded = json.loads(args.settings_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            parser.error(f"--settings {args.settings_file}: {error}")
        if not isinstance(loaded, dict):
            parser.error(f"--settings {args.settings_file}: expected a JSON object")
        overrides.update({str(k): str(v) for k, v in loaded.items()})
    for item in args.settings:
        name, sep, value = item.partition("=")
        if not sep or not name:
            parser.error(f"-s {item!r}: expected NAME=VALUE")
        overrides[name.strip()] = value
    if "MEDALIST_REDIS_URL" not in overrides and os.environ.get("MEDALIST_REDIS_URL"):
        overrides["MEDALIST_REDIS_URL"] = os.environ["MEDALIST_REDIS_URL"]
    if args.worker:
        return work(overrides)
    if args.targets is None or args.out is None:
        parser.error("--targets and --out are required (or --worker)")
    if not args.targets.is_file():
        parser.error(f"--targets {args.targets}: no such file")
    return run(args.targets, args.out, overrides)


if __name__ == "__main__":
    sys.exit(main())
