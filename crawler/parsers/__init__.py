"""Parsers: pure functions from a fetched document to profile records.

One module per source kind, each exposing ``parse(document: Document) -> list[ProfileRecord]``.
A module may also define ``requires(document) -> list[str]``: URLs of documents ``parse`` needs
(the spider fetches them and passes them in ``document.related``; Wikidata labels, say), and
``follow(document) -> list[str]``: URLs of further documents of the same kind to parse on their
own (an EDGAR feed entry's filing). They do no I/O (the spiders fetch), so they are tested on
saved real documents with expected JSON beside them (``tests/crawler/golden/``). A parser raises
:class:`~enrichment.errors.SourceError` with a message naming the URL and the reason when a
document cannot be read; it never returns half a record.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from crawler.parsers._document import Document
from enrichment.model import PROFILE_KINDS, ProfileRecord

Parser = Callable[[Document], list[ProfileRecord]]

__all__ = ["Document", "Parser", "parser_for"]


def parser_for(kind: str) -> Parser:
    """The ``parse`` function of a profile kind's module (``crawler.parsers.<kind>``)."""
    if kind not in PROFILE_KINDS:
        raise KeyError(f"no parser for profile kind {kind!r}")
    module = import_module(f"crawler.parsers.{kind}")
    parse: Parser = module.parse
    return parse
