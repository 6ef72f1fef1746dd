"""Feeds of announcements: RSS and Atom, press-release files, and SEC EDGAR filings.

What the document is decides how it is read:

* **RSS 2.0 / Atom** feed of news: each item's title (then its summary) is read for an
  appointment (:mod:`crawler.parsers._announcements`): ``X joins Y as Z``, ``Y appoints X as Z``,
  ``X named Z of Y``, ``X promoted to Z``. The record's position starts on the item's date. The
  company of ``X promoted to Z`` is ``document.context["company"]`` when given.
* **Press release** text (``Title:``/``Published:`` header lines, ``---``, a Markdown body): the
  ``Title`` (then ``Summary``) line, starting on the ``Published`` date.
* **SEC EDGAR** "Latest Filings" Atom feed: no records; ``follow`` gives the filing index of every
  8-K whose summary lists Item 5.02. A filing **index page**: no records; ``follow`` gives its 8-K
  document. A **Form 8-K**: the officers appointed or departing under Item 5.02
  (:mod:`crawler.parsers._edgar`).

Each record's ``profile_id`` is ``feed:{item link or document URL}#{slug of the name}``; its
``excerpt`` is the sentence that said so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from crawler.parsers import _announcements, _edgar
from crawler.parsers._dates import date_or_none
from crawler.parsers._document import Document
from crawler.parsers._html import tree as markup_tree
from crawler.parsers._records import build
from crawler.parsers._text import clean, slug
from crawler.parsers._xmltree import parse_xml
from enrichment.dates import PartialDate
from enrichment.errors import SourceError
from enrichment.model import Position, ProfileRecord

KIND = "feed"

_FRONT_MATTER = re.compile(r"^(?P<key>[A-Z][A-Za-z-]*):[ \t]*(?P<value>.*)$")


def _kind_of(document: Document) -> str:
    head = document.body[:4096].lstrip().lower()
    if b"<html" not in head and re.search(rb"<(?:rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    text = document.text
    if "title" in _front_matter(text):
        return "press_release"
    if "<" in text and _edgar.is_8k(clean(markup_tree(text).get_text(" ")) or ""):
        return "8-K"
    if "<" in text and _edgar.is_index_page(text):
        return "index"
    if "<" in text:
        return "html"
    raise SourceError(f"{document.url}: not a feed, a press release or an SEC filing")


# --- RSS / Atom ------------------------------------------------------------------------------


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _leaf(node: object) -> str | None:
    """A leaf's text, whether it came with attributes (``{"value": …}``) or without."""
    if isinstance(node, dict):
        node = node.get("value")
    return node if isinstance(node, str) else None


def _strip_html(text: str | None) -> str | None:
    if not text or "<" not in text:
        return clean(text)
    return clean(markup_tree(text).get_text(" "))


def _item_date(value: str | None) -> PartialDate | None:
    if not value:
        return None
    try:
        return PartialDate.parse(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return PartialDate.parse(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return date_or_none(value[:10])


def _entries(document: Document) -> tuple[str, list[dict[str, Any]]]:
    """(root element, entries) with title, summary, link, date and EDGAR form type."""
    root, tree = parse_xml(document.body, document.url)
    tree = tree if isinstance(tree, dict) else {}
    if root == "rss":
        found = tree.get("channel")
        channel: dict[str, Any] = found if isinstance(found, dict) else {}
        raw = _as_list(channel.get("item"))
    elif root in ("feed", "RDF"):
        raw = _as_list(tree.get("entry") or tree.get("item"))
    else:
        raise SourceError(f"{document.url}: XML that is neither RSS nor Atom (<{root}>)")
    entries: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        link = item.get("link")
        links = _as_list(link)
        href = next(
            (
                lk.get("@href")
                for lk in links
                if isinstance(lk, dict) and lk.get("@rel", "alternate") == "alternate"
            ),
            None,
        ) or next((_leaf(lk) for lk in links if _leaf(lk)), None)
        category = next((c for c in _as_list(item.get("category")) if isinstance(c, dict)), {})
        summary = _leaf(item.get("summary") or item.get("description") or item.get("content"))
        entries.append(
            {
                "title": _strip_html(_leaf(item.get("title"))),
                "summary": _strip_html(summary),
                "link": clean(href),
                "date": _item_date(
                    clean(
                        _leaf(
                            item.get("published")
                            or item.get("pubDate")
                            or item.get("updated")
                            or item.get("date")
                        )
                    )
                ),
                "form": clean(category.get("@term")) or "",
            }
        )
    return root, entries


def _is_edgar(document: Document, entries: list[dict[str, Any]]) -> bool:
    return "sec.gov" in document.url or any("sec.gov" in (e.get("link") or "") for e in entries[:5])


def _announced(
    document: Document, texts: Sequence[str | None], when: PartialDate | None, anchor: str
) -> list[ProfileRecord]:
    """One record per person the texts announce (in the order first named), holding every
    title they start or end, each once."""
    company = clean(document.context.get("company"))
    people: dict[str, tuple[str, list[Position], str]] = {}
    for text in texts:
        for said in _announcements.find(text, company) if text else []:
            on = said.effective or when
            if said.this_month and on and on.month:
                on = PartialDate(on.year, on.month)
            job = (
                Position(title=said.title, company=said.company, start=said.since, end=on)
                if said.ended
                else Position(title=said.title, company=said.company, start=on)
            )
            _, jobs, _ = people.setdefault(slug(said.name), (said.name, [], said.sentence))
            if not any(_same_job(job, j) for j in jobs):
                jobs.append(job)
    return [
        build(
            document,
            KIND,
            f"{KIND}:{anchor}#{key}",
            name,
            positions=jobs,
            excerpt_text=sentence,
        )
        for key, (name, jobs, sentence) in people.items()
    ]


def _same_job(a: Position, b: Position) -> bool:
    """The same title at the same employer, both started or both ended."""
    return (
        (a.title or "").casefold() == (b.title or "").casefold()
        and (a.company or "").casefold() == (b.company or "").casefold()
        and (a.end is None) == (b.end is None)
    )


def _from_feed(document: Document) -> list[ProfileRecord]:
    _, entries = _entries(document)
    if _is_edgar(document, entries):
        return []
    records: list[ProfileRecord] = []
    for entry in entries:
        anchor = entry["link"] or document.url
        found = _announced(document, [entry["title"]], entry["date"], anchor)
        records += found or _announced(document, [entry["summary"]], entry["date"], anchor)
    return records


# --- press releases ---------------------------------------------------------------------------


_YAML_KEY = re.compile(r"^(?P<key>[A-Za-z][\w-]*):[ \t]*(?P<value>.*)$")


def _front_matter(text: str) -> dict[str, str]:
    """The fields of the header above the body (see :func:`_split`)."""
    return _split(text)[0]


def _split(text: str) -> tuple[dict[str, str], str]:
    """(header fields, body) of a press-release file: a ``Key: value`` header above a ``---``
    line (every header line one such pair), or a YAML front matter between two ``---`` lines
    (Jekyll, Hugo: its top-level ``key: value`` lines; lists and nested keys are skipped). No
    fields when there is neither, or the header has no ``title``."""
    text = text.replace("\r\n", "\n")
    if text.lstrip().startswith("---"):
        head, rule, body = text.lstrip()[3:].partition("\n---")
        fields: dict[str, str] = {}
        for line in head.splitlines():
            match = _YAML_KEY.match(line)
            if match:
                value = match.group("value").strip().strip("'\"")
                fields.setdefault(match.group("key").lower(), value)
        return (fields, body.partition("\n")[2]) if rule and "title" in fields else ({}, text)
    header, rule, body = text.partition("\n---")
    fields = {}
    for line in filter(str.strip, header.splitlines()):
        match = _FRONT_MATTER.match(line.strip())
        if not rule or not match:
            return {}, text
        fields.setdefault(match.group("key").lower(), match.group("value").strip())
    return fields, body


def _body_sentences(body: str) -> list[str]:
    """The body's sentences, each paragraph, list item or line on its own (HTML or Markdown)."""
    if "<" in body:
        tree = markup_tree(body)
        for block in tree.find_all(
            ["p", "li", "div", "br", "tr", "h1", "h2", "h3", "h4", "ol", "ul"]
        ):
            block.append("\n")
        body = tree.get_text(" ")
    text = "\n".join(clean(line) or "" for line in body.split("\n"))
    return _edgar.sentences(text)


def _with_full_names(sentences: list[str], company: str | None) -> list[str]:
    """Sentences whose leading "He"/"She" is written as the one person the last sentence that
    announced anybody announced, and whose lone surnames ("Steitz succeeds …", "Mr. Porter")
    as the full name of a person the document announces, when only one has that surname."""
    resolved: list[str] = []
    previous: list[str] = []
    for sentence in sentences:
        if len(previous) == 1:
            sentence = re.sub(r"^(?:He|She)\b", previous[0], sentence)
        previous = sorted({a.name for a in _announcements.find(sentence, company)}) or previous
        resolved.append(sentence)
    full: dict[str, set[str]] = {}
    for sentence in resolved:
        for said in _announcements.find(sentence, company):
            full.setdefault(said.name.split()[-1], set()).add(said.name)
    out: list[str] = []
    for sentence in resolved:
        for surname, names in full.items():
            if len(names) != 1 or surname not in sentence:
                continue
            name = next(iter(names))
            given = re.escape(name.rsplit(" ", 1)[0])
            sentence = re.sub(
                rf"(?<!{given} )\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?{re.escape(surname)}\b",
                name,
                sentence,
            )
        out.append(sentence)
    return out


def _from_press_release(document: Document) -> list[ProfileRecord]:
    fields, body = _split(document.text)
    # ``Published: 20161014``; Jekyll's ``date: '2016-10-21 02:50:10 -0400'`` (its
    # ``published`` is a flag).
    dates = [fields.get("published") or "", fields.get("date") or ""]
    when = next((d for v in dates for d in (date_or_none(v), date_or_none(v[:10])) if d), None)
    company = clean(document.context.get("company"))
    texts = _with_full_names([fields.get("title") or "", *_body_sentences(body)], company)
    return _announced(document, texts, when, document.url) or _announced(
        document, [fields.get("summary")], when, document.url
    )


# --- EDGAR ------------------------------------------------------------------------------------


def _from_8k(document: Document) -> list[ProfileRecord]:
    return [
        build(
            document,
            KIND,
            f"{KIND}:{document.url}#{slug(officer.name)}",
            officer.name,
            positions=officer.positions,
            excerpt_text=officer.sentences[0] if officer.sentences else None,
        )
        for officer in _edgar.officers(document.text, clean(document.context.get("company")))
    ]


def parse(document: Document) -> list[ProfileRecord]:
    kind = _kind_of(document)
    if kind == "feed":
        return _from_feed(document)
    if kind == "press_release":
        return _from_press_release(document)
    if kind == "8-K":
        return _from_8k(document)
    return []


def follow(document: Document) -> list[str]:
    """EDGAR: a feed's Item 5.02 filings (their index pages), an index page's 8-K document."""
    kind = _kind_of(document)
    if kind == "feed":
        _, entries = _entries(document)
        if not _is_edgar(document, entries):
            return []
        return _edgar.flagged_filings(
            [(e["form"], e["summary"] or "", e["link"]) for e in entries if e["link"]]
        )
    if kind == "index":
        return _edgar.primary_document(document.text, document.url)
    return []
