"""A command run as a subprocess, measured as a whole process tree (psutil).

Peak memory is the largest sum of the resident set sizes of the process and all its
descendants, sampled every ``interval`` seconds. CPU seconds are user + system of the whole
tree, exact: ``getrusage(RUSAGE_CHILDREN)`` of this process before and after, which counts every
descendant that was waited for (``medalist`` waits for its crawler child).
"""

from __future__ import annotations

import contextlib
import resource
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import psutil


@dataclass
class Measured:
    returncode: int
    wall: float
    cpu: float
    peak_rss: int
    output: str


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_measured(
    command: list[str],
    env: Mapping[str, str],
    *,
    interval: float = 0.1,
    kill_when: Callable[[], bool] | None = None,
    timeout: float = 7200,
) -> Measured:
    """Run ``command``; when ``kill_when()`` turns true, kill -9 the whole tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    child = subprocess.Popen(
        command, env=dict(env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    process = psutil.Process(child.pid)
    peak = 0
    chunks: list[str] = []
    reader = threading.Thread(target=lambda: chunks.append(child.stdout.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    while child.poll() is None:
        peak = max(peak, _tree_rss(process))
        if kill_when is not None and kill_when():
            for member in [*process.children(recursive=True), process]:
                with contextlib.suppress(psutil.Error):
                    member.send_signal(signal.SIGKILL)
            break
        if time.monotonic() - started > timeout:
            child.kill()
            break
        time.sleep(interval)
    child.wait()
    # the killed crawler child may linger a moment as an orphan: reap what we can see
    reader.join(timeout=10)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(child.returncode, wall, cpu, peak, "".join(chunks))
