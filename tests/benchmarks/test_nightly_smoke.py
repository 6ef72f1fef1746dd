"""The nightly benchmark still works end to end, at a tiny size (its figures mean nothing here).

It drives the real command line against the real generated site, so a change to the commands,
the site or the measuring breaks this test rather than the next nightly measurement.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("psutil")


def test_the_benchmark_runs_and_prints_its_targets(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.nightly",
            "--sizes",
            "40",
            "--hosts",
            "3",
            "--bench-seconds",
            "2",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-2000:]
    text = done.stdout
    assert "politeness LIFTED for loopback" in text
    assert "uptime:" in text and "scrapy bench:" in text
    verdicts = [line for line in text.splitlines() if line.startswith(("PASS", "FAIL"))]
    assert len(verdicts) == 4, text  # pages/s, 304 share, CPU, resume (one size: no memory line)
    figures = json.loads(out.read_text())
    (size,) = figures["sizes"]
    assert figures["scrapy_bench_pages_per_s"] > 0
    # 40 personal pages and a JSON Resume for every third candidate, each fetched once
    assert size["pages"] == 40 + 14
    assert size["second_pages"] == size["pages"]
    assert size["second_304"] == size["second_pages"]  # nothing changed on the site
    assert size["peak_rss"] > 0 and size["cpu_s"] > 0
    assert 0 < size["killed_pages"] <= size["pages"]
