"""schema.org ``Person`` in JSON-LD, microdata and RDFa (read with ``extruct``), as record parts.

Understood on a Person: ``name`` (or ``givenName`` + ``familyName``), ``jobTitle`` (text or a
``DefinedTerm``, whose ``name`` is the title), ``worksFor`` (an Organization, or an
``OrganizationRole`` carrying ``roleName``/``startDate``/``endDate``), ``hasOccupation`` (an
``Occupation``, or a ``Role`` wrapping one with dates), ``alumniOf`` (an organisation, or an
``OrganizationRole`` with dates) → education, ``address`` → location, ``email``, ``url`` and
``sameAs`` → identifiers, ``knowsAbout`` → skills. A Person reached through an organisation's
``member``/``employee``/``founder`` role (``{"@type": "SportsTeam", "member": {"@type":
"OrganizationRole", "member": {"@type": "Person"}, "roleName": …}}``) gets that role as a
position; one given only by its name (``"employee": ["Todd Howard"]``, ``"founder": "Christopher
Weaver"``) is a Person of that name at that organisation (a founder as ``Founder``). Nothing here
depends on the page's language: property names are the vocabulary's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import extruct

from crawler.parsers._rdfa import rdfa_roots
from crawler.parsers._records import education as make_education
from crawler.parsers._records import position as make_position
from crawler.parsers._text import clean, join
from enrichment.model import Education, Position

_ORGANISATIONS = frozenset(
    {"Organization", "Corporation", "LocalBusiness", "NGO", "EducationalOrganization"}
)
_ORG_MEMBER_PROPS = ("member", "employee", "employees", "founder", "founders", "members")
_PERSON_VALUED = (
    "colleague",
    "knows",
    "spouse",
    "parent",
    "children",
    "sibling",
    "relatedTo",
    "follows",
    "author",
    "contributor",
    "alumni",
)
_GITHUB = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9-]+)/?$", re.IGNORECASE)
_ORCID = re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
_WIKIDATA = re.compile(r"wikidata\.org/(?:wiki|entity)/(Q\d+)", re.IGNORECASE)


@dataclass
class PersonParts:
    name: str
    positions: list[Position] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    skills: list[str | None] = field(default_factory=list)
    emails: list[str | None] = field(default_factory=list)
    identifiers: dict[str, str | None] = field(default_factory=dict)
    location: str | None = None


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {re.split(r"[/#]", v)[-1] for v in values if isinstance(v, str)}


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: object) -> str | None:
    """Text of a property: a string, ``{"@value": …}``, or a thing's ``name``."""
    for item in _list(value):
        if isinstance(item, dict):
            text = clean(item.get("@value")) or _text(item.get("name"))
        else:
            text = clean(item)
        if text:
            return text
    return None


def _name(node: dict[str, Any]) -> str | None:
    return _text(node.get("name")) or clean(
        " ".join(filter(None, (_text(node.get("givenName")), _text(node.get("familyName")))))
    )


def _location(value: object) -> str | None:
    for item in _list(value):
        if isinstance(item, dict):
            if "PostalAddress" in _types(item) or "addressLocality" in item:
                where = join(
                    _text(item.get("addressLocality")),
                    _text(item.get("addressRegion")),
                    _text(item.get("addressCountry")),
                )
                if where:
                    return where
            where = _text(item.get("name")) or _location(item.get("address"))
            if where:
                return where
        elif clean(item):
            return clean(item)
    return None


def _role_parts(role: dict[str, Any], inner: str) -> tuple[list[Any], Any, Any, str | None]:
    """A Role's wrapped values (under the same property name), its dates and ``roleName``."""
    return (
        _list(role.get(inner)),
        role.get("startDate"),
        role.get("endDate"),
        _text(role.get("roleName")),
    )


def _merged(positions: list[Position]) -> list[Position]:
    """One position where the page says the same job twice: an undated ``jobTitle`` at the
    ``worksFor`` organisation and a dated ``hasOccupation`` Role of that title with no employer
    become the title at the organisation with the Role's dates."""
    out = list(positions)
    for undated in positions:
        if undated.start or undated.end or not undated.company or not undated.title:
            continue
        same = [
            p
            for p in out
            if p.title == undated.title and not p.company and (p.start or p.end) and p.is_current
        ]
        if len(same) == 1 and undated in out:
            at = out.index(undated)
            out[at] = replace(undated, start=same[0].start, end=same[0].end)
            out.remove(same[0])
    return out


def person_parts(node: dict[str, Any], extra: list[Position] | None = None) -> PersonParts | None:
    name = _name(node)
    if not name:
        return None
    parts = PersonParts(name=name, positions=list(extra or []))
    titles = [t for t in (_text(v) for v in _list(node.get("jobTitle"))) if t]
    employers: list[str] = []
    for value in _list(node.get("worksFor")):
        if isinstance(value, dict) and "Role" in "".join(_types(value)):
            orgs, start, end, role_name = _role_parts(value, "worksFor")
            for org in orgs or [None]:
                job = make_position(
                    role_name or (titles[0] if titles else None), _text(org), start, end
                )
                if job:
                    parts.positions.append(job)
        elif _text(value):
            employers.append(_text(value) or "")
    for i, company in enumerate(employers):
        job = make_position(titles[i] if i < len(titles) else None, company)
        if job:
            parts.positions.append(job)
    for title in titles[len(employers) :]:
        if not any(p.title == title for p in parts.positions):
            job = make_position(title, None)
            if job:
                parts.positions.append(job)
    for value in _list(node.get("hasOccupation")):
        if not isinstance(value, dict):
            job = make_position(_text(value), None)
        elif "Role" in "".join(_types(value)) and "Occupation" not in _types(value):
            occupations, start, end, role_name = _role_parts(value, "hasOccupation")
            job = make_position(role_name or _text(occupations), None, start, end)
        else:
            job = make_position(_text(value), None, value.get("startDate"), value.get("endDate"))
        if job and job not in parts.positions:
            parts.positions.append(job)
    parts.positions = _merged(parts.positions)
    for value in _list(node.get("alumniOf")):
        if isinstance(value, dict) and "Role" in "".join(_types(value)):
            schools, start, end, role_name = _role_parts(value, "alumniOf")
            for school in schools:
                entry = make_education(_text(school), role_name, None, start, end)
                if entry:
                    parts.education.append(entry)
        else:
            entry = make_education(_text(value))
            if entry:
                parts.education.append(entry)
    parts.location = _location(node.get("address")) or _location(node.get("homeLocation"))
    parts.skills = [_text(v) for v in _list(node.get("knowsAbout"))]
    parts.emails = [
        re.sub(r"^mailto:", "", e, flags=re.IGNORECASE)
        for e in map(_text, _list(node.get("email")))
        if e
    ]
    website = next((u for u in map(_text, _list(node.get("url"))) if u), None)
    parts.identifiers["website"] = website
    for link in map(_text, _list(node.get("sameAs")) + _list(node.get("url"))):
        if not link:
            continue
        for key, pattern in (("github", _GITHUB), ("orcid", _ORCID), ("wikidata", _WIKIDATA)):
            if (match := pattern.search(link)) and key not in parts.identifiers:
                parts.identifiers[key] = (
                    match.group(1).upper() if key == "orcid" else match.group(1)
                )
    return parts


def _walk(
    node: object, inside_person: bool = False
) -> Iterator[tuple[dict[str, Any], list[Position]]]:
    """Every Person node worth a record, with positions given by an enclosing organisation role."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, inside_person)
        return
    if not isinstance(node, dict):
        return
    types = _types(node)
    if "Person" in types:
        if not inside_person:
            yield node, []
        for key, value in node.items():
            if key not in _PERSON_VALUED:
                yield from _walk(value, True)
        return
    for key, value in node.items():
        if key in _ORG_MEMBER_PROPS:
            for item in _list(value):
                if isinstance(item, dict) and "Role" in "".join(_types(item)):
                    _, start, end, role_name = _role_parts(item, key)
                    job = make_position(role_name, _name(node), start, end)
                    for member in _list(item.get(key)):
                        if isinstance(member, dict) and "Person" in _types(member):
                            yield member, [job] if job else []
                    continue
                if isinstance(item, str) and clean(item) and not inside_person:
                    # ``"employee": ["Todd Howard"]``, ``"founder": "Christopher Weaver"``: a
                    # person given by name only, at this organisation.
                    title = "Founder" if key.startswith("founder") else None
                    job = make_position(title, _name(node))
                    yield {"@type": "Person", "name": clean(item)}, [job] if job else []
                    continue
                yield from _walk(item, inside_person)
        elif key not in ("@context",):
            yield from _walk(value, inside_person)


def structured_data(html: str, url: str) -> list[Any]:
    """Every top-level node of the page's JSON-LD, microdata and RDFa, in that order.

    RDFa comes out of extruct expanded (full IRIs, linked ``@id`` s); it is compacted to the same
    shape as the others (:mod:`crawler.parsers._rdfa`).
    """
    data = extruct.extract(
        html, base_url=url, syntaxes=["json-ld", "microdata", "rdfa"], uniform=True, errors="ignore"
    )
    return [
        *(data.get("json-ld") or []),
        *(data.get("microdata") or []),
        *rdfa_roots(data.get("rdfa") or []),
    ]


def extract(html: str, url: str) -> list[PersonParts]:
    """The people described on the page, merged across syntaxes by name."""
    found: dict[str, PersonParts] = {}
    for node, extra in _walk(structured_data(html, url)):
        parts = person_parts(node, extra)
        if parts is None:
            continue
        key = parts.name.casefold()
        if key not in found:
            found[key] = parts
            continue
        merged = found[key]
        merged.positions += [p for p in parts.positions if p not in merged.positions]
        merged.education += [e for e in parts.education if e not in merged.education]
        merged.skills += parts.skills
        merged.emails += parts.emails
        for k, v in parts.identifiers.items():
            if v and not merged.identifiers.get(k):
                merged.identifiers[k] = v
        merged.location = merged.location or parts.location
    return list(found.values())


def organisations(html: str, url: str) -> list[str]:
    """Names of the top-level schema.org organisations on the page (a team page's employer)."""
    names: list[str] = []
    for node in structured_data(html, url):
        for item in node.get("@graph", [node]) if isinstance(node, dict) else []:
            if isinstance(item, dict) and _types(item) & _ORGANISATIONS:
                name = _name(item)
                if name:
                    names.append(name)
    return names
