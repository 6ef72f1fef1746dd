"""Crawling from the application: run ``python -m crawler`` in a child process and stream its
results as they arrive.

Scrapy's Twisted reactor cannot restart inside a long-lived process (``ReactorNotRestartable``),
so every crawl runs in its own process: the targets go to a file, the child appends one result
line per target as each is answered (docs/architecture.md, "The crawl"), and :func:`stream`
yields each result as soon as its line is complete, so the run applies it while the crawl goes
on. Settings reach the child in a file only its user can read, never on its command line
(``ps`` shows command lines: no Redis password or API token there). A child that crashes, times
out or is stopped still yields one result per target (:class:`~enrichment.protocol.Ledger`):
an error carrying the reason and the end of the child's stderr. The child dies with its parent.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crawler.targets import TargetFile
from enrichment.protocol import Ledger, Result, Target
from medalist.settings import Settings

#: Characters of the results file read at a time.
READ_CHUNK = 1 << 20
#: How many characters of the child's stderr an error result quotes.
STDERR_TAIL = 2000
_PROJECT_ROOT = Path(__file__).resolve().parents[1]


def scrapy_settings(settings: Settings) -> dict[str, str]:
    """The Scrapy settings (``-s NAME=VALUE``) that carry medalist's settings to the crawler."""
    values = {
        "USER_AGENT": settings.identity,
        "MEDALIST_ALLOW_HOSTS": ",".join(settings.allowed_hosts),
        "MEDALIST_ORCID_API": settings.orcid_api,
        "MEDALIST_GITHUB_API": settings.github_api,
        "MEDALIST_WIKIDATA_API": settings.wikidata_api,
        "CONCURRENT_REQUESTS": str(settings.concurrent_requests),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(settings.host_concurrency),
        "DOWNLOAD_DELAY": str(settings.host_delay),
        "AUTOTHROTTLE_ENABLED": str(settings.autothrottle),
        "MEDALIST_RATE_LIMIT_WAIT": str(settings.rate_limit_wait),
    }
    if settings.github_token is not None and settings.github_token.get_secret_value():
        values["MEDALIST_GITHUB_TOKEN"] = settings.github_token.get_secret_value()
    if settings.browser:
        values["MEDALIST_BROWSER"] = settings.browser
    if settings.redis_url:
        values["MEDALIST_REDIS_URL"] = settings.redis_url
    return values


def crawl(
    targets: Sequence[Mapping[str, Any]],
    settings: Settings,
    *,
    timeout: float | None = None,
    scrapy_overrides: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Fetch ``targets`` (dicts of the targets protocol); one result dict per target, in order.

    ``scrapy_overrides`` are further Scrapy settings (tests turn AutoThrottle off). ``timeout``
    bounds the whole crawl in seconds; targets without a result by then get an error result.
    """
    typed = [_target(t) for t in targets]
    by_id = {
        r.source_id: r.to_dict()
        for r in stream(typed, settings, timeout=timeout, scrapy_overrides=scrapy_overrides)
    }
    return [by_id[t.source_id] for t in typed]


def _target(value: Target | Mapping[str, Any]) -> Target:
    return value if isinstance(value, Target) else Target.from_dict(value)


def stream(
    targets: Iterable[Target],
    settings: Settings,
    *,
    timeout: float | None = None,
    scrapy_overrides: Mapping[str, str] | None = None,
    stop: threading.Event | None = None,
    poll: float = 0.05,
    workdir: Path | None = None,
) -> Iterator[Result]:
    """Crawl ``targets`` in a child process; yield each :class:`Result` as it is written.

    Exactly one result per target, in the order the crawl answers them. After ``timeout``
    seconds, or once ``stop`` is set, the child is stopped and every target still unanswered
    gets an error result saying why. Closing the generator early stops the child too.

    ``workdir`` keeps the crawl's files in that folder (private to this user) instead of a
    temporary one; it is removed when the crawl ends, so it outlives only a killed run, whose
    next run reads the results it had (:func:`leftover_results`).
    """
    with _folder(workdir) as folder:
        targets_file, results_file = folder / "targets.jsonl", folder / "results.jsonl"
        settings_file, stderr_file = folder / "settings.json", folder / "stderr.log"
        ledger = Ledger(keep=False)  # the targets stay in their file, not in memory
        with _private(targets_file) as out:
            for target in targets:
                ledger.expect(target)
                out.write(json.dumps(target.to_dict(), ensure_ascii=False) + "\n")
        if not len(ledger):
            return
        with _private(settings_file) as out:
            json.dump({**scrapy_settings(settings), **(scrapy_overrides or {})}, out)
        results_file.touch(mode=0o600)
        command = [sys.executable, "-m", "crawler", "--targets", str(targets_file)]
        command += ["--out", str(results_file), "--settings", str(settings_file)]
        deadline = time.monotonic() + timeout if timeout else None
        problem: str | None = None
        with (
            stderr_file.open("w", encoding="utf-8", errors="replace") as stderr,
            results_file.open("r", encoding="utf-8", errors="replace") as results,
        ):
            child = subprocess.Popen(
                command,
                cwd=_PROJECT_ROOT,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                preexec_fn=_die_with_parent,
            )
            try:
                partial = ""
                while True:
                    exited = child.poll() is not None
                    # a bounded read: a crawl ahead of the run is read as the run goes,
                    # not held in memory all at once
                    chunk = results.read(READ_CHUNK)
                    if chunk:
                        partial += chunk
                        *lines, partial = partial.split("\n")
                        for line in lines:
                            result = _parse(line)
                            if result is not None and ledger.accept(result):
                                yield result
                        if not len(ledger):
                            break
                        continue
                    if exited:
                        if child.returncode != 0:
                            problem = f"the crawler process failed (exit status {child.returncode})"
                        break
                    if deadline is not None and time.monotonic() >= deadline:
                        problem = f"the crawl did not finish within {timeout:g}s"
                        break
                    if stop is not None and stop.is_set():
                        problem = "the run was stopped before this target was answered"
                        break
                    time.sleep(poll)
            finally:
                _end(child)
        tail = stderr_file.read_text(encoding="utf-8", errors="replace")[-STDERR_TAIL:].strip()
        message = problem or "the crawler wrote no result for this target"
        if tail and problem != "the run was stopped before this target was answered":
            message += f"; its stderr ends with:\n{tail}"
        owed = list(ledger.owed(message, TargetFile(targets_file)))
    yield from owed


@contextmanager
def _folder(workdir: Path | None) -> Iterator[Path]:
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="medalist-crawl-") as tmp:
            yield Path(tmp)
        return
    workdir.mkdir(mode=0o700, parents=True, exist_ok=True)
    yield workdir
    shutil.rmtree(workdir, ignore_errors=True)


def leftover_results(workdir: Path) -> dict[str, Result]:
    """The results a killed crawl had written in ``workdir`` (then the folder is removed):
    those of sources that answered (``ok``, ``not_modified``, ``gone``), by source id."""
    found: dict[str, Result] = {}
    path = workdir / "results.jsonl"
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            result = _parse(line)
            if result is not None and result.status.value in ("ok", "not_modified", "gone"):
                found.setdefault(result.source_id, result)
    shutil.rmtree(workdir, ignore_errors=True)
    return found


def _private(path: Path) -> Any:
    """A new file only this user can read or write (it may hold personal data or secrets)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    return os.fdopen(descriptor, "w", encoding="utf-8")


def _parse(line: str) -> Result | None:
    if not line.strip():
        return None
    try:
        data = json.loads(line)
    except ValueError:
        return None  # a line cut short by a crash: its target is answered by the ledger
    return Result.from_dict(data).cleaned() if isinstance(data, Mapping) else None


def _die_with_parent() -> None:
    """Linux: the crawler child gets SIGKILL when the run that started it dies (kill -9)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _end(child: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(grace)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
