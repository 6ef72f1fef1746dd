"""A made-up source for testing the spiders' ``requires`` and ``follow`` handling.

A document is JSON ``{"name", "needs": [urls], "links": [urls]}``; ``parse`` gives one record
whose skills are the names of the ``needs`` documents it was handed. Run as a script, it crawls
a targets file with :class:`FakeSpider` the way ``python -m crawler`` does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess

from crawler.parsers import Document
from crawler.runner import crawl_settings, read_targets
from crawler.spiders._base import PageSpider
from enrichment.model import ProfileRecord


def requires(document: Document) -> list[str]:
    return list(json.loads(document.body).get("needs", []))


def follow(document: Document) -> list[str]:
    return list(json.loads(document.body).get("links", []))


def parse(document: Document) -> list[ProfileRecord]:
    data = json.loads(document.body)
    skills = sorted(json.loads(d.body)["name"] for d in document.related.values())
    return [ProfileRecord(full_name=data["name"], url=document.url, skills=tuple(skills))]


class FakeSpider(PageSpider):
    kind = "website"
    name = "fake"
    parser_module = "crawl_fake_source"
    custom_settings = {}  # no browser


if __name__ == "__main__":
    targets_path, out_path, *pairs = sys.argv[1:]
    targets, _ = read_targets(Path(targets_path))
    overrides = dict(pair.split("=", 1) for pair in pairs)
    Path(out_path).write_text("")
    process = CrawlerProcess(crawl_settings(Path(out_path), overrides))
    process.crawl(FakeSpider, targets=targets)
    process.start()
