"""Import benchmark: rows per second and peak memory of ``medalist import candidates``.

Writes a synthetic ATS export (CSV by default, or JSON Lines), imports it into a fresh
database through the same code as the command line, imports it again (nothing changes), and
prints rows/s and the peak resident set size. Memory should stay flat as ``--rows`` grows:
the import streams the file and writes in batches.

    .venv/bin/python benchmarks/import_bench.py                 # 100k rows, SQLite in a temp dir
    .venv/bin/python benchmarks/import_bench.py --rows 20000 --url postgresql://postgres@127.0.0.1/test

Not a unit test: run it by hand when the import changes.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medalist.importing import import_candidates  # noqa: E402
from storage.engine import create_engine_for, create_session_factory  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.unit_of_work import UnitOfWork  # noqa: E402

TITLES = ("Software Engineer", "Senior Accountant", "Registered Nurse", "Product Manager", "Intern")
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli")
HEADER = [
    "external_id", "full_name", "email", "location", "current_title", "current_company",
    "current_start", "profile_urls", "orcid", "github", "skills", "applied_req_id", "stage_reached",
]  # fmt: skip


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def write_export(path: Path, rows: int, fmt: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle) if fmt == "csv" else None
        if writer:
            writer.writerow(HEADER)
        for i in range(rows):
            title, company = TITLES[i % len(TITLES)], COMPANIES[i % len(COMPANIES)]
            start = f"{2010 + i % 14}-{1 + i % 12:02d}"
            if writer:
                writer.writerow(
                    [
                        f"ats-{i}", f"Person {i}", f"person{i}@example.com", "London, UK",
                        title, company, start, f"https://person{i}.example/", "",
                        f"user{i}", "python;sql", f"R-{i % 50}", "phone screen",
                    ]
                )  # fmt: skip
            else:
                record = {
                    "external_id": f"ats-{i}",
                    "full_name": f"Person {i}",
                    "emails": [f"person{i}@example.com"],
                    "profiles": [{"kind": "github", "id": f"user{i}"}],
                    "positions": [{"title": title, "company": company, "start": start}],
                    "skills": ["python", "sql"],
                }
                handle.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--url", help="database URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="medalist-bench-") as tmp:
        export = Path(tmp) / f"candidates.{args.format}"
        write_export(export, args.rows, args.format)
        url = args.url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = create_engine_for(url)
        sessions = create_session_factory(engine)
        baseline = peak_rss_mb()
        print(f"{args.rows} rows, {export.stat().st_size / 1e6:.1f} MB {args.format}, {url}")
        print(f"peak RSS before import: {baseline:.0f} MB")
        for label in ("first import", "re-import"):
            started = time.perf_counter()
            report = import_candidates(
                export, lambda: UnitOfWork(sessions), batch_size=args.batch_size
            )
            elapsed = time.perf_counter() - started
            print(
                f"{label}: {report.summary()} in {elapsed:.1f}s = "
                f"{report.read / elapsed:,.0f} rows/s, peak RSS {peak_rss_mb():.0f} MB"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
