"""A Wikidata entity's JSON: ``{MEDALIST_WIKIDATA_API}/{QID}.json``.

The parser ``requires`` the labels of the items the entity points at, from the ``api.php`` of the
same wiki (``MEDALIST_WIKIDATA_LABELS_API`` when the entity base is not a wiki's
``/wiki/Special:EntityData``).
"""

import re

from crawler.items import Target
from crawler.spiders._base import ApiSpider

ENTITY_DATA = "/wiki/Special:EntityData"


class WikidataSpider(ApiSpider):
    kind = "wikidata"
    name = "wikidata"
    api_setting = "MEDALIST_WIKIDATA_API"
    path = "/{identifier}.json"
    identifier_pattern = re.compile(r"Q[1-9]\d*")
    identifier_name = "Wikidata item id (Q42)"

    def context_for(self, target: Target) -> dict[str, str]:
        context = super().context_for(target)
        labels_api = self.settings.get("MEDALIST_WIKIDATA_LABELS_API")
        base = str(self.settings.get(self.api_setting) or "").rstrip("/")
        if not labels_api and base.endswith(ENTITY_DATA):
            labels_api = base.removesuffix(ENTITY_DATA) + "/w/api.php"
        if labels_api:
            context["wikidata_api"] = str(labels_api)
        return context

    def identifier_of(self, target: Target) -> str:
        return super().identifier_of(target).upper().removesuffix(".JSON")
