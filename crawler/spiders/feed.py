"""An RSS or Atom feed of announcements; its parser may follow entries (an 8-K filing)."""

from crawler.spiders._base import TargetSpider


class FeedSpider(TargetSpider):
    kind = "feed"
    name = "feed"
    accept = "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5"
