"""JSON Resume (https://jsonresume.org/schema): one person per document.

* ``basics``: name, email, location (``city, region, countryCode``), ``url`` / ``website`` →
  ``identifiers["website"]``, ``profiles`` → ``identifiers`` for the networks recognised
  (GitHub, ORCID, LinkedIn), by network name or by URL.
* ``work`` → positions (``name``, or the older ``company``; ``position``; dates as written;
  ``location``). ``volunteer`` is not employment and is left out.
* ``education`` → education (``institution``, ``studyType``, ``area``, dates);
  ``certificates`` → education entries too (issuer as institution, the certificate as degree,
  its date as end), so a new certificate surfaces as new education.
* ``skills`` → the skill names and their keywords; ``languages`` → the language names.

Text fields holding HTML markup (an ``institution`` given as ``<a href="…">MIT</a>``, entities
such as ``&amp;``) are reduced to their text first (:func:`plain`), so markup never reaches a
record. Nesting deeper than 32 levels is not read.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.parsers._document import Document
from crawler.parsers._html import tree as markup_tree
from crawler.parsers._records import build, education, position
from crawler.parsers._text import clean, join
from enrichment.errors import SourceError
from enrichment.model import Education, Position, ProfileRecord

KIND = "jsonresume"

_GITHUB_URL = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9-]+)/?$", re.IGNORECASE)
_ORCID_URL = re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
_LINKEDIN_URL = re.compile(r"linkedin\.com/in/([^/?#]+)", re.IGNORECASE)


def _maps(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _identifiers(basics: dict[str, Any]) -> dict[str, str | None]:
    found: dict[str, str | None] = {
        "website": clean(basics.get("url")) or clean(basics.get("website"))
    }
    for profile in _maps(basics.get("profiles")):
        network = (clean(profile.get("network")) or "").lower()
        username = clean(profile.get("username"))
        url = clean(profile.get("url")) or ""
        if match := _GITHUB_URL.match(url):
            found.setdefault("github", match.group(1))
        elif network == "github" and username:
            found.setdefault("github", username)
        if match := _ORCID_URL.search(url):
            found.setdefault("orcid", match.group(1).upper())
        elif network == "orcid" and username and _ORCID_URL.search(f"orcid.org/{username}"):
            found.setdefault("orcid", username.upper())
        if match := _LINKEDIN_URL.search(url):
            found.setdefault("linkedin", match.group(1))
        elif network == "linkedin" and username:
            found.setdefault("linkedin", username)
    return found


def _skills(data: dict[str, Any]) -> list[str | None]:
    out: list[str | None] = []
    for skill in _maps(data.get("skills")):
        out.append(clean(skill.get("name")))
        keywords = skill.get("keywords")
        if isinstance(keywords, list):
            out.extend(clean(k) for k in keywords)
    for language in _maps(data.get("languages")):
        out.append(clean(language.get("language")))
    return out


_MARKUP = re.compile(r"<[A-Za-z/!][^>]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_DEPTH_LIMIT = 32


def plain(value: Any, depth: int = 0) -> Any:
    """``value`` with every string that holds HTML markup replaced by the markup's text."""
    if depth > _DEPTH_LIMIT:
        return None
    if isinstance(value, str):
        return clean(markup_tree(value).get_text(" ")) if _MARKUP.search(value) else value
    if isinstance(value, dict):
        return {k: plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v, depth + 1) for v in value]
    return value


def parse(document: Document) -> list[ProfileRecord]:
    data = plain(document.json())
    if not isinstance(data, dict):
        raise SourceError(f"{document.url}: a JSON Resume must be a JSON object")
    basics = data.get("basics")
    if basics is not None and not isinstance(basics, dict):
        raise SourceError(f"{document.url}: 'basics' is not an object")
    basics = basics or {}
    name = clean(basics.get("name"))
    if not name:
        return []
    raw_location = basics.get("location")
    location: dict[str, Any] = raw_location if isinstance(raw_location, dict) else {}
    positions: list[Position] = []
    for work in _maps(data.get("work")):
        job = position(
            work.get("position"),
            work.get("name") or work.get("company"),
            work.get("startDate"),
            work.get("endDate"),
            location=work.get("location"),
        )
        if job:
            positions.append(job)
    schooling: list[Education] = []
    for entry in _maps(data.get("education")):
        school = education(
            entry.get("institution"),
            entry.get("studyType"),
            entry.get("area"),
            entry.get("startDate"),
            entry.get("endDate"),
        )
        if school:
            schooling.append(school)
    for cert in _maps(data.get("certificates")):
        earned = education(cert.get("issuer"), cert.get("name"), end=cert.get("date"))
        if earned:
            schooling.append(earned)
    return [
        build(
            document,
            KIND,
            f"{KIND}:{document.url}",
            name,
            location=join(location.get("city"), location.get("region"), location.get("countryCode"))
            or (clean(raw_location) if isinstance(raw_location, str) else None),
            identifiers=_identifiers(basics),
            positions=positions,
            skills=_skills(data),
            education=schooling,
            emails=[clean(basics.get("email"))],
        )
    ]
