"""The exceptions medalist raises on purpose, in one place.

::

    MedalistError                  anything medalist reports to a person as a clear message
    ├── InvalidInput               a document, row or field that cannot be read (says where and why)
    │   ├── InvalidDate            text that is not a date
    │   └── InvalidRecord          a candidate, profile or requisition missing a required field
    ├── SourceError                a source could not be fetched or parsed
    │   ├── AddressRefused         a URL that resolves to a private, loopback or reserved address
    │   └── BrowserMissing         a page needs JavaScript and no Chromium is installed
    └── ConfigurationError         a setting with a value that cannot work

Every message says what went wrong and, where there is one, what to do about it. Code that
catches these shows ``str(error)`` to the user; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class MedalistError(Exception):
    """Base of every error medalist reports to a person."""


class InvalidInput(MedalistError, ValueError):
    """Input that cannot be read. ``where`` names the file, row or field when known."""

    def __init__(self, message: str, *, where: str | None = None, field: str | None = None):
        self.where = where
        self.field = field
        self.reason = message
        parts = [p for p in (where, f"field {field!r}" if field else None) if p]
        super().__init__(f"{': '.join(parts)}: {message}" if parts else message)


class InvalidDate(InvalidInput):
    """Text that is not a date."""


class InvalidRecord(InvalidInput):
    """A record missing a required field or holding a field of the wrong shape."""


class SourceError(MedalistError):
    """A source could not be fetched or its document could not be read."""


class AddressRefused(SourceError):
    """A URL whose host resolves to an address the crawler must not reach."""


class BrowserMissing(SourceError):
    """A page needs JavaScript and no Chromium could be found."""


class ConfigurationError(MedalistError):
    """A setting whose value cannot work."""
