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

import re
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

import mf2py
from bs4 import BeautifulSoup, Tag

from crawler.parsers._blocks import lines
from crawler.parsers._dates import date_or_none
from crawler.parsers._html import quiet
from crawler.parsers._names import is_name, is_title
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


_RESUME_OF = re.compile(
    r"^(?:(?:the\s+)?(?:resume|résumé|cv|curriculum\s+vitae)\s+(?:of|for|de)|lebenslauf\s+(?:von|de)"
    r"|curr[ií]culum\s+(?:vitae\s+)?de)\s+",
    re.IGNORECASE,
)
_TAIL_CONNECTOR = re.compile(
    r"[\s,;:(–—-]*(?:\b(?:as|als|comme|como|in\s+the\s+role\s+of)(?:\s+(?:an?|the|der|die|un|une|una))?)?[\s,;:(–—-]*$",
    re.IGNORECASE,
)


#: "Dusty Jewett's Resume" (the tail often a visually hidden span, so "Jewett 's Resume").
_RESUME_TAIL = re.compile(r"\s*['’]s\s+(?:resume|résumé|cv|curriculum\s+vitae)\s*$", re.IGNORECASE)


def person_name(text: str | None) -> str | None:
    """A resume's ``p-name`` without its "Resume of" (or "CV of", "Lebenslauf von"…) lead or its
    "'s Resume" tail; an implied name that is a whole sentence ("Tim Berners-Lee, invented the
    World Wide Web.") is cut to the personal name before its first comma, when that part reads
    as one."""
    name = clean(_RESUME_TAIL.sub("", _RESUME_OF.sub("", text or "")))
    if name and not is_name(name) and "," in name:
        head = clean(name.split(",", 1)[0])
        if is_name(head):
            return head
    return name or None


def _structured_name(card: object, name: str | None) -> str | None:
    """``John Doe`` for a ``p-name`` built from value-class parts with no space ("JohnDoe")."""
    given, family = _first(card, "given-name"), _first(card, "family-name")
    if name and given and family and name.replace(" ", "") == f"{given}{family}":
        return f"{given} {family}"
    return name


def _org_jobs(card: object) -> list[Position]:
    """One position per ``p-org``; the ``p-job-title`` goes to the org whose text holds it (``I
    work for <Cloudflare as a Software Engineer>``), or that nests it (an ``h-card`` org with its
    own ``p-job-title``), else to the first org."""
    title = _first(card, "job-title", "title", "role")
    orgs = [o for o in _props(card).get("org") or [] if isinstance(o, (str, dict))]
    jobs: list[tuple[str | None, str | None]] = []
    placed = False
    for org in orgs:
        own_title = _first(org, "job-title", "title", "role") if isinstance(org, dict) else None
        text = _first({"properties": {"org": [org]}}, "org")
        if isinstance(org, dict) and _props(org):
            text = _first(org, "name", "org") or text
        if text and own_title and own_title in text:
            text = clean(text.replace(own_title, " "))
        if text and title and title in text and text != title:
            text = clean(_TAIL_CONNECTOR.sub("", text.split(title, 1)[0]))
            own_title = own_title or title
            placed = True
        jobs.append((own_title, text))
    children = card.get("children") if isinstance(card, dict) else None
    for child in children or []:
        if "h-org" in _types(child) and not orgs:
            jobs.append((None, _first(child, "name", "org")))
    titles = _texts(card, "job-title", "title", "role")
    if len(jobs) > 1 and len(titles) == len(jobs) and not placed and not any(t for t, _ in jobs):
        # As many titles as orgs, none nested in its org: the n-th title is the n-th org's
        # (``<li><a class="url org">Madgex</a> <span class="title">Creative Director</span>``).
        jobs = [(t, c) for t, (_, c) in zip(titles, jobs, strict=True)]
    elif title and not placed and not any(t for t, _ in jobs):
        jobs = [(title, jobs[0][1]), *jobs[1:]] if jobs else [(title, None)]
    # An organisation named twice, once with its role (the bio's "co-founder of <IndieWebCamp>"
    # and the list's "<IndieWebCamp> Founder"), is one position, where it is first named.
    titled: dict[str, tuple[str | None, str | None]] = {}
    for t, c in jobs:
        if t and c:
            titled.setdefault(c.casefold(), (t, c))
    merged: list[tuple[str | None, str | None]] = []
    for t, c in jobs:
        job = titled.get(c.casefold(), (t, c)) if c and not t else (t, c)
        if job not in merged:
            merged.append(job)
    jobs = merged
    return [j for j in (make_position(t, c) for t, c in jobs) if j]


def _texts(item: object, *names: str) -> list[str]:
    """Every text value of the properties, in order."""
    out: list[str] = []
    for name in names:
        for value in _props(item).get(name) or []:
            text = _first({"properties": {"v": [value]}}, "v")
            if text:
                out.append(text)
        if out:
            break
    return out


def _address_parts(card: object) -> bool:
    """Whether the card, or an ``adr`` of it, names a locality, region or country."""
    names = ("locality", "region", "country-name")
    adrs = [a for a in _props(card).get("adr") or [] if isinstance(a, dict)]
    return any(_first(item, *names) for item in [card, *adrs])


def _address(card: object) -> str | None:
    """The card's place: its locality, region and country, or those of its first ``adr``."""
    own = join(_first(card, "locality"), _first(card, "region"), _first(card, "country-name"))
    if own:
        return own
    for adr in _props(card).get("adr") or []:
        if isinstance(adr, dict):
            parts = join(*(_first(adr, n) for n in ("locality", "region", "country-name")))
            if parts:
                return parts
    return _first(card, "adr", "location")


def _card_parts(card: object, name: str | None = None) -> PersonParts | None:
    full_name = person_name(name or _structured_name(card, _first(card, "name")))
    if not full_name:
        return None
    parts = PersonParts(name=full_name)
    parts.positions.extend(_org_jobs(card))
    parts.location = _address(card)
    parts.emails = [e.removeprefix("mailto:") or None for e in _texts(card, "email")]
    parts.identifiers["website"] = _url(card)
    return parts


def _url(card: object) -> str | None:
    """The card's ``url``: an absolute URL among its values (``p-url u-url`` gives the link's
    text and its ``href``; the ``href`` is the identifier), else the first value."""
    for value in _props(card).get("url") or []:
        text = clean(value if isinstance(value, str) else None)
        if text and re.match(r"^https?://", text, re.IGNORECASE):
            return text
    return _first(card, "url")


_GITHUB = re.compile(
    r"^https?://(?:www\.)?github\.com/(?P<user>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/?$"
)


def github_user(scope: Tag) -> str | None:
    """The GitHub account a person's block links to, when it links to exactly one."""
    users = set()
    for link in scope.find_all("a", href=True):
        href = link.get("href")
        match = _GITHUB.match(href.strip()) if isinstance(href, str) else None
        if match:
            users.add(match.group("user"))
    return users.pop() if len(users) == 1 else None


def _types(item: object) -> list[str]:
    found = item.get("type") if isinstance(item, dict) else None
    return [t for t in found or [] if isinstance(t, str)]


def _employer(item: object) -> str | None:
    """An ``h-event`` experience's employer: its ``p-org``, else its ``p-location`` (text or a
    nested ``h-card``), else the name of an ``h-card`` nested in it without a property."""
    company = _first(item, "org", "location")
    if company:
        return company
    children = item.get("children") if isinstance(item, dict) else None
    for child in children or []:
        if "h-card" in _types(child):
            return _first(child, "org", "name")
    return None


_REMARK = re.compile(r"\s*\([^()]*\)$")
_AT_LINE = re.compile(r"^(?P<title>.+?)\s+(?:at|@|bei|chez|en)\s+(?P<company>.+)$")
_SEPARATORS = re.compile(r"\s+[·•|;]\s+")


def _experience(item: object) -> Position | None:
    title = _first(item, "job-title", "title", "role")
    company = _first(item, "org")
    is_event = "h-event" in _types(item) and "h-card" not in _types(item)
    if is_event:
        name = _first(item, "name")
        if not title and not is_title(name):
            # No title property, and the (implied) name is not one: the whole text of the
            # item. Its lines are read instead (:func:`_listed_jobs`).
            return None
        title = title or name
        company = company or _employer(item)
        # "StudyBlue (acq. Chegg)": the remark after the employer is not its name.
        company = clean(_REMARK.sub("", company)) if company else company
    elif not company and title:
        name = _first(item, "name")
        company = name if name != title else None
    return make_position(
        title,
        company,
        _first(item, "start"),
        _first(item, "end"),
        location=_first(item, "location", "locality"),
    )


_DEGREE_WORD = re.compile(
    r"\b(?:bachelor|master|doctor|ph\.?\s?d|b\.?\s?sc|m\.?\s?sc|b\.?a|m\.?a|mba|diplom|diploma"
    r"|licence|licenciatura|associate\s+of)\b",
    re.IGNORECASE,
)


#: A degree's abbreviation in capitals, then the field in plain words: "BA Computer Science",
#: "MSc Physics" (not "BA Hons (I) Physics", one degree's name).
_DEGREE_LEAD = re.compile(
    r"^\s*(?P<degree>B\.?A\.?|B\.?S\.?|B\.?Sc\.?|M\.?A\.?|M\.?S\.?|M\.?Sc\.?|MBA|Ph\.?D\.?)"
    r"(?:\s+in)?\s+(?!Hon)(?P<area>[A-Z][A-Za-z&'’ -]{2,})$"
)


def _degree_and_area(text: str | None) -> tuple[str | None, str | None]:
    """``Applied/Computational Mathematics, Bachelor of Science`` → (``Bachelor of Science``,
    ``Applied/Computational Mathematics``): of two comma-separated parts, the one naming a degree
    is the degree and the other its field."""
    parts = [p.strip() for p in (text or "").split(",")]
    if len(parts) == 2 and all(parts):
        named = [p for p in parts if _DEGREE_WORD.search(p)]
        if len(named) == 1:
            return named[0], next(p for p in parts if p != named[0])
    lead = _DEGREE_LEAD.match(text or "")
    if lead:  # "BA Computer Science", "MS Technology in Education": the degree, then its field
        return lead.group("degree"), clean(lead.group("area"))
    return text, None


def _schooling(item: object) -> Education | None:
    degree = _first(item, "degree", "role", "description", "summary")
    if degree and len(degree) > _DEGREE_LIMIT:
        degree = None
    institution = _first(item, "org", "name")
    degree, area = _degree_and_area(degree if degree != institution else None)
    return make_education(
        institution,
        degree,
        area,
        _first(item, "start"),
        _first(item, "end"),
    )


def _listed_jobs(element: Tag) -> list[Position]:
    """The jobs an experience item without a title property lists as text lines of the form
    ``Title at Company``, several to a line when separated by ``·``, ``|`` or ``;``
    ("<em>Ruby on Rails Developer</em> at CubeTree · <em>Full Stack Developer</em> at CBS")."""
    jobs: list[Position] = []
    for line in lines(element):
        for piece in _SEPARATORS.split(line):
            match = _AT_LINE.match(piece)
            title = clean(match.group("title")) if match else None
            if match and is_title(title) and not is_name(title):
                job = make_position(title, _REMARK.sub("", match.group("company")))
                if job:
                    jobs.append(job)
    return jobs


def _top_level(element: Tag, cls: str) -> list[Tag]:
    """The ``.cls`` elements inside ``element`` that are not inside another one."""
    return [
        e
        for e in element.select(f".{cls}")
        if not any(cls in (a.get("class") or []) for a in e.parents if a is not element)
    ]


def _resume_parts(resume: object, element: Tag | None = None) -> PersonParts | None:
    contacts = [c for c in _props(resume).get("contact") or [] if isinstance(c, dict)]
    contact = contacts[0] if contacts else {}
    name = person_name(_first(resume, "name")) or person_name(_first(contact, "name"))
    parts = _card_parts(contact, name) if name else None
    if parts is None:
        return None
    items = _props(resume).get("experience") or []
    # The experience elements in the page, in the order mf2 lists them, when they line up.
    elements = _top_level(element, "p-experience") if element is not None else []
    if len(elements) != len(items):
        elements = []
    experience: list[Position] = []
    for i, item in enumerate(items):
        job = _experience(item)
        if job:
            experience.append(job)
        elif elements and "h-event" in _types(item):
            experience.extend(_listed_jobs(elements[i]))
    if experience:
        parts.positions = experience
    if element is not None and "github" not in parts.identifiers:
        parts.identifiers["github"] = github_user(element)
    parts.education = [e for e in map(_schooling, _props(resume).get("education") or []) if e]
    parts.skills = [
        _first({"properties": {"skill": [s]}}, "skill") for s in _props(resume).get("skill") or []
    ]
    return parts


# --- classic hresume, read from the classes ------------------------------------------------


def _value(el: Tag) -> str | None:
    """A classic property's value: its ``datetime``, an ``abbr``'s ``title``, else its text."""
    abbr = el.get("title") if el.name == "abbr" else None
    value = el.get("datetime") or abbr or el.get_text(" ")
    return clean(value if isinstance(value, str) else None)


def _class_text(scope: Tag, cls: str) -> str | None:
    for el in scope.select(f".{cls}"):
        text = _value(el)
        if text:
            return text
    return None


_OPEN_END = re.compile(r"^(?:present|current|now|today|heute|aujourd'hui|actualidad)$", re.I)
_TRAILING_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")


def _span(el: Tag) -> tuple[str | None, str | None]:
    """An experience's dates: from its earliest ``dtstart`` to its latest ``dtend`` (an
    experience listing several projects has a range for each); an end whose text says
    "Present" is no end, whatever its ``title`` says."""
    starts = [_value(s) for s in el.select(".dtstart")]
    ends: list[str | None] = []
    for end in el.select(".dtend"):
        text = clean(end.get_text(" "))
        ends.append(None if text and _OPEN_END.match(text) else _value(end))
    known = sorted((d, s) for s in starts if s for d in [_order(s)] if d)
    start = known[0][1] if known else next((s for s in starts if s), None)
    if not ends or None in ends:
        return start, None
    dated = sorted((d, e) for e in ends if e for d in [_order(e)] if d)
    return start, dated[-1][1] if dated else next((e for e in ends if e), None)


def _order(value: str) -> tuple[int, int, int] | None:
    date = date_or_none(value)
    return (date.year, date.month or 0, date.day or 0) if date else None


def _org_name(text: str | None) -> str | None:
    """An organisation's name without a trailing aside in brackets (``Identifi (identifi.mobi)``,
    ``Adobe Flex SDK (Apache Flex)``, ``Dendreon (via MaxSam Partners)``)."""
    if not text:
        return text
    return clean(_TRAILING_ASIDE.sub("", text)) or text


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
    name = person_name(_class_text(contact, "fn")) if contact else None
    if not name:
        return None
    parts = PersonParts(name=name)
    for el in block.select(".experience"):
        org = el if "org" in (el.get("class") or []) else el.select_one(".org")
        start, end = _span(el)
        job = make_position(
            _class_text(el, "title"),
            _org_name(clean(org.get_text(" ")) if org else None),
            start,
            end,
        )
        if job:
            parts.positions.append(job)
    if not parts.positions and contact:
        job = make_position(_class_text(contact, "title"), _class_text(contact, "org"))
        if job:
            parts.positions.append(job)
    for el in block.select(".education"):
        degree, area = _degree_and_area(
            _class_text(el, "summary") if el.select_one(".summary:not(.org)") else None
        )
        entry = make_education(
            _class_text(el, "org") or _class_text(el, "fn"),
            degree,
            area,
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


def _rel_me_github(parsed: dict[str, Any]) -> str | None:
    """The GitHub account among the page's ``rel="me"`` links, when there is exactly one."""
    rels = parsed.get("rels") if isinstance(parsed.get("rels"), dict) else {}
    users = {
        m.group("user")
        for href in (rels or {}).get("me") or []
        if isinstance(href, str)
        for m in [_GITHUB.match(href.strip())]
        if m
    }
    return users.pop() if len(users) == 1 else None


def _rel_me_email(parsed: dict[str, Any]) -> str | None:
    """The e-mail address of the page's ``rel="me"`` ``mailto:`` link, when there is exactly one
    (``<a href="mailto:…" rel="me">``: the page's owner says the address is theirs)."""
    rels = parsed.get("rels") if isinstance(parsed.get("rels"), dict) else {}
    found = {
        address
        for href in (rels or {}).get("me") or []
        if isinstance(href, str) and href.strip().casefold().startswith("mailto:")
        for address in [clean(href.strip()[len("mailto:") :].split("?", 1)[0])]
        if address and "@" in address
    }
    return found.pop() if len(found) == 1 else None


def extract(html: str, url: str, tree: BeautifulSoup) -> list[PersonParts]:
    """The page's own person or people from its microformats (with the GitHub account its
    ``rel="me"`` links name, for the page's one person)."""
    with quiet():
        parsed = mf2py.parse(doc=html, url=url, metaformats=False)
    people = [_unresolved(p, url) for p in _extract(parsed, url, tree)]
    if len(people) == 1 and not people[0].identifiers.get("github"):
        people[0].identifiers["github"] = _rel_me_github(parsed)
    if len(people) == 1 and not any(people[0].emails):
        email = _rel_me_email(parsed)
        people[0].emails = [email] if email else people[0].emails
    return people


def _unresolved(person: PersonParts, url: str) -> PersonParts:
    """An organisation marked as a URL property (``<span class="u-org">Shutterstock</span>``)
    comes out of mf2py as its text resolved against the page ("https://…/resume/Shutterstock"):
    the text is the organisation's name."""
    base = url.rsplit("/", 1)[0] + "/"

    def name(value: str | None) -> str | None:
        rest = value[len(base) :] if value and value.startswith(base) else None
        page_like = rest is not None and re.search(r"\.[a-z0-9]{2,5}$", rest) is not None
        return unquote(rest) if rest and "/" not in rest and not page_like else value

    person.positions = [replace(p, company=name(p.company)) for p in person.positions]
    person.education = [replace(e, institution=name(e.institution)) for e in person.education]
    return person


def _extract(parsed: dict[str, Any], url: str, tree: BeautifulSoup) -> list[PersonParts]:
    found: list[PersonParts] = [p for p in map(_classic_resume, tree.select(".hresume")) if p]
    items = [i for i in parsed.get("items") or [] if isinstance(i, dict)]
    if not found:
        resumes = [i for i in items if "h-resume" in (i.get("type") or [])]
        elements = _top_level(tree, "h-resume")
        if len(elements) != len(resumes):
            elements = []
        found = [
            p
            for n, r in enumerate(resumes)
            for p in [_resume_parts(r, elements[n] if elements else None)]
            if p
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
    # A link that is both the card's ``url`` and an ``org`` is the organisation's site, not the
    # person's (``<a class="url org" href="http://www.madgex.com/">Madgex</a>``).
    org_links = {
        a.get("href")
        for a in tree.find_all("a", href=True)
        for classes in [set(a.get("class") or [])]
        if {"org", "p-org"} & classes and {"url", "u-url"} & classes
    }
    vcards = [v for v in tree.select(".vcard") if v.find_parent(class_="vcard") is None]
    adr = vcards[0].select_one(".adr") if len(vcards) == 1 and parts and parts[0] else None
    if adr is not None and parts[0] and card is not None and not _address_parts(card):
        # mf2py reads a classic vcard's ``adr`` as its text only: its parts from the HTML.
        place = join(*(_class_text(adr, c) for c in ("locality", "region", "country-name")))
        parts[0].location = place or parts[0].location
    for person in parts:
        if person and person.identifiers.get("website") in org_links:
            urls = _props(card).get("url") or []
            own = [u for u in urls if isinstance(u, str) and u not in org_links]
            person.identifiers["website"] = own[0] if own else None
    if card is not None and parts and parts[0] and not parts[0].positions:
        # A classic vcard's ``title`` can be lost too: read it from the HTML when so.
        vcards = tree.select(".vcard")
        title = _class_text(vcards[0], "title") if len(vcards) == 1 else None
        job = make_position(title, _first(card, "org"))
        if job:
            parts[0].positions.append(job)
    return [p for p in parts if p]
