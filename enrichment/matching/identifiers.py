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
from functools import lru_cache
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
    locator = ""
    if identifiers:
        ids = dict(reversed(identifiers))
        locator = next((f"{m}:{ids[m]}" for m in EXACT_METHODS if m in ids), "")
    if not locator and profile.url:
        locator = "url:" + normalise_url(profile.url)
    return f"{profile.kind}|{locator}|{parse_name(profile.full_name).key}"


# -- co-located identifiers: a personal web domain ------------------------------------------

#: mail providers: an address there says nothing about where its owner publishes
WEBMAIL = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "ymail.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "protonmail.com",
        "proton.me",
        "pm.me",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "qq.com",
        "163.com",
        "126.com",
        "naver.com",
        "fastmail.com",
        "zoho.com",
        "tutanota.com",
        "hey.com",
        # reserved for documentation and tests (RFC 2606): shared by every made-up person
        "example.com",
        "example.org",
        "example.net",
    }
)
#: sites where many people publish under one domain: the domain is no one's own
PLATFORMS = frozenset(
    {
        "github.com",
        "gitlab.com",
        "bitbucket.org",
        "linkedin.com",
        "twitter.com",
        "x.com",
        "facebook.com",
        "instagram.com",
        "youtube.com",
        "medium.com",
        "orcid.org",
        "wikidata.org",
        "wikipedia.org",
        "researchgate.net",
        "academia.edu",
        "google.com",
        "about.me",
        "stackoverflow.com",
        "kaggle.com",
        "behance.net",
        "dribbble.com",
        "mastodon.social",
        "substack.com",
        "wordpress.com",
        "blogspot.com",
        "github.io",
        "gitlab.io",
    }
)
#: hosts under which each subdomain is one person's site (``adal.github.io``)
PER_USER_SUFFIXES = (
    ".github.io",
    ".gitlab.io",
    ".netlify.app",
    ".vercel.app",
    ".pages.dev",
    ".wordpress.com",
    ".blogspot.com",
    ".substack.com",
    ".medium.com",
    ".notion.site",
)
#: second-level labels of country registries (``example.co.uk``: the domain has three labels)
_REGISTRY_SECOND = frozenset({"co", "com", "ac", "org", "net", "gov", "edu", "ne", "or", "go"})


@lru_cache(maxsize=65_536)
def web_domain(host: str) -> str | None:
    """The part of a host (or an e-mail domain) that one owner controls, or ``None`` for a
    platform many people publish on: ``blog.ada.example`` -> ``ada.example``,
    ``adal.github.io`` -> itself, ``cs.ox.ac.uk`` -> ``ox.ac.uk``, ``github.com`` -> None."""
    host = host.strip().lower().rstrip(".").split(":", 1)[0]
    if host.startswith("www."):
        host = host[4:]
    if "." not in host or host.replace(".", "").isdigit():
        return None
    for suffix in PER_USER_SUFFIXES:
        if host.endswith(suffix):
            user = host[: -len(suffix)].rsplit(".", 1)[-1]
            return f"{user}{suffix}" if user else None
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _REGISTRY_SECOND and len(labels[-1]) == 2 else 2
    domain = ".".join(labels[-keep:])
    return None if domain in PLATFORMS or domain in WEBMAIL else domain


def _url_domain(url: str) -> str | None:
    return web_domain(normalise_url(url).split("/", 1)[0])


def _mail_domain(address: str) -> str | None:
    _, at, domain = address.strip().rpartition("@")
    return web_domain(domain) if at else None


def _github_pages(login: str | None) -> str | None:
    return f"{login}.github.io" if login else None


def candidate_domains(candidate: Candidate) -> set[str]:
    """The personal web domains a stored candidate is found at: their sites' and their
    e-mail addresses' domains, and the GitHub Pages site of their GitHub login."""
    out: set[str | None] = set()
    for ref in candidate.profiles:
        if ref.url:
            out.add(_url_domain(ref.url))
        if ref.kind == "github" and ref.id:
            out.add(_github_pages(github_login(ref.id)))
        elif ref.url and ref.kind in ("github", "website"):
            found = dict(_from_url(ref.url))
            out.add(_github_pages(found.get("github")))
    out.update(_mail_domain(a) for a in candidate.emails)
    return {d for d in out if d}


def profile_domains(profile: ProfileRecord) -> set[str]:
    """The personal web domains a profile record shows: its own URL's (not a many-person
    source's), the sites and addresses it links to, the GitHub Pages site of its login."""
    out: set[str | None] = set()
    if profile.url and profile.kind not in MANY_PERSON_KINDS:
        out.add(_url_domain(profile.url))
        if profile.kind == "github":
            out.add(_github_pages(github_login(profile.url)))
    for kind, raw in profile.identifiers.items():
        if kind == "github":
            out.add(_github_pages(github_login(raw)))
        elif kind == "email":
            out.add(_mail_domain(raw))
        elif kind in ("url", "website", "jsonresume"):
            out.add(_url_domain(raw))
            out.add(_github_pages(dict(_from_url(raw)).get("github")))
    out.update(_mail_domain(a) for a in profile.emails)
    return {d for d in out if d}


def domain_key(domain: str) -> str:
    """What the index keeps of a domain: a short hash (an e-mail address's domain is part
    of the address, and the index holds addresses only as hashes)."""
    return hashlib.blake2b(domain.encode("utf-8"), digest_size=8).hexdigest()
