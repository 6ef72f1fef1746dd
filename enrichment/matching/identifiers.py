"""Exact identifiers: their normal forms, and the key of a profile record.

An identifier is a ``(kind, value)`` pair: ``("orcid", "0000-0002-1825-0097")``,
``("github", "adal")`` (lower case), ``("wikidata", "Q7259")``, ``("profile_url",
"ada.example/about")`` (see :func:`normalise_url`) or ``("email", sha256 hex of the lower-cased
address)``: emails are compared, and stored in the index, only as hashes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit

from enrichment.matching.names import parse_name
from enrichment.model import IDENTIFIER_KINDS, MANY_PERSON_KINDS, Candidate, ProfileRecord

#: Identifier kinds in the order they are trusted; ``method`` of a match names one.
EXACT_METHODS = ("orcid", "github", "wikidata", "profile_url", "email")
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "ref", "ref_src", "mc_cid", "mc_eid", "igshid"})
#: Hosts whose paths are case-insensitive (user names).
CASELESS_HOSTS = frozenset({"github.com", "linkedin.com", "twitter.com", "x.com", "gitlab.com"})
_ORCID = re.compile(r"(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dXx])")
_QID = re.compile(r"\b(Q\d+)\b", re.IGNORECASE)
_GITHUB = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")


def normalise_url(url: str) -> str:
    """``https://www.Ada.example/about/?utm_source=x`` -> ``ada.example/about``.

    Drops the scheme, ``www.``, default ports, the fragment, a trailing slash and tracking
    parameters (``utm_*``, ``fbclid``, ``gclid``, ``ref`` ...); lower-cases the host (and the
    path on hosts whose paths are user names); sorts the remaining query parameters.
    """
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:  # "tel:+15551234" read as host "tel", port "+15551234"
        port = None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    if host in CASELESS_HOSTS:
        path = path.lower()
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    )
    return host + path + (f"?{urlencode(query)}" if query else "")


def email_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()


def orcid_id(value: str) -> str | None:
    match = _ORCID.search(value)
    if not match:
        return None
    digits = match.group(1).replace("-", "").upper()
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def github_login(value: str) -> str | None:
    text = value.strip()
    if "github.com" in text.lower():
        path = normalise_url(text).split("/", 2)
        text = path[1] if len(path) > 1 else ""
    text = text.lstrip("@").lower()
    return text if _GITHUB.match(text) else None


def wikidata_id(value: str) -> str | None:
    match = _QID.search(value)
    return match.group(1).upper() if match else None


_PARSERS = {"orcid": orcid_id, "github": github_login, "wikidata": wikidata_id}


def _from_url(url: str) -> Iterator[tuple[str, str]]:
    """A URL of an identifier's home (orcid.org, github.com, wikidata.org) and the URL itself."""
    norm = normalise_url(url)
    host = norm.split("/", 1)[0]
    if host.endswith("orcid.org") and (value := orcid_id(norm)):
        yield "orcid", value
    elif host == "github.com" and norm.count("/") == 1 and (value := github_login(url)):
        yield "github", value
    elif host.endswith("wikidata.org") and (value := wikidata_id(norm)):
        yield "wikidata", value
    yield "profile_url", norm


def candidate_identifiers(candidate: Candidate) -> Iterator[tuple[str, str]]:
    """Every exact identifier a stored candidate carries."""
    for ref in candidate.profiles:
        parser = _PARSERS.get(ref.kind)
        if parser and ref.id and (value := parser(ref.id)):
            yield ref.kind, value
        if ref.url:
            yield from _from_url(ref.url)
    for address in candidate.emails:
        yield "email", email_hash(address)


def profile_identifiers(profile: ProfileRecord) -> Iterator[tuple[str, str]]:
    """Every exact identifier a profile record carries.

    The URL of a many-person source (a team page, a feed) names many people, so it is not one.
    """
    for kind, raw in profile.identifiers.items():
        parser = _PARSERS.get(kind)
        if parser and (value := parser(raw)):
            yield kind, value
        elif kind in ("url", "website", "jsonresume"):
            yield from _from_url(raw)
        elif kind == "email":
            yield "email", email_hash(raw)
    if profile.url and profile.kind not in MANY_PERSON_KINDS:
        parser = _PARSERS.get(profile.kind)
        if profile.kind in IDENTIFIER_KINDS and parser and (value := parser(profile.url)):
            yield profile.kind, value
        yield from _from_url(profile.url)
    for address in profile.emails:
        yield "email", email_hash(address)


def profile_key(profile: ProfileRecord, identifiers: list[tuple[str, str]] | None = None) -> str:
    """A stable key of "this profile" for remembering review decisions.

    ``kind|locator|name``: the locator is the profile's strongest identifier (or its
    normalised URL), the name its normalised ``first last``; so the same person on the same
    team page has the same key run after run, and two people on one page have different keys.
    """
    if identifiers is None:
        identifiers = list(profile_identifiers(profile))
    ids = dict(reversed(identifiers))
    locator = next((f"{m}:{ids[m]}" for m in EXACT_METHODS if m in ids), "")
    if not locator and profile.url:
        locator = "url:" + normalise_url(profile.url)
    return f"{profile.kind}|{locator}|{parse_name(profile.full_name).key}"
