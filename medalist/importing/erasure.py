"""The suppression list's keyed hashes: what stays of an erased person.

``medalist erase`` deletes everything held on a person and keeps only HMAC-SHA256 digests of
their identifiers, keyed with ``MEDALIST_SECRET_KEY``: the ``external_id``, every e-mail, every
profile (normalised URL, ORCID iD, GitHub login, Wikidata QID) and the name. The import and
``PUT /v1/candidates`` skip, and report, a record any of whose identifiers (not the name) is on
the list; a run drops an entry of a crawled page whose identifiers or name are on it, so a team
page does not bring the person back either.

The key is secret because the identifiers are guessable (an e-mail, a GitHub login): without
the key nobody can test whether a given person was erased. Changing it makes every stored digest
unrecognisable (they cannot be recomputed: the identifiers are gone). Each digest row keeps the
:attr:`ErasureKey.key_id` of the key that made it, so a changed key is reported
(:meth:`ErasureKey.check_rows`) instead of silently letting erased people back in.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from enrichment.errors import ConfigurationError
from enrichment.matching.identifiers import github_login, normalise_url, orcid_id
from enrichment.model import IDENTIFIER_KINDS, MANY_PERSON_KINDS, Candidate, ProfileRecord
from storage.unit_of_work import UnitOfWork

#: Kinds of digest that stop an import (the name only filters crawled entries).
IMPORT_KINDS = frozenset({"external_id", "email", "profile"})
_SPACE = re.compile(r"[\W_]+", re.UNICODE)

NO_KEY = (
    "MEDALIST_SECRET_KEY is not set: erasure keeps a keyed hash of the person's identifiers "
    "so a later import cannot bring them back, and needs a secret key for it. Set "
    "MEDALIST_SECRET_KEY to a long random value (python -c 'import secrets; "
    "print(secrets.token_urlsafe(32))'), keep it with your backups, and never change it "
    "(see docs/privacy.md)"
)


def normalise_name(name: str) -> str:
    """``Dr. María  García-López`` -> ``dr maria garcia lopez``: accents, case and punctuation
    folded, so the digest does not depend on how a page spells the name."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", plain.casefold()).strip()


def profile_forms(kind: str, locator: str) -> list[str]:
    """The normal forms of a profile for the suppression list: ``orcid:0000-...``,
    ``github:login``, ``wikidata:Q42`` or ``url:host/path``. A many-person page's URL is no
    identifier of anyone and gives nothing."""
    text = locator.strip()
    if not text or kind in MANY_PERSON_KINDS:
        return []
    if kind == "orcid":
        found = orcid_id(text)
        return [f"orcid:{found}"] if found else []
    if kind == "github":
        login = github_login(text)
        return [f"github:{login}"] if login else []
    if kind == "wikidata":
        return [f"wikidata:{text.upper()}"]
    return [f"url:{normalise_url(text)}"]


@dataclass(frozen=True, slots=True)
class ErasureKey:
    """``MEDALIST_SECRET_KEY``, or None where it is not set: reading the suppression list works
    without a key only while the list is empty; adding to it always needs one."""

    key: bytes | None

    def _require(self) -> bytes:
        if self.key is None:
            raise ConfigurationError(NO_KEY)
        return self.key

    @property
    def key_id(self) -> str | None:
        """A short digest of the key itself (never the key): which key made a digest."""
        if self.key is None:
            return None
        return hmac.new(self.key, b"medalist-key-id", hashlib.sha256).hexdigest()[:16]

    def digest(self, kind: str, value: str) -> str:
        """HMAC-SHA256 of ``kind:value`` (e-mails and names case-folded, all trimmed)."""
        normalised = value.strip()
        if kind == "email":
            normalised = normalised.casefold()
        elif kind == "name":
            normalised = normalise_name(normalised)
        message = f"{kind}:{normalised}".encode()
        return "hmac-sha256:" + hmac.new(self._require(), message, hashlib.sha256).hexdigest()

    def person(
        self,
        external_id: str | None,
        *,
        emails: Iterable[str] = (),
        profiles: Iterable[tuple[str, str]] = (),
        name: str | None = None,
    ) -> list[tuple[str, str]]:
        """``(kind, digest)`` pairs for everything that identifies a person."""
        pairs: list[tuple[str, str]] = []
        if external_id:
            pairs.append(("external_id", self.digest("external_id", external_id)))
        pairs.extend(("email", self.digest("email", e)) for e in emails if e.strip())
        for kind, locator in profiles:
            pairs.extend(
                ("profile", self.digest("profile", f)) for f in profile_forms(kind, locator)
            )
        if name and normalise_name(name):
            pairs.append(("name", self.digest("name", name)))
        return list(dict.fromkeys(pairs))

    def record(self, record: ProfileRecord) -> list[tuple[str, str]]:
        """The digests of a crawled profile record: its page (unless a many-person page), its
        identifiers, e-mails and name."""
        profiles: list[tuple[str, str]] = []
        if record.url:
            profiles.append((record.kind, record.url))
        for kind, value in record.identifiers.items():
            if kind in IDENTIFIER_KINDS:
                profiles.append((kind, value))
            elif kind in ("website", "jsonresume", "profile_url", "url"):
                profiles.append(("website", value))
        return self.person(None, emails=record.emails, profiles=profiles, name=record.full_name)

    @staticmethod
    def check_rows(key_id: str | None, stored: Mapping[str | None, int]) -> str | None:
        """A warning when digests on the list were made with another key (``stored``: rows
        by ``key_id``), else None. Those people can no longer be recognised."""
        other = sum(n for k, n in stored.items() if k != key_id)
        if not other:
            return None
        return (
            f"{other} entr{'y' if other == 1 else 'ies'} of the erasure suppression list "
            "were made with a different MEDALIST_SECRET_KEY and can no longer be recognised: "
            "restore the original key (docs/privacy.md, 'The secret key')"
        )


def erasure_digests(
    external_id: str, emails: Iterable[str] = (), key: bytes | None = None
) -> list[tuple[str, str]]:
    """``(kind, digest)`` pairs of an ``external_id`` and e-mails (the import's check)."""
    return ErasureKey(key).person(external_id, emails=emails)


def candidate_digests(key: ErasureKey, candidate: Candidate) -> list[str]:
    """The digests that stop an import of ``candidate``: ``external_id``, e-mails, profiles."""
    pairs = key.person(
        candidate.external_id,
        emails=candidate.emails,
        profiles=[(p.kind, p.locator) for p in candidate.profiles],
    )
    return [digest for kind, digest in pairs if kind in IMPORT_KINDS]


def erased_among(uow: UnitOfWork, key: ErasureKey, candidates: Sequence[Candidate]) -> set[str]:
    """The ``external_id`` of each of ``candidates`` who is on the suppression list.

    Without a key this works only while the list is empty; otherwise it is a
    :class:`ConfigurationError` (importing without the key would let erased people back)."""
    if not candidates:
        return set()
    if key.key is None:
        if uow.erased.count():
            raise ConfigurationError(
                "the erasure suppression list is not empty but MEDALIST_SECRET_KEY is not set: "
                "without the key erased people cannot be recognised and would be imported "
                "again; set MEDALIST_SECRET_KEY to the key used by 'medalist erase'"
            )
        return set()
    digests = {c.external_id: candidate_digests(key, c) for c in candidates}
    found = uow.erased.find(d for ds in digests.values() for d in ds)
    return {eid for eid, ds in digests.items() if found.intersection(ds)}


def erased_message(external_id: str) -> str:
    """What an import or upsert says of a person it skipped because they were erased."""
    return (
        f"{external_id!r} skipped: this person was erased and must not be imported again; "
        "remove them from the export"
    )
