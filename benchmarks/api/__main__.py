"""``python -m benchmarks.api``: the API under load with a million events in PostgreSQL.

Seeds a fresh schema (COPY), starts ``medalist serve --workers 2`` on loopback, and drives it
with :mod:`benchmarks.api.load`: event pages (``GET /v1/events`` at cursors spread over the
whole feed, some filtered by type) and candidate records, at a fixed rate and then flat out.
Prints requests/s, p50 and p99, the CPU time per request of the server's processes, of the
PostgreSQL backends serving them and of the load generator, and ``uptime`` (the machine is
shared, so wall-clock percentiles are noisy; CPU per request much less so). The schema is
dropped at the end unless ``--keep``; ``--schema`` reuses a kept one (no seeding).

Target (issue 12): p99 under 50 ms at 500 requests/s or more for event pages on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import time
from typing import Any

import httpx
import psycopg

from benchmarks.api.load import LoadResult, run_load
from benchmarks.api.seed import create_schema, drop_schema, seed
from medalist.services import apikeys
from storage.engine import create_engine_for, create_session_factory
from storage.migrate import upgrade

DSN = "host=127.0.0.1 port=5432 dbname=test user=postgres"
#: The server's connections say who they are, so their backends' CPU can be counted.
APP = "medalist-bench"


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _report(label: str, result: LoadResult, cpu: dict[str, float]) -> None:
    bad = {s: n for s, n in result.statuses.items() if s != 200}
    per = {name: seconds * 1000 / max(result.requests, 1) for name, seconds in cpu.items()}
    print(
        f"{label:38} {result.requests:6d} req in {result.seconds:5.1f} s = {result.rate:6.0f} "
        f"req/s   p50 {result.percentile(50) * 1000:6.1f} ms   p99 "
        f"{result.percentile(99) * 1000:6.1f} ms   {result.bytes / max(result.requests, 1):6.0f}"
        f" B/resp{'   non-200: ' + str(bad) if bad else ''}\n"
        f"{'':38} CPU per request: server {per['server']:.2f} ms, PostgreSQL "
        f"{per['postgres']:.2f} ms, load generator {per['generator']:.2f} ms",
        flush=True,
    )


class _CpuMeter:
    """CPU seconds used by the server's processes, the PostgreSQL backends connected as
    ``application_name=APP`` and this process (the load generator)."""

    def __init__(self, server_pid: int) -> None:
        import psutil

        self._psutil = psutil
        self.server = psutil.Process(server_pid)

    def _seconds(self, processes: list[Any]) -> float:
        total = 0.0
        for process in processes:
            try:
                times = process.cpu_times()
            except self._psutil.Error:
                continue
            total += times.user + times.system
        return total

    def _postgres(self) -> list[Any]:
        with psycopg.connect(DSN, autocommit=True) as connection:
            pids = [
                row[0]
                for row in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (APP,)
                )
            ]
        return [self._psutil.Process(pid) for pid in pids if self._psutil.pid_exists(pid)]

    def sample(self) -> dict[str, Any]:
        servers = [self.server, *self.server.children(recursive=True)]
        backends = self._postgres()
        return {
            "processes": (servers, backends),
            "server": self._seconds(servers),
            "postgres": self._seconds(backends),
            "generator": time.process_time(),
        }

    def since(self, before: dict[str, Any]) -> dict[str, float]:
        servers, backends = before["processes"]
        known = {process.pid for process in backends}
        # a backend opened during the phase (a pool growing) counts whole
        opened = [process for process in self._postgres() if process.pid not in known]
        return {
            "server": self._seconds(servers) - before["server"],
            "postgres": self._seconds(backends) - before["postgres"] + self._seconds(opened),
            "generator": time.process_time() - before["generator"],
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.api", description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=500.0, help="open-loop requests/s")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--page", type=int, default=100, help="events per page")
    parser.add_argument("--keep", action="store_true", help="keep the schema afterwards")
    parser.add_argument(
        "--schema", help="a schema seeded by an earlier run with --keep: reuse it (kept)"
    )
    args = parser.parse_args(argv)

    print(f"before: {_uptime()}", flush=True)
    schema = args.schema or create_schema(DSN)
    keep = args.keep or bool(args.schema)
    url = (
        f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
        f"&application_name={APP}"
    )
    server: subprocess.Popen[bytes] | None = None
    try:
        upgrade(url)
        if args.schema:
            with psycopg.connect(DSN, options=f"-csearch_path={schema}") as connection:
                row = connection.execute("SELECT count(*) FROM candidates").fetchone()
                args.candidates = int(row[0]) if row else 0
            print(f"reusing schema {schema} ({args.candidates} candidates)")
        else:
            took = seed(DSN, schema, candidates=args.candidates, events=args.events)
            print(f"seeded {args.events} events, {args.candidates} candidates in {took:.1f} s")
            print(f"schema {schema}")
        engine = create_engine_for(url)
        key = apikeys.create(create_session_factory(engine), f"bench-{os.getpid()}").key
        engine.dispose()
        with psycopg.connect(DSN, options=f"-csearch_path={schema}") as connection:
            cursors = [
                f"{tx}.{seq}"
                for tx, seq in connection.execute(
                    "SELECT tx, seq FROM events WHERE seq % 997 = 0 ORDER BY seq"
                )
            ]
        port = _free_port()
        env = dict(os.environ, MEDALIST_DATABASE_URL=url)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "medalist",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
            ],
            env=env,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz").raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        rng = random.Random(7)
        page = args.page

        def events_path(i: int) -> str:
            cursor = rng.choice(cursors)
            if i % 10 == 9:
                return f"/v1/events?cursor={cursor}&limit={page}&type=promotion"
            return f"/v1/events?cursor={cursor}&limit={page}"

        def mixed_path(i: int) -> str:
            if i % 5 == 4:
                return f"/v1/candidates/ats-{rng.randint(1, args.candidates)}"
            return events_path(i)

        total = int(args.rate * args.seconds)
        # warm up every worker's connection pools (as many connections as the phases use:
        # opening a database connection during a phase is a slow request of its own) and caches
        run_load(
            "127.0.0.1",
            port,
            key,
            events_path,
            total=max(400, 50 * args.connections),
            rate=None,
            connections=args.connections,
        )
        meter = _CpuMeter(server.pid)
        phases = [
            (f"event pages at {args.rate:.0f}/s", events_path, args.rate),
            (f"events 80% + candidates 20% at {args.rate:.0f}/s", mixed_path, args.rate),
            ("event pages flat out", events_path, None),
        ]
        for label, path_of, rate in phases:
            before = meter.sample()
            result = run_load(
                "127.0.0.1",
                port,
                key,
                path_of,
                total=total,
                rate=rate,
                connections=args.connections,
            )
            _report(label, result, meter.since(before))
            print(f"{'':38} {_uptime()}", flush=True)
        print(f"after: {_uptime()}", flush=True)
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if not keep:
            drop_schema(DSN, schema)


if __name__ == "__main__":
    sys.exit(main())
