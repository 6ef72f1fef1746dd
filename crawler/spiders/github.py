"""A GitHub user from the REST API: ``GET {MEDALIST_GITHUB_API}/users/{login}``."""

import re

from crawler.spiders._base import ApiSpider


class GithubSpider(ApiSpider):
    kind = "github"
    name = "github"
    accept = "application/vnd.github+json"
    api_setting = "MEDALIST_GITHUB_API"
    path = "/users/{identifier}"
    identifier_pattern = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})")
    identifier_name = "GitHub login"
