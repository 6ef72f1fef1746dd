"""A company page listing many people with their titles; rendered when it needs JS."""

from crawler.spiders._base import PageSpider


class TeamPageSpider(PageSpider):
    kind = "team_page"
    name = "team_page"
