"""People in repeated blocks of a page, found by structure rather than by class names.

A team page repeats one shape per person. Two structures are read:

* **Repeated siblings**: two or more sibling elements of the same tag and classes (``li``,
  ``tr``, ``div.column-4``…) whose text lines start with a name and then a title
  (``<strong>Jack Stoughton</strong><br>Chairman``), or whose single line is ``Name, Title``
  (also ``Name – Title``, ``Name - Title``, ``Name | Title``), or ``Title: Name``. Once two
  siblings of a shape read so, the others of that shape may hold a title the lexicon does not
  know (a short phrase, not a sentence, no digits).
* **Alternating siblings**: a run of sibling elements where a name is followed by a title
  (``<h5>Name</h5><h6>Role</h6>``, ``<dt><a>Name</a></dt><dd>Title</dd>``), two or more times.
* **Role terms** (:func:`_role_terms`): a ``dl`` whose ``dt``s are roles and whose ``dd``s open
  with the names of the people holding them (``<dt>Instructor</dt><dd><a>Name</a></dd>``).
* **Listed lines** (:func:`listed`): one element whose ``<br>``-separated lines are each a title
  in a script without spaces and then a name (``代表取締役　蛭田 正司``).
* **Linked names** (:func:`linked_names`, read only when nothing else is): repeated siblings that
  open with a link holding a personal name and have no title line; they are people without a
  title.

A name is :func:`~crawler.parsers._names.is_name`, a title
:func:`~crawler.parsers._names.is_title`; anything else is skipped, so a page of prose yields
nobody. Elements with much text (over 600 characters) are not person blocks and are not read.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from bs4 import BeautifulSoup, NavigableString, Tag

from crawler.parsers._names import is_name, is_title
from crawler.parsers._text import clean

_BLOCK = frozenset(
    {
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "td", "th", "tr", "table", "section", "article", "header", "footer", "figure",
        "figcaption", "br", "hr", "blockquote", "address",
    }
)  # fmt: skip
_SKIP = frozenset({"script", "style", "noscript", "template", "nav", "svg", "button", "form"})
_TEXT_LIMIT = 600
_ONE_LINE = re.compile(r"^(?P<name>[^,–—|]+?)\s*(?:,|\s[–—|-]\s)\s*(?P<title>.+?)\.?$")
#: ``President: Jason Burroughs``: the title first, then a colon and the name.
_TITLE_FIRST = re.compile(r"^(?P<title>[^:]{2,60}?)\s*:\s*(?P<name>[^:]+?)\.?$")

Person = tuple[str, str | None]
#: A role written as an acronym of capitals ("GSI", "TA"): a role term of a staff list.
_ACRONYM_ROLE = re.compile(r"^[A-Z]{2,5}$")


def lines(el: Tag, breaks: bool = True) -> list[str]:
    """The element's text, one line per block element or ``<br>`` (``breaks=False``: a ``<br>``
    wraps a line and does not end it)."""
    out: list[str] = []
    current: list[str] = []
    for node in el.descendants:
        if isinstance(node, Tag):
            if node.name in _BLOCK and (breaks or node.name != "br"):
                out.append(" ".join(current))
                current = []
        elif type(node) is NavigableString and not any(
            p.name in _SKIP for p in node.parents if p is not el
        ):
            current.append(str(node))
    out.append(" ".join(current))
    return [t for t in (clean(x) for x in out) if t]


_LOOSE_WORDS = 6


def _title(text: str, loose: bool = False) -> str | None:
    """The text as a title: title-like by the lexicon, or (``loose``) any short phrase without
    digits that is not a sentence, for a block whose siblings hold lexicon titles."""
    text = text.strip(" ,;–—-")
    if is_title(text):
        return text
    words = text.split()
    short = 0 < len(words) <= _LOOSE_WORDS and not any(c.isdigit() for c in text)
    return text if loose and short and not text.endswith(".") and not is_name(text) else None


def person_of(texts: list[str], loose: bool = False) -> Person | None:
    """(name, title) when the lines are a name then a title, or one ``Name, Title`` line, or
    one ``Title: Name`` line."""
    if not texts:
        return None
    if is_name(texts[0]):
        if len(texts) > 1:
            line = texts[1]
            if line.endswith(",") and len(texts) > 2:
                line = f"{line} {texts[2]}"  # "Managing Director,<br>Facebook Canada": one line
            title = _title(line, loose)
            return (texts[0], title) if title else None
        return None
    match = _ONE_LINE.match(texts[0])
    if match and is_name(clean(match.group("name"))):
        title = _title(match.group("title"), loose)
        if title:
            return clean(match.group("name")) or "", title
    first = _TITLE_FIRST.match(" ".join(texts[:2]) if texts[0].endswith(":") else texts[0])
    if first and is_name(clean(first.group("name"))):
        title = _title(first.group("title"), loose)
        if title and not is_name(title):
            return clean(first.group("name")) or "", title
    return None


def _signature(el: Tag) -> tuple[str, tuple[str, ...]]:
    """A block's shape: its tag and its first class (the component's; a modifier class after
    it, ``about-staff-div staff-padding``, does not make another shape)."""
    classes: list[str] = list(el.get("class") or [])
    return el.name, tuple(classes[:1])


def _short(el: Tag) -> bool:
    return len(el.get_text()) <= _TEXT_LIMIT


def _repeated(parent: Tag) -> list[Person]:
    groups: dict[tuple[str, tuple[str, ...]], list[Tag]] = defaultdict(list)
    for child in parent.find_all(True, recursive=False):
        if child.name not in _SKIP:
            groups[_signature(child)].append(child)
    # A modifier class (``about-staff-div staff-padding``) does not make another shape: blocks
    # alone in their shape are grouped again by their tag and first class.
    alone: dict[tuple[str, tuple[str, ...]], list[Tag]] = defaultdict(list)
    for key in [k for k, v in groups.items() if len(v) == 1]:
        member = groups.pop(key)[0]
        alone[(member.name, tuple((member.get("class") or [])[:1]))].append(member)
    found: list[Person] = []
    for members in [*groups.values(), *alone.values()]:
        if len(members) < 2:
            continue
        people = [p for m in members if _short(m) for p in [_block_person(m)] if p]
        if len(people) >= 2:
            # Siblings of the same shape as two or more name-and-title blocks: their titles
            # need not be in the lexicon ("Co-Keeper of the Green" among "President", …).
            found += [p for m in members if _short(m) for p in [_block_person(m, True)] if p]
    return found


def _block_person(el: Tag, loose: bool = False) -> Person | None:
    """A block's person: its lines with a ``<br>`` inside the title's own element read as a
    wrap (``<div>President, S&E<br>Sponsorship Group</div>``), else its plain lines."""
    split, wrapped = lines(el), lines(el, breaks=False)
    if split and wrapped and split[0] == wrapped[0]:  # the name in an element of its own
        return person_of(wrapped, loose) or person_of(split, loose)
    return person_of(split, loose)


def _alternating(parent: Tag) -> list[Person]:
    children = [c for c in parent.find_all(True, recursive=False) if c.name not in _SKIP]
    found: list[Person] = []
    i = 0
    while i + 1 < len(children):
        a, b = children[i], children[i + 1]
        if _short(a) and _short(b) and _signature(a) != _signature(b):
            name, title = clean(a.get_text(" ")), clean(b.get_text(" "))
            if is_name(name) and title and _title(title):
                found.append((name or "", _title(title) or ""))
                i += 2
                continue
        i += 1
    return found if len(found) >= 2 else []


def _role_terms(parent: Tag) -> list[Person]:
    """A ``dl`` whose terms are roles and whose descriptions open with the people holding them
    (``<dt><h4>Instructor</h4></dt><dd><a>Ryan Huang</a></dd><dd>Email: …</dd><dt><h5>GSI</h5>
    </dt><dd><a>Yi Chen</a></dd>``): each ``dd`` whose first line is a personal name gets the
    role of the ``dt`` before it. A role is a lexicon title, or an acronym (``GSI``, ``TA``)
    in a list where another role is a lexicon title; any other term (``Host institution``
    over ``<a>Centrale Marseille</a>`` in a project's facts) gives nobody."""
    if parent.name != "dl":
        return []
    found: list[tuple[str, str]] = []
    role: str | None = None
    for child in parent.find_all(["dt", "dd"], recursive=False):
        texts = lines(child) if _short(child) else []
        if child.name == "dt":
            role = texts[0] if len(texts) == 1 and not is_name(texts[0]) else None
        elif role and texts and is_name(texts[0]):
            found.append((texts[0], role))
    if not any(_title(r) for _, r in found):
        return []
    return [(n, r) for n, r in found if _title(r) or _ACRONYM_ROLE.match(r)]


def people(tree: BeautifulSoup) -> list[Person]:
    """Every (name, title) found in repeated or alternating blocks, in page order, once each."""
    for tag in tree(list(_SKIP)):
        tag.decompose()
    found: list[Person] = []
    seen: set[str] = set()
    text = tree.get_text(" ")
    for parent in tree.find_all(True):
        for name, title in _alternating(parent) or _repeated(parent) or _role_terms(parent):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                found.append((name, title))
    # Inner and outer blocks are visited in tree order; say the people in reading order.
    return sorted(found, key=lambda p: text.find(p[0]) % (len(text) + 1))


def _title_then_name(line: str) -> Person | None:
    """``代表取締役　蛭田 正司``: a title written in a script without spaces, then the name."""
    head, _, rest = line.partition(" ")
    rest = rest.strip()
    caseless = any(unicodedata.category(c) == "Lo" for c in head)
    if rest and caseless and is_title(head) and is_name(rest) and not is_title(rest):
        return rest, head
    return None


def listed(tree: BeautifulSoup) -> list[Person]:
    """People of an element whose lines (two or more, split by ``<br>``) are each a title then a
    name (a company profile's officers: ``<dd>代表取締役　蛭田 正司<br>取締役　大垣 …</dd>``)."""
    found: list[Person] = []
    for el in tree.find_all(["dd", "p", "td", "li", "div"]):
        if el.find(["p", "div", "li", "dd", "dt", "td", "table", "ul", "ol"]):
            continue
        texts = lines(el)
        people = [p for t in texts for p in [_title_then_name(t)] if p]
        if len(texts) >= 2 and len(people) == len(texts):
            found += people
    return found


def _first_link_name(el: Tag, first_line: str) -> str | None:
    link = el.find("a")
    text = clean(link.get_text(" ")) if isinstance(link, Tag) else None
    return text if text and text == first_line and is_name(text) else None


def linked_names(tree: BeautifulSoup) -> list[str]:
    """Names of repeated sibling blocks (two or more of one shape) that each open with a link
    whose text is a personal name and give no title line (``<li><dl><dt><img></dt><dd><a
    href=…>Yesim Demirci</a><p>Ph.D. at Department of Human Genetics</p>…``), in page order."""
    found: list[str] = []
    for parent in tree.find_all(True):
        groups: dict[tuple[str, tuple[str, ...]], list[Tag]] = defaultdict(list)
        for child in parent.find_all(True, recursive=False):
            if child.name not in _SKIP:
                groups[_signature(child)].append(child)
        for members in groups.values():
            names = [
                n
                for m in members
                if _short(m)
                for texts in [lines(m)]
                if texts
                for n in [_first_link_name(m, texts[0])]
                if n
            ]
            if len(names) >= 2:
                found += [n for n in names if n not in found]
    return found
