"""Reading HTML safely: one place that turns bytes into a tree or a clear :class:`SourceError`."""

from __future__ import annotations

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


def soup(document: Document) -> BeautifulSoup:
    """The document as a BeautifulSoup tree (lxml); empty or non-HTML bodies raise."""
    text = document.text
    if not text.strip():
        raise SourceError(f"{document.url}: the page is empty")
    if "<" not in text:
        raise SourceError(f"{document.url}: the response is not HTML (no markup)")
    return tree(text)
