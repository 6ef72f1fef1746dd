"""Team pages: a company page listing many people with their titles.

One record per person, each with a current position (title at the company). Read in order:

1. schema.org ``Person`` markup (JSON-LD, microdata, RDFa): every named Person with a job title.
2. Cards: an element holding exactly one short heading (``h2``-``h6``, or an element whose class
   says ``name``) that looks like a personal name, followed within the same card by one short
   text line (the next ``p``/``span``/``div``/heading, or an element whose class says ``title``,
   ``role`` or ``position``) taken as the title.
3. Repeated blocks, found by structure (:mod:`crawler.parsers._blocks`): sibling elements of
   one shape (list items, ``dt``/``dd`` pairs, table rows, ``div`` columns) whose lines are a
   name and then a title (``<strong>Name</strong><br>Title``), or a one-line ``Name, Title.``;
   and runs of sibling elements alternating a name and a title (``h5`` name, ``h6`` role). The
   title must be title-like by the seniority lexicon (:mod:`crawler.parsers._names`).
4. Tables: rows whose header (or first row) names a ``name`` column and a ``title``/``role``/
   ``position`` column.

The company is ``document.context["company"]`` when the source row gives it; else the page's
``og:site_name``; else a schema.org ``Organization`` name; else the brand part of ``<title>``
(the last part after ``|``, ``–``, ``—`` or `` - ``); the record says nothing when there is none.
A title line that names the person's own employer too ("Software Architekt, adcubum",
"Projektleiter Webstobe GmbH") gives that employer instead
(:func:`crawler.parsers._names.split_title`). Each ``profile_id`` is
``team_page:{url}#{slug of the name}``.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from crawler.parsers import _blocks, _schemaorg
from crawler.parsers._document import Document
from crawler.parsers._html import soup
from crawler.parsers._names import NOT_NAMES, has_job_word, is_name, names_a_field, split_title
from crawler.parsers._records import build, position
from crawler.parsers._text import clean, slug
from enrichment.model import ProfileRecord

KIND = "team_page"

_TITLE_LIMIT = 80
_HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
_TITLE_WORDS = re.compile(r"title|role|position|job", re.IGNORECASE)
#: CSS layout classes that hold the word "position" and say nothing of a job.
_LAYOUT = re.compile(r"^position-(?:relative|absolute|fixed|static|sticky)$")


def _TITLE_CLASS(value: str | None) -> bool:
    """A class that marks an element as a person's title (``job-title``, ``position_title``)."""
    return any(_TITLE_WORDS.search(c) and not _LAYOUT.match(c) for c in (value or "").split())


_NAME_CLASS = re.compile(r"(^|[-_])name($|[-_])", re.IGNORECASE)
_BUTTONISH = re.compile(r"\b(btn|button)\b", re.IGNORECASE)


def _is_name(text: str | None) -> bool:
    return is_name(text) and not any(
        w.casefold().strip(".") in NOT_NAMES for w in (text or "").split()
    )


def company_of(document: Document, tree: BeautifulSoup) -> str | None:
    """The employer named by the source row or by the page (see the module docstring)."""
    given = clean(document.context.get("company"))
    if given:
        return given
    meta = tree.find("meta", attrs={"property": "og:site_name"})
    content = meta.get("content") if meta else None
    if isinstance(content, str) and clean(content):
        return clean(content)
    for node in _schemaorg.organisations(document.text, document.url):
        return node
    title = clean(tree.title.get_text(" ")) if tree.title else None
    if title:
        brand = re.split(r"\s+[|–—]\s+|\s+-\s+", title)
        if len(brand) > 1:
            return clean(brand[-1])
    return None


def _texts(el: Tag) -> list[str]:
    """The element's non-blank text pieces."""
    return [t for t in el.find_all(string=True) if t.strip()]


def _text_of(el: Tag) -> str | None:
    return clean(el.get_text(" "))


def _title_after(heading: Tag, card: Tag) -> str | None:
    marked = card.find(class_=_TITLE_CLASS)
    if isinstance(marked, Tag) and marked is not heading and _text_of(marked):
        return _text_of(marked)
    for el in heading.find_all_next(["p", "span", "div", *_HEADINGS, "small", "em"]):
        if not isinstance(el, Tag) or card not in el.parents:
            return None
        if el.find(["p", "div"]) or _BUTTONISH.search(" ".join(el.get("class") or [])):
            continue
        text = _text_of(el)
        if text and is_name(text) and not has_job_word(text) and not names_a_field(text):
            continue  # the same person's name again ("村山 博史" then "Hiroshi Murayama")
        if text:
            return text if len(text) <= _TITLE_LIMIT else None
    return None


def _cards(tree: BeautifulSoup) -> list[tuple[str, str | None]]:
    people: list[tuple[str, str | None]] = []
    seen: set[int] = set()
    cards: set[int] = set()
    named = tree.find_all(class_=_NAME_CLASS)
    # An element whose class says name but that holds other elements (a "name_row" of a name
    # and its transliteration) is not itself a name.
    candidates = tree.find_all(_HEADINGS) + [n for n in named if not n.find(True)]
    for heading in candidates:
        name = _text_of(heading)
        if not _is_name(name) or id(heading) in seen:
            continue
        seen.add(id(heading))
        # The card: the nearest ancestor that holds this one name heading and something else,
        # widened while it has no element marked as the title and its parent holds one, for
        # the same one name ("<p class=position_title>…</p><div><h3>Name</h3>…</div>").
        card = heading.parent
        while isinstance(card, Tag) and len(_texts(card)) < 2:
            card = card.parent
        if not isinstance(card, Tag):
            continue
        for _ in range(2):
            parent = card.parent
            if (
                card.find(class_=_TITLE_CLASS) is None
                and isinstance(parent, Tag)
                and parent.find(class_=_TITLE_CLASS) is not None
                and _name_headings(parent) == 1
            ):
                card = parent
        if _name_headings(card) > 1 or id(card) in cards:
            continue
        cards.add(id(card))
        people.append((name or "", _title_after(heading, card)))
    return people


def _name_headings(card: Tag) -> int:
    return len([h for h in card.find_all(_HEADINGS) if _is_name(_text_of(h))])


def _tables(tree: BeautifulSoup) -> list[tuple[str, str | None]]:
    people: list[tuple[str, str | None]] = []
    for table in tree.find_all("table"):
        rows = table.find_all("tr")
        if not rows:
            continue
        header = [(_text_of(c) or "").lower() for c in rows[0].find_all(["th", "td"])]
        name_col = next((i for i, h in enumerate(header) if "name" in h), None)
        title_col = next((i for i, h in enumerate(header) if _TITLE_WORDS.search(h)), None)
        if name_col is None or title_col is None:
            continue
        for row in rows[1:]:
            cells = row.find_all(["td", "th"])
            if len(cells) > max(name_col, title_col):
                name = _text_of(cells[name_col])
                if _is_name(name):
                    people.append((name or "", _text_of(cells[title_col])))
    return people


def parse(document: Document) -> list[ProfileRecord]:
    tree = soup(document)
    company = company_of(document, tree)
    people: list[tuple[str, str | None]] = [
        (p.name, next((j.title for j in p.positions if j.title), None))
        for p in _schemaorg.extract(document.text, document.url)
    ]
    people = [p for p in people if p[1]] or _cards(tree) or _blocks.people(tree) or _tables(tree)
    records: list[ProfileRecord] = []
    seen: set[str] = set()
    for name, title in people:
        key = slug(name)
        if key in seen or not title:
            continue
        seen.add(key)
        title, employer = split_title(title)
        job = position(title or None, employer or company)
        if job is None:
            continue
        records.append(
            build(
                document,
                KIND,
                f"{KIND}:{document.url}#{key}",
                name,
                positions=[job],
                excerpt_text=f"{name}, {title}",
            )
        )
    return records
