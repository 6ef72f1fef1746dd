"""A personal or profile page: schema.org Person, microformats; rendered when it needs JS."""

from crawler.spiders._base import PageSpider


class WebsiteSpider(PageSpider):
    kind = "website"
    name = "website"
