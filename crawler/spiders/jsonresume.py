"""A JSON Resume document (``resume.json``) at a URL."""

from crawler.spiders._base import TargetSpider


class JsonResumeSpider(TargetSpider):
    kind = "jsonresume"
    name = "jsonresume"
    accept = "application/json, text/plain;q=0.9, */*;q=0.5"
