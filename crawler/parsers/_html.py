"""Reading HTML safely: one place that turns bytes into a tree or a clear :class:`SourceError`."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from crawler.parsers._document import Document
from enrichment.errors import SourceError


@contextmanager
def quiet() -> Iterator[None]:
    """Silence BeautifulSoup's "XML parsed as HTML" warning (XHTML filings, mf2py)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        yield


def tree(text: str) -> BeautifulSoup:
    """Any markup as a BeautifulSoup tree (lxml)."""
    with quiet():
        return BeautifulSoup(text, "lxml")


#: Deepest element nesting read. Real pages nest a few dozen levels; the structured-data readers
#: (mf2py, extruct) recurse once per level, so a page nested deeper is refused, not read.
DEPTH_LIMIT = 400


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "p", "li", "dt", "dd", "option", "td", "th", "tr"}
)  # fmt: skip


#: Most attributes read on one element: the RDFa reader's cost grows with their square.
ATTRIBUTE_LIMIT = 100
_ATTRIBUTE = re.compile(r"\s[^\s=>]+\s*=")


def most_attributes(text: str) -> int:
    """The largest number of attributes on one tag."""
    return max((len(_ATTRIBUTE.findall(m.group(0))) for m in _TAG.finditer(text)), default=0)


def nesting_depth(text: str) -> int:
    """How deeply the markup's elements nest, counted over the tags in one pass (no tree, no
    recursion; elements whose end tag HTML lets one omit are not counted)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(text):
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def soup(document: Document) -> BeautifulSoup:
    """The document as a BeautifulSoup tree (lxml); empty, non-HTML and pathologically nested
    bodies raise."""
    text = document.text
    if not text.strip():
        raise SourceError(f"{document.url}: the page is empty")
    if "<" not in text:
        raise SourceError(f"{document.url}: the response is not HTML (no markup)")
    depth = nesting_depth(text)
    if depth > DEPTH_LIMIT:
        raise SourceError(
            f"{document.url}: elements nest {depth} levels deep (more than {DEPTH_LIMIT}); "
            "not a readable page, skipped"
        )
    attributes = most_attributes(text)
    if attributes > ATTRIBUTE_LIMIT:
        raise SourceError(
            f"{document.url}: an element has {attributes} attributes (more than "
            f"{ATTRIBUTE_LIMIT}); not a readable page, skipped"
        )
    return tree(text)
