"""GitHub: the REST API's ``GET /users/{login}`` JSON.

* ``name`` is the full name. A user without one is still a person with a public profile, so the
  record falls back to the ``login`` (the matcher then leans on the identifier, not the name).
* ``company`` becomes a current position with no title (``@heroku`` → ``Heroku``: a leading ``@``
  is a GitHub organisation handle; the handle is kept as written after the ``@``, only its first
  letter capitalised when it is all lower case).
* ``login`` → ``identifiers["github"]``, ``blog`` → ``identifiers["website"]``.
* Empty strings are absent values; ``type: "Bot"`` (and ``"Organization"``) accounts are not
  people and give no record.
"""

from __future__ import annotations

from crawler.parsers._document import Document
from crawler.parsers._records import build, position
from crawler.parsers._text import clean
from enrichment.errors import SourceError
from enrichment.model import Position, ProfileRecord

KIND = "github"


def company_name(value: object) -> str | None:
    """``"@heroku"`` → ``"Heroku"``; ``"Rackspace"`` stays; ``""`` → ``None``."""
    text = clean(value)
    if not text:
        return None
    if text.startswith("@"):
        handle = text[1:].split()[0] if text[1:].strip() else ""
        if not handle:
            return None
        return handle[0].upper() + handle[1:] if handle.islower() else handle
    return text


def parse(document: Document) -> list[ProfileRecord]:
    data = document.json()
    if not isinstance(data, dict) or "login" not in data:
        raise SourceError(f"{document.url}: not a GitHub user object (no 'login')")
    if data.get("type") in ("Bot", "Organization"):
        return []
    login = clean(data.get("login"))
    if not login:
        raise SourceError(f"{document.url}: the GitHub user has an empty 'login'")
    full_name = clean(data.get("name")) or login
    company = company_name(data.get("company"))
    positions: list[Position] = []
    job = position(None, company)
    if job:
        positions.append(job)
    bio = clean(data.get("bio"))
    return [
        build(
            document,
            KIND,
            f"{KIND}:{login.lower()}",
            full_name,
            location=clean(data.get("location")),
            identifiers={"github": login, "website": clean(data.get("blog"))},
            positions=positions,
            emails=[clean(data.get("email"))],
            excerpt_text=" · ".join(p for p in (full_name, clean(data.get("company")), bio) if p),
        )
    ]
