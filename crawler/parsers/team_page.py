"""Team pages: a company page listing many people with their titles.

One record per person, with every title the page gives them (a person listed twice with two
roles has two positions). Read in order, the first that finds people wins:

1. schema.org ``Person`` markup (JSON-LD, microdata, RDFa): every named Person with a job title,
   and the people an organisation's ``employee``/``founder``/``member`` gives without a title
   (at that organisation).
2. Tables (:func:`_tables`): by a header's name and title columns (in the page languages met:
   ``Name``/``Title``, ``氏名``/``役職名``, ``Руководитель``/``Должность``…), else rows of one
   name cell (the column most rows have it in) and a title cell; a row with a name and an empty
   title cell holds the title of the row above; a headerless table counts when two or more rows
   have a lexicon title.
3. Cards: an element holding exactly one short heading (``h2``-``h6``, or an element whose class
   says ``name``) that looks like a personal name, followed within the same card by one short
   text line (the next ``p``/``span``/``div``/heading, or an element whose class says ``title``,
   ``role`` or ``position``) taken as the title; a heading of two text pieces, a name then a
   title (``<h2><span>唐　彬</span><i>董事长</i></h2>``).
4. Listed lines (:func:`crawler.parsers._blocks.listed`): ``<br>`` lines each a title in a
   script without spaces then a name (``代表取締役　蛭田 正司``).
5. Repeated blocks, found by structure (:mod:`crawler.parsers._blocks`): sibling elements of
   one shape (list items, ``dt``/``dd`` pairs, table rows, ``div`` columns) whose lines are a
   name and then a title (``<strong>Name</strong><br>Title``), or a one-line ``Name, Title.``;
   and runs of sibling elements alternating a name and a title (``h5`` name, ``h6`` role); and a
   ``dl`` whose terms are roles over descriptions opening with the people's names
   (``<dt><h4>Instructor</h4></dt><dd><a>Name</a></dd>``). The title must be title-like by the
   seniority lexicon (:mod:`crawler.parsers._names`). A card's line that opens with a date
   ("08/15: Course syllabus updated") is news, not a title.
6. Linked names (:func:`crawler.parsers._blocks.linked_names`): repeated blocks that open with a
   link holding a personal name and give no title: people without a position.

Names lose their leading honorifics ("Dr. Nara Lee" → "Nara Lee"). A title saying the role is
over ("Former Editor-in-Chief") gives no position; the person is kept.

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
from crawler.parsers._names import (
    NOT_NAMES,
    has_job_word,
    is_name,
    is_title,
    names_a_field,
    split_title,
    without_honorific,
)
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


#: A line that opens with a date ("08/15:", "2024-08-15", "15.08.2024"): news, not a title.
_DATED = re.compile(r"^\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b")
_NAME_CLASS = re.compile(r"(^|[-_])name($|[-_])", re.IGNORECASE)
_BUTTONISH = re.compile(r"\b(btn|button)\b", re.IGNORECASE)


#: An acronym opening a line ("SEO", "UX", "IT"): not a given name when a job noun ends it.
_ACRONYM = re.compile(r"^[A-Z]{2,4}$")


def _is_name(text: str | None) -> bool:
    words = (text or "").split()
    if len(words) >= 2 and _ACRONYM.match(words[0]) and has_job_word(words[-1]):
        return False  # "SEO Specialist", "UX Designer": a title in capitals, not a person
    return is_name(text) and not any(w.casefold().strip(".") in NOT_NAMES for w in words)


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


def _rank(el: Tag) -> int:
    """A heading's level (1 for ``h1`` … 6 for ``h6``); 7 for any other element."""
    return int(el.name[1]) if re.fullmatch(r"h[1-6]", el.name or "") else 7


def _title_after(heading: Tag, card: Tag) -> str | None:
    marked = card.find(class_=_TITLE_CLASS)
    if isinstance(marked, Tag) and marked is not heading and _text_of(marked):
        return _text_of(marked)
    for el in heading.find_all_next(["p", "span", "div", *_HEADINGS, "small", "em"]):
        if not isinstance(el, Tag) or card not in el.parents:
            return None
        if el.find(["p", "div"]) or _BUTTONISH.search(" ".join(el.get("class") or [])):
            continue
        if _rank(heading) < 7 and _rank(el) <= _rank(heading):
            return None  # a heading as high as the name's opens the next section, not a role
        text = _text_of(el)
        if text and is_name(text) and not has_job_word(text) and not names_a_field(text):
            continue  # the same person's name again ("村山 博史" then "Hiroshi Murayama")
        if text and _DATED.match(text):
            return None  # "08/15: Course syllabus updated": a dated news line, not a role
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
        split = _split_heading(heading)
        if split is not None and id(heading) not in seen:
            seen.add(id(heading))
            people.append(split)
            continue
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


#: Header words of a table's name column and of its title column, in the page languages met.
_NAME_HEAD = re.compile(r"name|nom|nombre|氏名|名前|姓名|имя|фио|руководитель", re.IGNORECASE)
_TITLE_HEAD = re.compile(
    r"title|role|position|job|fonction|poste|cargo|funktion|titel|役職|職位|职位|职务|должность",
    re.IGNORECASE,
)
Entry = tuple[str, str | None, str | None]  # (name, title, employer given by the markup)
#: A title that says the role is over ("Former Editor-in-Chief"): no current position.
_FORMER = re.compile(
    r"^(?:former|ex-|ehemalige[rn]?\s|ancien(?:ne)?\s|antigu[oa]\s|past\s)", re.IGNORECASE
)


def _cells(row: Tag) -> list[str]:
    return [_text_of(c) or "" for c in row.find_all(["td", "th"], recursive=False)]


def _header_columns(row: Tag) -> tuple[int, int] | None:
    """(name column, title column) when the row is a header naming both."""
    if not row.find("th") and row.find_parent("thead") is None:
        return None
    header = _cells(row)
    name_col = next((i for i, h in enumerate(header) if _NAME_HEAD.search(h)), None)
    title_col = next(
        (i for i, h in enumerate(header) if i != name_col and _TITLE_HEAD.search(h)), None
    )
    return (name_col, title_col) if name_col is not None and title_col is not None else None


def _name_cells(cells: list[str]) -> list[int]:
    """The cells of a row that read as a name; one in capitals does not when another cell of the
    row is in mixed case ("GRAPHIC DESIGN | Creative FX": a heading and a vendor)."""
    mixed = any(c and not c.isupper() for c in cells)
    return [
        i
        for i, c in enumerate(cells)
        if _is_name(c) and not is_title(c) and not (mixed and c.isupper())
    ]


def _name_column(rows: list[list[str]]) -> int | None:
    """The column most rows with one name cell have it in (two rows or more)."""
    votes: dict[int, int] = {}
    for cells in rows:
        found = _name_cells(cells)
        if len(found) == 1:
            votes[found[0]] = votes.get(found[0], 0) + 1
    best = max(votes, key=lambda k: votes[k], default=None)
    return best if best is not None and votes[best] >= 2 else None


def _row_person(cells: list[str], name_col: int) -> tuple[str | None, str | None]:
    """(name, title) of a headerless row: the name column's cell, and the first other non-empty
    cell; a row whose only text is a name gives no title (its title is the row's above, one
    "ADMINISTRATIVE ASSISTANTS" heading two rows)."""
    if len(cells) <= name_col or not _is_name(cells[name_col]):
        return None, None
    others = [c for i, c in enumerate(cells) if i != name_col and c]
    return cells[name_col], (others[0] if others else None)


def _tables(tree: BeautifulSoup) -> list[Entry]:
    """People of tables: by the header's name and title columns, else rows holding one name and
    one title-like cell. A row with a name and an empty title cell holds the title of the row
    above (a title heading several rows); a headerless table is read when two or more of its
    rows have a title the lexicon knows."""
    people: list[Entry] = []
    for table in tree.find_all("table"):
        if table.find("table"):
            continue
        rows = table.find_all("tr")
        name_col = _name_column([_cells(r) for r in rows])
        columns: tuple[int, int] | None = None
        found: list[Entry] = []
        known = 0
        previous: str | None = None
        for row in rows:
            header = _header_columns(row)
            if header is not None:
                columns, previous = header, None
                continue
            cells = _cells(row)
            name: str | None
            title: str | None
            if columns is not None:
                if len(cells) <= max(columns):
                    continue
                name, title = cells[columns[0]], cells[columns[1]] or None
                if not _is_name(name):
                    continue
            else:
                name, title = _row_person(cells, name_col) if name_col is not None else (None, None)
                if name is None:
                    previous = None
                    continue
            title = title or previous
            if title is None or len(title) > _TITLE_LIMIT:
                continue
            known += is_title(title)
            previous = title
            found.append((name or "", title, None))
        if columns is not None or known >= 2:
            people += found
    return people


def _split_heading(heading: Tag) -> tuple[str, str] | None:
    """``<h2><span>唐　彬</span><i>董事长</i></h2>``: a heading of two text pieces, a name then a
    title."""
    texts = [clean(t) for t in _texts(heading)]
    if len(texts) == 2 and _is_name(texts[0]) and is_title(texts[1]) and not is_title(texts[0]):
        return texts[0] or "", texts[1] or ""
    return None


def _grouped(entries: list[Entry]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(slug(without_honorific(entry[0])), []).append(entry)
    return groups


def parse(document: Document) -> list[ProfileRecord]:
    tree = soup(document)
    company = company_of(document, tree)
    schema = _schemaorg.extract(document.text, document.url)
    entries: list[Entry] = [
        (p.name, j.title, j.company)
        for p in schema
        for j in [next((j for j in p.positions if j.title), None)]
        if j
    ]
    # A person the markup places at an organisation without a title (an ``employee`` list).
    untitled: list[Entry] = [
        (p.name, None, p.positions[0].company)
        for p in schema
        if p.positions and p.positions[0].company and not any(j.title for j in p.positions)
    ]
    entries = [*entries, *untitled] or _tables(tree)
    if not entries:
        cards = [(name, title) for name, title in _cards(tree) if title]
        pairs = cards or _blocks.listed(tree) or _blocks.people(tree)
        entries = [(name, title, None) for name, title in pairs]
    if not entries:
        # Repeated blocks that open with a linked personal name and give no title: people.
        untitled = [(name, None, None) for name in _blocks.linked_names(tree)]
        entries = untitled
    allowed = {id(e) for e in untitled}
    records: list[ProfileRecord] = []
    for key, group in _grouped(entries).items():
        name = without_honorific(group[0][0])
        jobs = []
        for entry in group:
            _, title, employer = entry
            if title and _FORMER.match(title):
                allowed.add(id(entry))  # a past role: the person, without that position
                continue
            if not title and id(entry) not in allowed:
                continue
            title, named = split_title(title) if title else ("", None)
            job = position(title or None, named or employer or company)
            if job is not None and job not in jobs:
                jobs.append(job)
        if not jobs and not any(id(e) in allowed for e in group):
            continue
        first = next((j.title for j in jobs if j.title), None)
        records.append(
            build(
                document,
                KIND,
                f"{KIND}:{document.url}#{key}",
                name,
                positions=jobs,
                excerpt_text=f"{name}, {first}" if first else name,
            )
        )
    return records
