"""Websites: a personal or profile page.

Read in order, first that finds a person wins: schema.org ``Person`` in JSON-LD, microdata or
RDFa (:mod:`crawler.parsers._schemaorg`), completed by the microformats that describe the same
person (by name); microformats ``h-resume``/``h-card`` and classic
``hresume``/``vcard`` (:mod:`crawler.parsers._microformats`); then a plain page read
conservatively (:mod:`crawler.parsers._about`). The page's main person gets ``website:{url}`` as
``profile_id``; any other person described on it ``website:{url}#{slug of the name}``.
"""

from __future__ import annotations

import re

from crawler.parsers import _about, _microformats, _schemaorg, _timeline
from crawler.parsers._document import Document
from crawler.parsers._html import soup
from crawler.parsers._microformats import github_user
from crawler.parsers._names import is_name
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
        return _merged(people, _microformats.extract(html, document.url, tree)), None
    people = _microformats.extract(html, document.url, tree)
    if people:
        return people, None
    people, sentence = _about.extract(tree, document.context.get("full_name"))
    timeline = _timeline.read(tree)
    if people:
        _add_timeline(people[0], timeline)
    elif timeline.positions or timeline.education:  # skills alone say too little
        # a résumé naming nobody: the person the target is about, when the crawl knows
        name = document.context.get("full_name")
        if name and is_name(name):
            people = [PersonParts(name=name)]
            people[0].identifiers["github"] = github_user(tree)
            _add_timeline(people[0], timeline)
    return people, sentence


def _add_timeline(person: PersonParts, timeline: _timeline.Timeline) -> None:
    """The résumé sections' positions and schools that the page's sentences did not give (a
    job said in both is kept once, with the section's dates)."""
    for job in timeline.positions:
        same = [
            i
            for i, known in enumerate(person.positions)
            if (known.title or "").casefold() == (job.title or "").casefold()
            and (not known.company or not job.company or known.company == job.company)
        ]
        if not same:
            person.positions.append(job)
        elif person.positions[same[0]].start is None:
            person.positions[same[0]] = job
    known = {(skill or "").casefold() for skill in person.skills}
    person.skills.extend(k for k in timeline.skills if k.casefold() not in known)
    names = {(e.institution or "").casefold() for e in person.education}
    person.education.extend(
        e for e in timeline.education if (e.institution or "").casefold() not in names
    )


def _employer_key(company: str | None) -> str:
    """An employer's first word, to know "Songtradr, Inc" and "Songtradr / Bandcamp" for one."""
    words = re.findall(r"\w+", (company or "").casefold())
    return words[0] if words else ""


def _merged(people: list[PersonParts], marked: list[PersonParts]) -> list[PersonParts]:
    """The schema.org people, each completed by the microformats describing the same person (by
    name): a page's JSON-LD ``Person`` with a job title and its ``hresume`` with the career.
    The résumé's jobs come first; a schema.org job without dates at the employer of an open
    résumé job is that job, said again, and goes."""
    for person in people:
        same = next((m for m in marked if m.name.casefold() == person.name.casefold()), None)
        if same is None:
            continue
        current = {_employer_key(j.company) for j in same.positions if j.end is None}
        kept = [
            j
            for j in person.positions
            if j.start or j.end or _employer_key(j.company) not in current
        ]
        person.positions = [*same.positions, *(j for j in kept if j not in same.positions)]
        person.education += [e for e in same.education if e not in person.education]
        person.skills += [s for s in same.skills if s not in person.skills]
        person.emails += [e for e in same.emails if e not in person.emails]
        for key, value in same.identifiers.items():
            if value and not person.identifiers.get(key):
                person.identifiers[key] = value
        person.location = person.location or same.location
    return people


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
