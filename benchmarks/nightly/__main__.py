"""``python -m benchmarks.nightly [--sizes 10000,50000] [--quick] [--hosts 50] [--postgres URL]``.

For each size N: generate N candidates whose sources live on the loopback site
(:mod:`benchmarks.nightly.site`, one process, many 127.0.0.x hosts), import them into a fresh
database and measure, driving only the command line (``medalist db upgrade``, ``import
candidates``, ``run``):

1. a full run (``medalist run --all``): wall time, pages/s, peak memory of the process tree,
   CPU seconds of the tree;
2. a second run over the unchanged site: the fraction answered 304 and its CPU against the first;
3. on a second fresh database, a run killed with SIGKILL (the whole tree) once the site has
   served half the clean run's pages, then ``medalist run`` to resume: the pages of both
   against the clean run.

``scrapy bench`` runs in the same invocation as the yardstick. The issue's targets are printed
as PASS/FAIL lines. Politeness is lifted for loopback (said in the output).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.nightly.site import host_of, name_of, person
from benchmarks.nightly.tree import Measured, run_measured

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
#: Loopback has no hosts to be polite to: the benchmark lifts the per-host limits.
LIFTED = {
    "MEDALIST_CONCURRENT_REQUESTS": "64",
    "MEDALIST_HOST_CONCURRENCY": "16",
    "MEDALIST_HOST_DELAY": "0",
    "MEDALIST_AUTOTHROTTLE": "false",
}


@dataclass
class Figures:
    size: int
    first: Measured
    first_pages: int
    second: Measured
    second_pages: int
    second_304: int
    clean_pages: int
    killed_pages: int
    resumed_pages: int

    @property
    def pages_per_s(self) -> float:
        return self.first_pages / self.first.wall if self.first.wall else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        return int(probe.getsockname()[1])


def write_candidates(path: Path, size: int, hosts: int, port: int) -> int:
    """N candidates, JSON Lines; returns how many sources they have."""
    sources = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            p = person(i)
            base = f"http://{host_of(i, hosts)}:{port}"
            profiles = [{"kind": "website", "url": f"{base}/p/{i}.html"}]
            if i % 3 == 0:
                profiles.append({"kind": "jsonresume", "url": f"{base}/r/{i}.json"})
            sources += len(profiles)
            row = {
                "external_id": f"bench-{i}",
                "full_name": name_of(i),
                "location": p["city"],
                "profiles": profiles,
                "positions": [
                    {
                        "title": "Software Engineer",
                        "company": p["company"],
                        "start": "2019-03",
                        "end": None,
                    }
                ],
                "skills": ["python"],
            }
            out.write(json.dumps(row) + "\n")
    return sources


def stats(port: int, hosts: int) -> dict[str, int]:
    url = f"http://127.0.0.2:{port}/__stats"
    with urllib.request.urlopen(url, timeout=10) as answer:
        return dict(json.loads(answer.read()))


def medalist(args: list[str], env: dict[str, str], **kwargs: Any) -> Measured:
    return run_measured([str(BIN / "medalist"), *args], env, **kwargs)


def check(done: Measured, what: str) -> None:
    if done.returncode not in (0,):
        tail = done.output[-2000:]
        raise SystemExit(f"{what} failed (exit {done.returncode}):\n{tail}")


def prepare(
    folder: Path, name: str, candidates: Path, base_env: dict[str, str], database_url: str | None
) -> dict[str, str]:
    env = dict(base_env)
    env["MEDALIST_DATABASE_URL"] = database_url or f"sqlite:///{folder / (name + '.db')}"
    check(medalist(["db", "upgrade"], env), "medalist db upgrade")
    check(medalist(["import", "candidates", str(candidates)], env), "medalist import")
    return env


def measure_size(size: int, hosts: int, folder: Path, postgres: str | None) -> Figures:
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "benchmarks.nightly.site",
            "--candidates",
            str(size),
            "--hosts",
            str(hosts),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        server.stdout.readline()  # "serving ..."
        candidates = folder / f"candidates-{size}.jsonl"
        write_candidates(candidates, size, hosts, port)
        base_env = {
            **os.environ,
            **LIFTED,
            "MEDALIST_ALLOW_HOSTS": "127.0.0.0/8",
            "MEDALIST_REFRESH_DAYS": "30",
            "PYTHONPATH": str(ROOT),
        }
        db_a = _database(postgres, f"a{size}") if postgres else None
        env = prepare(folder, f"a{size}", candidates, base_env, db_a)
        s0 = stats(port, hosts)
        first = medalist(["run", "--all"], env)
        check(first, "the first run")
        s1 = stats(port, hosts)
        second = medalist(["run", "--all"], env)
        check(second, "the second run")
        s2 = stats(port, hosts)
        first_pages = s1.get("pages", 0) - s0.get("pages", 0)
        # the kill: a fresh database, killed once half the clean run's pages were served
        db_b = _database(postgres, f"b{size}") if postgres else None
        env_b = prepare(folder, f"b{size}", candidates, base_env, db_b)
        k0 = stats(port, hosts).get("pages", 0)
        half = k0 + first_pages // 2
        killed = medalist(
            ["run", "--all"], env_b, kill_when=lambda: stats(port, hosts).get("pages", 0) >= half
        )
        k1 = stats(port, hosts).get("pages", 0)
        time.sleep(1)  # let an orphaned crawler child notice its parent is gone
        k1 = max(k1, stats(port, hosts).get("pages", 0))
        resumed = medalist(["run"], env_b)
        check(resumed, "the resumed run")
        k2 = stats(port, hosts).get("pages", 0)
        del killed
        return Figures(
            size=size,
            first=first,
            first_pages=first_pages,
            second=second,
            second_pages=s2.get("pages", 0) - s1.get("pages", 0),
            second_304=s2.get("304", 0) - s1.get("304", 0),
            clean_pages=first_pages,
            killed_pages=k1 - k0,
            resumed_pages=k2 - k1,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def _database(url: str, name: str) -> str:
    """A fresh PostgreSQL database ``medalist_bench_<name>`` on the server of ``url``."""
    import psycopg

    admin = re.sub(r"^postgresql\+psycopg://", "postgresql://", url)
    database = f"medalist_bench_{name}_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
        connection.execute(f'CREATE DATABASE "{database}"')
    return re.sub(r"/[^/]*$", f"/{database}", url)


def scrapy_bench(seconds: int = 10) -> float:
    """``scrapy bench`` (its own loopback server and spider): pages per second over its run.

    From its final stats, ``response_received_count / elapsed_time_seconds`` (the mean, start
    to close); the median of its "pages/min" lines if the stats are missing.
    """
    with tempfile.TemporaryDirectory() as outside:  # no scrapy.cfg: Scrapy's own defaults
        done = subprocess.run(
            [str(BIN / "scrapy"), "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"],
            cwd=outside,
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        )
    received = re.search(r"'response_received_count': (\d+)", done.stderr)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", done.stderr)
    if received and elapsed and float(elapsed.group(1)) > 0:
        return int(received.group(1)) / float(elapsed.group(1))
    rates = sorted(int(n) for n in re.findall(r"at (\d+) pages/min", done.stderr))
    if not rates:
        raise SystemExit(f"scrapy bench printed no rate:\n{done.stderr[-2000:]}")
    return rates[len(rates) // 2] / 60.0


def verdict(ok: bool, text: str) -> str:
    return f"{'PASS' if ok else 'FAIL'}  {text}"


def report(figures: list[Figures], bench: float) -> list[str]:
    lines = [
        "medalist nightly benchmark",
        f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}",
        f"cpus: {os.cpu_count()}; python {sys.version.split()[0]}",
        "politeness LIFTED for loopback: " + ", ".join(f"{k}={v}" for k, v in LIFTED.items()),
        f"scrapy bench: {bench:.1f} pages/s (responses / elapsed seconds of its run)",
        "",
        f"{'size':>7} {'wall s':>8} {'pages':>7} {'pages/s':>8} {'peak MiB':>9} {'cpu s':>7}"
        f" {'2nd wall':>8} {'2nd cpu':>8} {'304 %':>6} {'killed':>7} {'resumed':>8}",
    ]
    for f in figures:
        share = f.second_304 / f.second_pages if f.second_pages else 0.0
        lines.append(
            f"{f.size:>7} {f.first.wall:>8.1f} {f.first_pages:>7} {f.pages_per_s:>8.1f}"
            f" {f.first.peak_rss / 2**20:>9.0f} {f.first.cpu:>7.1f} {f.second.wall:>8.1f}"
            f" {f.second.cpu:>8.1f} {share * 100:>6.1f} {f.killed_pages:>7} {f.resumed_pages:>8}"
        )
    lines.append("")
    for f in figures:
        ratio = f.pages_per_s / bench if bench else 0.0
        lines.append(
            verdict(
                ratio >= 0.8,
                f"{f.size}: pipeline {f.pages_per_s:.1f} pages/s is "
                f"{ratio:.2f}x scrapy bench (target >= 0.8x)",
            )
        )
        share = f.second_304 / f.second_pages if f.second_pages else 0.0
        lines.append(
            verdict(share >= 0.95, f"{f.size}: second run {share:.1%} answered 304 (target >= 95%)")
        )
        cpu = f.second.cpu / f.first.cpu if f.first.cpu else 0.0
        lines.append(
            verdict(cpu <= 0.2, f"{f.size}: second run CPU {cpu:.0%} of the first (target <= 20%)")
        )
        total = (f.killed_pages + f.resumed_pages) / f.clean_pages if f.clean_pages else 0.0
        lines.append(
            verdict(
                total <= 1.10,
                f"{f.size}: killed + resumed fetched {total:.2f}x a clean run (target <= 1.10x)",
            )
        )
    if len(figures) >= 2:
        small, large = figures[0], figures[-1]
        growth = large.first.peak_rss / small.first.peak_rss if small.first.peak_rss else 0.0
        lines.append(
            verdict(
                growth <= 1.2,
                f"peak memory at {large.size} is {growth:.2f}x that "
                f"at {small.size} (target <= 1.2x)",
            )
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.nightly", description=__doc__)
    parser.add_argument("--sizes", default="10000,50000", help="candidate counts, comma-separated")
    parser.add_argument("--quick", action="store_true", help="one small size (1000): a smoke run")
    parser.add_argument("--hosts", type=int, default=50, help="loopback hosts (127.0.0.2 ...)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on fresh databases on this PostgreSQL server instead of SQLite",
    )
    parser.add_argument("--bench-seconds", type=int, default=10, help="how long scrapy bench runs")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    if not 1 <= args.hosts <= 250:
        parser.error("--hosts must be between 1 and 250")
    bench = scrapy_bench(args.bench_seconds)
    figures = []
    with tempfile.TemporaryDirectory(prefix="medalist-nightly-") as tmp:
        for size in sizes:
            figures.append(measure_size(size, args.hosts, Path(tmp), args.postgres))
            print(f"size {size} done", file=sys.stderr, flush=True)
    lines = report(figures, bench)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "scrapy_bench_pages_per_s": bench,
                    "lines": lines,
                    "sizes": [_as_dict(f) for f in figures],
                },
                indent=2,
            )
        )
    return 0


def _as_dict(f: Figures) -> dict[str, Any]:
    return {
        "size": f.size,
        "wall_s": f.first.wall,
        "pages": f.first_pages,
        "pages_per_s": f.pages_per_s,
        "peak_rss": f.first.peak_rss,
        "cpu_s": f.first.cpu,
        "second_wall_s": f.second.wall,
        "second_cpu_s": f.second.cpu,
        "second_pages": f.second_pages,
        "second_304": f.second_304,
        "killed_pages": f.killed_pages,
        "resumed_pages": f.resumed_pages,
    }


if __name__ == "__main__":
    sys.exit(main())
