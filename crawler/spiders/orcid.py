"""An ORCID record from the public API: ``GET {MEDALIST_ORCID_API}/{orcid}/record``."""

import re

from crawler.spiders._base import ApiSpider


class OrcidSpider(ApiSpider):
    kind = "orcid"
    name = "orcid"
    api_setting = "MEDALIST_ORCID_API"
    path = "/{identifier}/record"
    identifier_pattern = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
    identifier_name = "ORCID iD (0000-0002-1825-0097)"
