"""Microformats: ``h-resume`` / ``h-card`` (microformats2, read with ``mf2py``) and the classic
``hresume`` / ``vcard`` classes, as record parts.

mf2py's backward-compatible reading of a classic ``hresume`` loses most of it (the ``fn`` and
``title`` of the contact vcard, the ``title`` and ``org`` of each experience), so classic
``hresume`` blocks are read here from the HTML classes themselves (``contact``/``vcard``/``fn``/
``title``/``org``, ``experience``/``education`` with ``dtstart``/``dtend``, ``skill``).

Only the page's own person is taken: every ``h-resume``; else a lone top-level ``h-card``, or the
*representative* one (its ``url`` or ``uid`` is the page's URL) when the page has several.
"""

from __future__ import annotations

from typing import Any

import mf2py
from bs4 import BeautifulSoup, Tag

from crawler.parsers._html import quiet
from crawler.parsers._records import education as make_education
from crawler.parsers._records import position as make_position
from crawler.parsers._schemaorg import PersonParts
from crawler.parsers._text import clean, join
from enrichment.model import Education, Position

_DEGREE_LIMIT = 80


def _props(item: object) -> dict[str, list[Any]]:
    if isinstance(item, dict) and isinstance(item.get("properties"), dict):
        return item["properties"]
    return {}


def _first(item: object, *names: str) -> str | None:
    """The first text value of any of the properties (an embedded item gives its ``name``)."""
    props = _props(item)
    for name in names:
        for value in props.get(name) or []:
            if isinstance(value, dict):
                text = _first(value, "name") or clean(value.get("value"))
                if not text and isinstance(value.get("html"), str):
                    text = clean(value.get("value"))
            else:
                text = clean(value)
            if text:
                return text
    return None


def _card_parts(card: object, name: str | None = None) -> PersonParts | None:
    full_name = name or _first(card, "name")
    if not full_name:
        return None
    parts = PersonParts(name=full_name)
    job = make_position(_first(card, "job-title", "title", "role"), _first(card, "org"))
    if job:
        parts.positions.append(job)
    parts.location = join(
        _first(card, "locality"), _first(card, "region"), _first(card, "country-name")
    ) or _first(card, "adr", "location")
    parts.emails = [(_first(card, "email") or "").removeprefix("mailto:") or None]
    parts.identifiers["website"] = _first(card, "url")
    return parts


def _experience(item: object) -> Position | None:
    title = _first(item, "job-title", "title", "role")
    company = _first(item, "org")
    if not company and title:
        name = _first(item, "name")
        company = name if name != title else None
    return make_position(
        title,
        company,
        _first(item, "start"),
        _first(item, "end"),
        location=_first(item, "location", "locality"),
    )


def _schooling(item: object) -> Education | None:
    degree = _first(item, "degree", "description", "summary")
    if degree and len(degree) > _DEGREE_LIMIT:
        degree = None
    institution = _first(item, "org", "name")
    return make_education(
        institution,
        degree if degree != institution else None,
        None,
        _first(item, "start"),
        _first(item, "end"),
    )


def _resume_parts(resume: object) -> PersonParts | None:
    contacts = [c for c in _props(resume).get("contact") or [] if isinstance(c, dict)]
    contact = contacts[0] if contacts else {}
    name = _first(resume, "name") or _first(contact, "name")
    parts = _card_parts(contact, name) if name else None
    if parts is None:
        return None
    experience = [_experience(e) for e in _props(resume).get("experience") or []]
    if any(experience):
        parts.positions = [p for p in experience if p]
    parts.education = [e for e in map(_schooling, _props(resume).get("education") or []) if e]
    parts.skills = [
        _first({"properties": {"skill": [s]}}, "skill") for s in _props(resume).get("skill") or []
    ]
    return parts


# --- classic hresume, read from the classes ------------------------------------------------


def _class_text(scope: Tag, cls: str) -> str | None:
    for el in scope.select(f".{cls}"):
        value = (
            el.get("datetime")
            or (el.get("title") if el.name == "abbr" else None)
            or el.get_text(" ")
        )
        text = clean(value if isinstance(value, str) else None)
        if text:
            return text
    return None


def _classic_resume(block: Tag) -> PersonParts | None:
    contact = block.select_one(".contact") or next(
        (
            v
            for v in block.select(".vcard")
            if not v.find_parent(class_=["experience", "education"])
            and "experience" not in (v.get("class") or [])
            and "education" not in (v.get("class") or [])
        ),
        None,
    )
    name = _class_text(contact, "fn") if contact else None
    if not name:
        return None
    parts = PersonParts(name=name)
    for el in block.select(".experience"):
        org = el if "org" in (el.get("class") or []) else el.select_one(".org")
        job = make_position(
            _class_text(el, "title"),
            clean(org.get_text(" ")) if org else None,
            _class_text(el, "dtstart"),
            _class_text(el, "dtend"),
        )
        if job:
            parts.positions.append(job)
    if not parts.positions and contact:
        job = make_position(_class_text(contact, "title"), _class_text(contact, "org"))
        if job:
            parts.positions.append(job)
    for el in block.select(".education"):
        entry = make_education(
            _class_text(el, "org") or _class_text(el, "fn"),
            _class_text(el, "summary") if el.select_one(".summary:not(.org)") else None,
            None,
            _class_text(el, "dtstart"),
            _class_text(el, "dtend"),
        )
        if entry:
            parts.education.append(entry)
    parts.skills = [clean(s.get_text(" ")) for s in block.select(".skill")]
    if contact:
        parts.location = join(
            _class_text(contact, "locality"),
            _class_text(contact, "region"),
            _class_text(contact, "country-name"),
        )
        email = contact.select_one(".email")
        if email is not None:
            href = email.get("href")
            parts.emails = [
                clean((href if isinstance(href, str) else email.get_text()).removeprefix("mailto:"))
            ]
    return parts


def extract(html: str, url: str, tree: BeautifulSoup) -> list[PersonParts]:
    """The page's own person or people from its microformats."""
    found: list[PersonParts] = [p for p in map(_classic_resume, tree.select(".hresume")) if p]
    with quiet():
        parsed = mf2py.parse(doc=html, url=url, metaformats=False)
    items = [i for i in parsed.get("items") or [] if isinstance(i, dict)]
    if not found:
        found = [
            p for i in items if "h-resume" in (i.get("type") or []) for p in [_resume_parts(i)] if p
        ]
    if found:
        return found
    cards = [i for i in items if "h-card" in (i.get("type") or [])]
    if len(cards) > 1:
        page = url.rstrip("/")
        cards = [
            c
            for c in cards
            if page
            in {
                (u or "").rstrip("/")
                for u in (_props(c).get("url") or []) + (_props(c).get("uid") or [])
                if isinstance(u, str)
            }
        ]
    parts = [_card_parts(c) for c in cards[:1]]
    card = cards[0] if cards else None
    if card is not None and parts and parts[0] and not parts[0].positions:
        # A classic vcard's ``title`` can be lost too: read it from the HTML when so.
        vcards = tree.select(".vcard")
        title = _class_text(vcards[0], "title") if len(vcards) == 1 else None
        job = make_position(title, _first(card, "org"))
        if job:
            parts[0].positions.append(job)
    return [p for p in parts if p]
