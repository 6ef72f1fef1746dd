"""One spider per profile kind (the spider's ``name`` is the kind), over ``_base``.

:data:`SPIDERS` maps each kind to its spider class, for the runner.
"""

from __future__ import annotations

from crawler.spiders._base import TargetSpider
from crawler.spiders.feed import FeedSpider
from crawler.spiders.github import GithubSpider
from crawler.spiders.jsonresume import JsonResumeSpider
from crawler.spiders.orcid import OrcidSpider
from crawler.spiders.team_page import TeamPageSpider
from crawler.spiders.website import WebsiteSpider
from crawler.spiders.wikidata import WikidataSpider

SPIDERS: dict[str, type[TargetSpider]] = {
    spider.kind: spider
    for spider in (
        WebsiteSpider,
        JsonResumeSpider,
        OrcidSpider,
        GithubSpider,
        WikidataSpider,
        TeamPageSpider,
        FeedSpider,
    )
}
