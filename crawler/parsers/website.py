"""Websites: a personal or profile page.

Read in order, first that finds a person wins: schema.org ``Person`` in JSON-LD, microdata or
RDFa (:mod:`crawler.parsers._schemaorg`); microformats ``h-resume``/``h-card`` and classic
``hresume``/``vcard`` (:mod:`crawler.parsers._microformats`); then a plain page read
conservatively (:mod:`crawler.parsers._about`). The page's main person gets ``website:{url}`` as
``profile_id``; any other person described on it ``website:{url}#{slug of the name}``.
"""

from __future__ import annotations

from crawler.parsers import _about, _microformats, _schemaorg
from crawler.parsers._document import Document
from crawler.parsers._html import soup
from crawler.parsers._records import build
from crawler.parsers._schemaorg import PersonParts
from crawler.parsers._text import slug
from enrichment.model import ProfileRecord

KIND = "website"


def _people(document: Document) -> tuple[list[PersonParts], str | None]:
    tree = soup(document)
    html = document.text
    people = _schemaorg.extract(html, document.url)
    if people:
        return people, None
    people = _microformats.extract(html, document.url, tree)
    if people:
        return people, None
    return _about.extract(tree, document.context.get("full_name"))


def parse(document: Document) -> list[ProfileRecord]:
    people, sentence = _people(document)
    records = []
    for i, person in enumerate(people):
        profile_id = (
            f"{KIND}:{document.url}" if i == 0 else f"{KIND}:{document.url}#{slug(person.name)}"
        )
        records.append(
            build(
                document,
                KIND,
                profile_id,
                person.name,
                location=person.location,
                identifiers=person.identifiers,
                positions=person.positions,
                skills=person.skills,
                education=person.education,
                emails=person.emails,
                excerpt_text=sentence,
            )
        )
    return records
