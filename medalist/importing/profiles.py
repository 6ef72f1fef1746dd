"""Profile references from what an ATS export holds: URLs, ORCID iDs, GitHub logins.

A profile URL's kind is inferred (contract section 4): ``orcid.org`` → ``orcid`` (the iD from
the path), ``github.com/<login>`` → ``github``, a path ending in ``.json`` → ``jsonresume``,
anything else → ``website``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from enrichment.errors import InvalidInput
from enrichment.model import ProfileRef

_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_ORCID_IN_URL = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])")
_GITHUB_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID computes its last character."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    return digits[-1] == ("X" if result == 10 else str(result))


def orcid_id(value: str) -> str:
    """An ORCID iD from ``0000-0002-1825-0097`` or ``https://orcid.org/0000-0002-1825-0097``."""
    text = value.strip()
    match = _ORCID_IN_URL.search(text) if "/" in text else None
    candidate = (match.group(1) if match else text).upper()
    if not _ORCID.match(candidate):
        raise InvalidInput(f"{value!r} is not an ORCID iD (expected 0000-0000-0000-0000)")
    if not orcid_checksum_ok(candidate):
        raise InvalidInput(f"{value!r} is not an ORCID iD (its check digit is wrong)")
    return candidate


def github_login(value: str) -> str:
    """A GitHub login from ``adal``, ``@adal`` or ``https://github.com/adal``."""
    text = value.strip().removeprefix("@")
    if "/" in text:
        parts = [p for p in urlsplit(text if "//" in text else f"//{text}").path.split("/") if p]
        text = parts[0] if len(parts) == 1 else ""
    if not _GITHUB_LOGIN.match(text):
        raise InvalidInput(f"{value!r} is not a GitHub login")
    return text


def profile_from_url(url: str) -> ProfileRef:
    """The profile a URL points at, its kind inferred."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"{url!r} is not an http(s) URL")
    host = parts.hostname.lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if host == "orcid.org":
        return ProfileRef("orcid", id=orcid_id(text))
    if host == "github.com" and len(segments) == 1 and _GITHUB_LOGIN.match(segments[0]):
        return ProfileRef("github", id=segments[0])
    if parts.path.lower().endswith(".json"):
        return ProfileRef("jsonresume", url=text)
    return ProfileRef("website", url=text)


def unique_profiles(refs: list[ProfileRef]) -> tuple[ProfileRef, ...]:
    """The first of each (kind, locator)."""
    seen: set[tuple[str, str]] = set()
    out: list[ProfileRef] = []
    for ref in refs:
        key = (ref.kind, ref.locator)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return tuple(out)
