"""Item pipelines: check each result's records, then write the result to the results file.

No business rules here: a record is checked only for being a valid profile record (the
contract's shape, ``ProfileRecord.from_dict(record.to_dict())``); what it means is
``enrichment``'s business.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from crawler.items import FetchStatus, Result
from enrichment.errors import InvalidInput
from enrichment.model import ProfileRecord


class ValidateRecordsPipeline:
    """Records round-trip through the contract's JSON shape; invalid ones become an error."""

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Result) or not item.records:
            return item
        valid: list[dict[str, Any]] = []
        problems: list[str] = []
        for position, record in enumerate(item.records):
            try:
                data = record.to_dict() if isinstance(record, ProfileRecord) else dict(record)
                valid.append(ProfileRecord.from_dict(data, f"record {position}").to_dict())
            except (InvalidInput, TypeError, ValueError, AttributeError) as error:
                problems.append(str(error))
        item.records = valid
        if problems:
            message = f"{len(problems)} invalid record(s) dropped: " + "; ".join(problems)
            item.error = f"{item.error}; {message}" if item.error else message
            if not valid:
                item.status = FetchStatus.ERROR
        return item


class ResultsWriterPipeline:
    """Appends each result as one JSON line to ``MEDALIST_RESULTS_FILE``.

    At the spider's close, every target that got no result (a request dropped somewhere) gets
    an error result, so the file always holds exactly one result per target. In a distributed
    crawl (``MEDALIST_REDIS_URL``) results go to the run's Redis list instead, where the
    process that owns the targets collects them (:mod:`crawler.distributed`).
    """

    def __init__(self, path: str | None, crawler: Any = None, redis_url: str | None = None):
        self.path = path
        self.crawler = crawler
        self.file: IO[str] | None = None
        self.redis_url = redis_url
        self.prefix = crawler.settings.get("MEDALIST_REDIS_PREFIX") if crawler else None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ResultsWriterPipeline:
        return cls(
            crawler.settings.get("MEDALIST_RESULTS_FILE"),
            crawler,
            crawler.settings.get("MEDALIST_REDIS_URL") or None,
        )

    def open_spider(self) -> None:
        if self.redis_url:
            return
        if self.path:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.file = Path(self.path).open("a", encoding="utf-8")  # noqa: SIM115 (closed at close_spider)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Result):
            if self.redis_url and item.run:
                from crawler.distributed import push_result

                push_result(self.redis_url, str(self.prefix), item.run, item.to_dict())
            else:
                self._write(item)
        return item

    def close_spider(self) -> None:
        if self.redis_url:
            return  # the coordinator answers what no process answered (crawler.distributed)
        spider = self.crawler.spider if self.crawler is not None else None
        for index, target in enumerate(getattr(spider, "targets", ())):
            if index not in getattr(spider, "reported", ()):
                self._write(
                    Result.failure(
                        target.source_id,
                        target.kind,
                        target.url,
                        "no result: the crawl ended before this target was answered",
                    )
                )
        if self.file is not None:
            self.file.close()

    def _write(self, item: Result) -> None:
        if self.file is not None:
            self.file.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            self.file.flush()
