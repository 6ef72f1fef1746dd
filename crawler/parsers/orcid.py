"""ORCID: the public API v3.0 ``/record``, ``/person`` and ``/employments`` responses.

JSON (``application/json``) and XML (``application/vnd.orcid+xml``) are both read: the XML is
turned into the same nested shape (see :mod:`crawler.parsers._xmltree`) and one reader walks it.

* name: ``given-names`` + ``family-name``, else ``credit-name``. A response without a name
  (``/employments`` alone) uses ``document.context["full_name"]`` when the spider gives it, else
  yields no record: a profile needs a name.
* employments and invited positions → positions: ``role-title`` at the organisation's ``name``,
  the ``department-name`` as the description, the organisation's city/region/country as the
  location; dates at the precision given (an impossible ``1929-02-29`` is kept as written).
* educations (and qualifications) → education: organisation, ``role-title`` as the degree.
* keywords → skills (a keyword holding a comma-separated list is split).
* ``identifiers["orcid"]`` = the iD; researcher URLs: GitHub → ``github``, the first other one →
  ``website``; external identifiers by type (``Scopus Author ID`` → ``scopus_author_id``).
"""

from __future__ import annotations

import re
from typing import Any

from crawler.parsers._dates import parts_or_none
from crawler.parsers._document import Document
from crawler.parsers._records import build, education, position
from crawler.parsers._text import clean, join, slug
from crawler.parsers._xmltree import parse_xml
from enrichment.errors import SourceError
from enrichment.model import Education, Position, ProfileRecord

KIND = "orcid"

_ORCID_ID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")
_GITHUB_URL = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9-]+)/?$", re.IGNORECASE)


def _value(node: object) -> str | None:
    """``{"value": "Josiah"}`` (JSON) or ``"Josiah"`` (XML) → ``"Josiah"``."""
    if isinstance(node, dict):
        return clean(node.get("value"))
    return clean(node)


def _list(node: object) -> list[Any]:
    if node is None:
        return []
    return node if isinstance(node, list) else [node]


def _dict(node: object) -> dict[str, Any]:
    return node if isinstance(node, dict) else {}


def _date(node: object) -> Any:
    d = _dict(node)
    return parts_or_none(_value(d.get("year")), _value(d.get("month")), _value(d.get("day")))


def _summaries(section: object, kind: str) -> list[dict[str, Any]]:
    """The ``{kind}-summary`` items of an affiliations section (JSON or XML shape)."""
    out: list[dict[str, Any]] = []
    for group in _list(_dict(section).get("affiliation-group")):
        holders = _list(_dict(group).get("summaries")) or [group]
        for holder in holders:
            out.extend(
                s for s in _list(_dict(holder).get(f"{kind}-summary")) if isinstance(s, dict)
            )
    return out


def _organisation(item: dict[str, Any]) -> tuple[str | None, str | None]:
    org = _dict(item.get("organization"))
    address = _dict(org.get("address"))
    where = join(
        _value(address.get("city")), _value(address.get("region")), _value(address.get("country"))
    )
    return _value(org.get("name")), where


def _position(item: dict[str, Any]) -> Position | None:
    company, where = _organisation(item)
    return position(
        _value(item.get("role-title")),
        company,
        _date(item.get("start-date")),
        _date(item.get("end-date")),
        location=where,
        description=_value(item.get("department-name")),
    )


def _education(item: dict[str, Any]) -> Education | None:
    institution, _ = _organisation(item)
    return education(
        institution,
        _value(item.get("role-title")),
        _value(item.get("department-name")),
        _date(item.get("start-date")),
        _date(item.get("end-date")),
    )


def _orcid_id(document: Document, data: dict[str, Any]) -> str | None:
    candidates = [
        _value(_dict(data.get("orcid-identifier")).get("path")),
        clean(data.get("path")) or clean(data.get("@path")),
        document.context.get("orcid"),
        document.url,
    ]
    for text in candidates:
        if text and (match := _ORCID_ID.search(text)):
            return match.group(1)
    return None


def _load(document: Document) -> tuple[str, dict[str, Any]]:
    body = document.body.lstrip()
    if body.startswith(b"<") or "xml" in document.content_type:
        root, tree = parse_xml(document.body, document.url)
        return root, _dict(tree)
    data = document.json()
    if not isinstance(data, dict):
        raise SourceError(f"{document.url}: an ORCID response must be a JSON object")
    return "", data


def parse(document: Document) -> list[ProfileRecord]:
    root, data = _load(document)
    # Where each part lives: a record has person + activities-summary; /person is the person;
    # /employments (and /employment/{put-code}) are activities on their own.
    if "person" in data or "activities-summary" in data:
        person, activities = _dict(data.get("person")), _dict(data.get("activities-summary"))
    elif "name" in data or root == "person":
        person, activities = data, {}
    elif root == "employment" or "role-title" in data:
        person, activities = (
            {},
            {"employments": {"affiliation-group": {"employment-summary": data}}},
        )
    elif "affiliation-group" in data:
        person, activities = {}, {"employments": data}
    elif "group" in data or root in ("works", "fundings", "peer-reviews"):
        return []  # an ORCID activities list with no person in it (``/works``)
    else:
        raise SourceError(f"{document.url}: not an ORCID record, person or employments response")
    orcid_id = _orcid_id(document, data)
    if not orcid_id:
        raise SourceError(f"{document.url}: no ORCID iD in the response or the URL")

    name = _dict(person.get("name"))
    full_name = (
        clean(
            " ".join(
                filter(None, (_value(name.get("given-names")), _value(name.get("family-name"))))
            )
        )
        or _value(name.get("credit-name"))
        or clean(document.context.get("full_name"))
    )
    if not full_name:
        return []

    positions = [
        p
        for section, kind in (
            ("employments", "employment"),
            ("invited-positions", "invited-position"),
        )
        for p in map(_position, _summaries(activities.get(section), kind))
        if p
    ]
    schooling = [
        e
        for section, kind in (("educations", "education"), ("qualifications", "qualification"))
        for e in map(_education, _summaries(activities.get(section), kind))
        if e
    ]
    skills: list[str | None] = []
    for keyword in _list(_dict(person.get("keywords")).get("keyword")):
        content = _value(_dict(keyword).get("content"))
        skills.extend(clean(part) for part in (content or "").split(","))

    identifiers: dict[str, str | None] = {"orcid": orcid_id}
    for link in _list(_dict(person.get("researcher-urls")).get("researcher-url")):
        url = _value(_dict(link).get("url"))
        if not url:
            continue
        if match := _GITHUB_URL.match(url):
            identifiers.setdefault("github", match.group(1))
        else:
            identifiers.setdefault("website", url)
    for ext in _list(_dict(person.get("external-identifiers")).get("external-identifier")):
        ext_type, ext_value = (
            _value(_dict(ext).get("external-id-type")),
            _value(_dict(ext).get("external-id-value")),
        )
        if ext_type and ext_value:
            identifiers.setdefault(slug(ext_type).replace("-", "_"), ext_value)

    emails = [
        _value(_dict(e).get("email")) for e in _list(_dict(person.get("emails")).get("email"))
    ]
    addresses = _list(_dict(person.get("addresses")).get("address"))
    country = _value(_dict(addresses[0]).get("country")) if addresses else None
    return [
        build(
            document,
            KIND,
            f"{KIND}:{orcid_id}",
            full_name,
            location=country,
            identifiers=identifiers,
            positions=positions,
            skills=skills,
            education=schooling,
            emails=emails,
        )
    ]
