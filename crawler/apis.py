"""The documented APIs the crawler reads, each with its own pace: which URL belongs to which.

A request belongs to an API when its URL starts with one of the API's bases (the
``MEDALIST_*_API`` settings). Each API gets a download slot of its own, ``api:<name>``, whose
concurrency and delay between requests ``DOWNLOAD_SLOTS`` sets to what the API's documentation
asks for (crawler/settings.py), instead of the per-host politeness meant for personal sites.
Matching on the base URL rather than the host name keeps the APIs apart even when they share a
host (the loopback servers of the tests).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

#: Where each API's base URL setting lives; Wikidata's labels come from the same wiki's api.php.
API_SETTINGS: dict[str, tuple[str, ...]] = {
    "github": ("MEDALIST_GITHUB_API",),
    "orcid": ("MEDALIST_ORCID_API",),
    "wikidata": ("MEDALIST_WIKIDATA_API", "MEDALIST_WIKIDATA_LABELS_API"),
}
ENTITY_DATA = "/wiki/Special:EntityData"


@dataclass(frozen=True)
class Api:
    """One API: its name and the URL prefixes that are it."""

    name: str
    prefixes: tuple[str, ...]

    @property
    def slot(self) -> str:
        """The download slot its requests share."""
        return f"api:{self.name}"

    def owns(self, url: str) -> bool:
        return any(_under(url, prefix) for prefix in self.prefixes)


def _under(url: str, prefix: str) -> bool:
    if not url.startswith(prefix):
        return False
    rest = url[len(prefix) :]
    return not rest or prefix.endswith("/") or rest[0] in "/?#"


class ApiDirectory:
    """The configured APIs; :meth:`find` tells which one a URL belongs to, if any."""

    def __init__(self, apis: Iterable[Api]):
        self.apis = tuple(apis)

    @classmethod
    def from_settings(cls, settings: Any) -> ApiDirectory:
        apis = []
        for name, setting_names in API_SETTINGS.items():
            prefixes = [str(settings.get(s) or "").rstrip("/") for s in setting_names]
            if name == "wikidata" and not prefixes[-1] and prefixes[0].endswith(ENTITY_DATA):
                prefixes[-1] = prefixes[0].removesuffix(ENTITY_DATA) + "/w/api.php"
            found = tuple(p for p in prefixes if p and urlsplit(p).hostname)
            if found:
                apis.append(Api(name, found))
        return cls(apis)

    def find(self, url: str) -> Api | None:
        for api in self.apis:
            if api.owns(url):
                return api
        return None

    def named(self, name: str) -> Api | None:
        return next((api for api in self.apis if api.name == name), None)
