"""Run one crawl: read the targets file, run every needed spider in one process, write results.

``python -m crawler --targets TARGETS --out RESULTS [-s NAME=VALUE ...]`` (see
docs/architecture.md, "The crawl"). Run it in its own process: Twisted's reactor cannot restart.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from scrapy.core.engine import ExecutionEngine
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.addresses import AddressPolicy
from crawler.browser import AbortRefused, launch_options
from crawler.distributed import collect_results
from crawler.items import Result, Target
from crawler.spiders import SPIDERS
from crawler.targets import TargetFile


def read_targets(path: Path) -> tuple[list[Target], list[Result]]:
    """The targets of a JSON Lines file, and an error result for each line that is not one."""
    targets = TargetFile(path)
    return list(targets), targets.scan()[1]


def crawl_settings(results: Path, overrides: Mapping[str, Any]) -> Settings:
    """The project settings with ``overrides`` (``-s``) and what the runner works out itself."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    settings.set("MEDALIST_RESULTS_FILE", str(results), priority="cmdline")
    if "PLAYWRIGHT_LAUNCH_OPTIONS" not in overrides:
        options = launch_options(settings.get("MEDALIST_BROWSER") or None)
        settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", options or {}, priority="cmdline")
    policy = AddressPolicy.from_entries(settings.getlist("MEDALIST_ALLOW_HOSTS"))
    settings.set("PLAYWRIGHT_ABORT_REQUEST", AbortRefused(policy), priority="cmdline")
    redis_url = settings.get("MEDALIST_REDIS_URL")
    if redis_url:
        prefix = settings.get("MEDALIST_REDIS_PREFIX")
        shared = {
            "REDIS_URL": redis_url,
            "SCHEDULER": settings.get("REDIS_SCHEDULER"),
            "DUPEFILTER_CLASS": settings.get("REDIS_DUPEFILTER_CLASS"),
            # other processes may still be working the queue when this one is done
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_QUEUE_KEY": f"{prefix}:%(spider)s:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:%(spider)s:dupefilter",
        }
        for name, value in shared.items():
            settings.set(name, value, priority="cmdline")
    return settings


def run(targets_path: Path, results_path: Path, overrides: Mapping[str, Any]) -> int:
    """Crawl every target of ``targets_path``; exactly one result line per target."""
    targets = TargetFile(targets_path)
    kinds, bad = targets.scan()
    results_path.parent.mkdir(parents=True, exist_ok=True)
    with results_path.open("w", encoding="utf-8") as out:
        for result in bad:
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    if not kinds:
        return 0
    settings = crawl_settings(results_path, overrides)
    redis_url = settings.get("MEDALIST_REDIS_URL") or None
    run_id = (settings.get("MEDALIST_CRAWL_RUN") or uuid.uuid4().hex) if redis_url else None
    process = CrawlerProcess(settings)
    failures: dict[str, str] = {}
    for kind in kinds:
        try:
            running = process.crawl(SPIDERS[kind], targets=targets.of_kind(kind), run_id=run_id)
        except Exception as error:  # a setting that cannot work: say so for each target
            failures[kind] = f"{type(error).__name__}: {error}"
            continue
        running.addErrback(_note_failure, failures, kind)
    collector: threading.Thread | None = None
    crawling = threading.Event()
    if redis_url and run_id:
        answerable = [t for t in targets if t.kind not in failures]
        collector = threading.Thread(
            target=_collect_into,
            args=(results_path, settings, redis_url, run_id, answerable, crawling),
            name="medalist-collect",
            daemon=True,
        )
        crawling.set()
        collector.start()
    if len(failures) < len(kinds):
        process.start()
    crawling.clear()
    if collector is not None:
        collector.join()
    if failures:
        _answer_the_rest(results_path, targets, failures)
        return 1
    return 0


def work(overrides: Mapping[str, Any]) -> int:
    """A worker of distributed crawls: serve every spider's Redis queue until stopped.

    It exits after ``MEDALIST_WORKER_IDLE_EXIT`` seconds without work when that is set.
    """
    settings = crawl_settings(Path("/dev/null"), overrides)
    if not settings.get("MEDALIST_REDIS_URL"):
        raise SystemExit("a worker needs MEDALIST_REDIS_URL (-s MEDALIST_REDIS_URL=redis://...)")
    poll = settings.getfloat("MEDALIST_WORKER_POLL")
    # The engine looks for new requests on its heartbeat; a worker looks more often.
    ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = poll
    process = CrawlerProcess(settings)
    for spider in SPIDERS.values():
        process.crawl(spider, targets=[], worker=True)
    process.start()
    return 0


def _collect_into(
    results_path: Path,
    settings: Settings,
    redis_url: str,
    run_id: str,
    targets: list[Target],
    crawling: threading.Event,
) -> None:
    """The coordinator's collector: every process's results for this run, into the file."""
    wait = settings.getfloat("MEDALIST_REDIS_WAIT")
    prefix = str(settings.get("MEDALIST_REDIS_PREFIX"))
    with results_path.open("a", encoding="utf-8") as out:
        for collected in collect_results(
            redis_url, prefix, run_id, targets, wait=wait, poll=0.2, crawling=crawling
        ):
            out.write(json.dumps(collected, ensure_ascii=False) + "\n")
            out.flush()


def _note_failure(failure: Any, failures: dict[str, str], kind: str) -> None:
    failures[kind] = failure.getErrorMessage() or repr(failure.value)


def _answer_the_rest(
    results_path: Path, targets: Iterable[Target], failures: dict[str, str]
) -> None:
    """An error result for each target of a spider that could not run and left none."""
    answered = {
        json.loads(line).get("source_id")
        for line in results_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    with results_path.open("a", encoding="utf-8") as out:
        for target in targets:
            if target.kind in failures and target.source_id not in answered:
                message = f"the {target.kind} spider could not run: {failures[target.kind]}"
                result = Result.failure(target.source_id, target.kind, target.url, message)
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
