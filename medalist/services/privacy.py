"""A person's rights: "may we process this person", objection (opt-out) and erasure.

**The predicate.** :attr:`storage.models.CandidateRow.may_process` is the one answer, in
Python and in SQL; :func:`may_process` asks it by ``external_id``. Planning a run, applying a
candidate, the events feed, webhook deliveries, queued refreshes and review decisions all ask
it. :class:`PrivacyScreen` applies it to what a crawl brings back: an entry of a team page or
feed that is an opted-out person (the matcher links it to them, or would ask about them), or
whose identifiers or name are on the erasure suppression list, is dropped before anything is
stored (no snapshot record, no match, no review item, no event).

**Opt-out** (GDPR Art. 21): :func:`opt_out` stops all processing at once; deliveries not yet
made of their events and review items proposing them are dropped; their entries in watched
sources' snapshots are removed. ``undo`` withdraws it.

**Erasure** (Art. 17): :func:`erase` deletes every row about the person (see
docs/privacy.md for the list) and keeps keyed hashes of their identifiers
(:mod:`medalist.importing.erasure`).

Both are written to the audit log with the ``actor`` given.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from enrichment.errors import InvalidRecord
from enrichment.matching import CandidateIndex
from enrichment.model import Candidate, ProfileRecord, format_timestamp, utcnow
from enrichment.protocol import Result
from medalist.importing.erasure import NO_KEY, ErasureKey, normalise_name
from medalist.services import Sessions
from medalist.services.audit import record
from medalist.services.errors import NotConfigured, NotFound
from medalist.services.schemas import Erased, OptOut
from storage.models import CandidateRow
from storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

#: What replaces a trace of an erased person in a log line.
REDACTED = "[erased]"


def _missing(external_id: str) -> NotFound:
    return NotFound(f"no stored candidate {external_id!r}", code="candidate_not_found")


def may_process(sessions: Sessions, external_id: str) -> bool:
    """Whether medalist may fetch, link, store or send anything about this person: a stored
    candidate who has not opted out."""
    with UnitOfWork(sessions) as uow:
        row = uow.candidates.get_row(external_id)
        return row is not None and row.may_process


def fetch_objection(sessions: Sessions, kind: str, locator: str) -> str | None:
    """Why a source may not be fetched by hand (``medalist fetch``): it belongs to a person who
    opted out. ``None`` when it may be."""
    with UnitOfWork(sessions) as uow:
        owner = uow.sources.opted_out_owner(kind, locator)
    if owner is None:
        return None
    return f"{locator} is a source of {owner}, who opted out; medalist does not fetch it"


def _pattern(needles: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern of whole ``needles`` (not inside a longer word or id)."""
    words = sorted({n.strip() for n in needles if n and len(n.strip()) >= 3}, key=len)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in reversed(words))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


class Traces:
    """What identifies one person: their name, ``external_id``, e-mails and profile URLs
    (found anywhere in stored JSON and log lines), and their API identifiers (an ORCID iD, a
    GitHub login: short, so found in a stored record only as an identifier, but blanked out of
    log lines wherever they stand as a word)."""

    def __init__(
        self, words: Iterable[str], identifiers: Iterable[str] = (), name: str | None = None
    ) -> None:
        self._ids = {i.strip().casefold() for i in identifiers if i and i.strip()}
        self._words = _pattern(words)
        self._everything = _pattern([*words, *self._ids])
        self._name = normalise_name(name) if name else ""

    @classmethod
    def of(cls, row: CandidateRow) -> Traces:
        words = [row.external_id, row.full_name, *(row.emails or ())]
        identifiers: list[str] = []
        for source in row.sources:
            words.extend(v for v in (source.url,) if v)
            if source.identifier:
                identifiers.append(source.identifier)
        return cls(words, identifiers, row.full_name)

    def in_text(self, text: str) -> bool:
        return self._everything is not None and self._everything.search(text) is not None

    def in_json(self, data: Mapping[str, Any]) -> bool:
        """Whether a stored record (a profile, a snapshot entry) is about or names the person."""
        if self._name and normalise_name(str(data.get("full_name") or "")) == self._name:
            return True
        identifiers = data.get("identifiers")
        if isinstance(identifiers, Mapping) and any(
            str(v).strip().casefold() in self._ids for v in identifiers.values()
        ):
            return True
        text = json.dumps(data, ensure_ascii=False, default=str)
        return self._words is not None and self._words.search(text) is not None

    def redact(self, text: str) -> str:
        return self._everything.sub(REDACTED, text) if self._everything is not None else text


class PrivacyScreen:
    """What a run may keep of a crawl result: records about people it may not process are
    dropped (built once per run; see the module docstring)."""

    def __init__(
        self, key: ErasureKey, *, suppression: bool, objected: Iterable[Candidate]
    ) -> None:
        self.key = key
        self.suppression = suppression and key.key is not None
        people = list(objected)
        self._index = CandidateIndex.build(people) if people else None

    @classmethod
    def load(cls, uow: UnitOfWork, key: ErasureKey) -> PrivacyScreen:
        listed = uow.erased.count() > 0
        if listed and key.key is None:
            log.warning(
                "MEDALIST_SECRET_KEY is not set: erased people cannot be recognised on crawled "
                "pages this run; set it to the key used by 'medalist erase'"
            )
        return cls(key, suppression=listed, objected=uow.candidates.opted_out())

    def objected_to(self, record: ProfileRecord, *, strong: bool = False) -> bool:
        """The record may be an opted-out person: the matcher links it to one of them or
        (unless ``strong``) would ask a person about it."""
        if self._index is None:
            return False
        wanted = ("link",) if strong else ("link", "review")
        return self._index.match(record).decision in wanted

    def drops(self, data: Mapping[str, Any]) -> bool:
        """Whether one stored-record dict is about an opted-out person (opt-out scrubbing)."""
        try:
            return self.objected_to(ProfileRecord.from_dict(data))
        except InvalidRecord:
            return False

    def screen(self, uow: UnitOfWork, result: Result, *, many: bool = True) -> Result:
        """``result`` without the records of people medalist may not process.

        For a many-person source (``many``) a record goes when it could be an opted-out person
        or when its identifiers or name are on the suppression list: an entry there has little
        more than a name. On a candidate's own source only strong evidence counts (a link to
        an opted-out person, an identifier on the list), so a namesake's page is not lost."""
        if not result.records or (self._index is None and not self.suppression):
            return result
        parsed: list[tuple[Any, ProfileRecord | None]] = []
        for data in result.records:
            try:
                parsed.append((data, ProfileRecord.from_dict(data)))
            except (InvalidRecord, TypeError, AttributeError):
                parsed.append((data, None))  # skipped (and logged) by the run anyway
        erased: set[str] = set()
        digests: list[list[str]] = []
        if self.suppression:
            digests = [
                [d for kind, d in self.key.record(r) if many or kind != "name"] if r else []
                for _, r in parsed
            ]
            erased = uow.erased.find(d for ds in digests for d in ds)
        kept = []
        for i, (data, profile) in enumerate(parsed):
            if profile is not None and (
                (erased and erased.intersection(digests[i]))
                or self.objected_to(profile, strong=not many)
            ):
                continue
            kept.append(data)
        if len(kept) != len(result.records):
            log.info(
                "source %s: %d record(s) dropped for privacy",
                result.source_id,
                len(result.records) - len(kept),
            )
            result.records = kept
        return result


def opt_out(
    sessions: Sessions,
    external_id: str,
    *,
    actor: str,
    undo: bool = False,
    now: datetime | None = None,
) -> OptOut:
    """Record the person's objection (or, ``undo``, its withdrawal). Processing stops at once:
    runs skip them, entries of many-person sources matching them are dropped, their events
    leave the CRM feed, deliveries not yet made and review items proposing them are dropped,
    and their entries in watched sources' snapshots are removed."""
    when = now or utcnow()
    wanted = not undo
    with UnitOfWork(sessions) as uow:
        row = uow.candidates.get_row(external_id)
        if row is None:
            raise _missing(external_id)
        if row.opted_out == wanted:
            return OptOut(
                external_id=external_id,
                opted_out=row.opted_out,
                opted_out_at=format_timestamp(row.opted_out_at) if row.opted_out_at else None,
                changed=False,
            )
        deliveries = reviews = scrubbed = 0
        if wanted:
            deliveries = uow.webhooks.drop_pending(row.id)
            reviews = uow.matches.drop_pending(row.id)
            screen = PrivacyScreen(
                ErasureKey(None), suppression=False, objected=[uow.candidates.to_domain(row)]
            )
            scrubbed = uow.snapshots.scrub(screen.drops, watched_only=True)
        uow.candidates.set_opted_out(external_id, wanted, when)
        record(
            uow,
            actor,
            "optout" if wanted else "optout_undo",
            subject=external_id,
            detail={
                "dropped_deliveries": deliveries,
                "dropped_reviews": reviews,
                "dropped_snapshot_records": scrubbed,
            }
            if wanted
            else {},
            now=when,
        )
        uow.commit()
    return OptOut(
        external_id=external_id,
        opted_out=wanted,
        opted_out_at=format_timestamp(when) if wanted else None,
        dropped_deliveries=deliveries,
        dropped_reviews=reviews,
    )


def pseudonym(key: ErasureKey, external_id: str) -> str:
    """What the audit log calls an erased person: ``erased:`` and part of a keyed digest of
    their ``external_id`` (whoever knows the id and the key can find their entries)."""
    return "erased:" + key.digest("external_id", external_id).removeprefix("hmac-sha256:")[:16]


def erase(
    sessions: Sessions,
    external_id: str,
    *,
    actor: str,
    erasure_key: bytes | None,
    now: datetime | None = None,
) -> Erased:
    """Delete every row about the person and keep only keyed hashes of their identifiers on
    the suppression list. :class:`NotConfigured` without ``MEDALIST_SECRET_KEY``."""
    key = ErasureKey(erasure_key)
    if key.key is None:
        raise NotConfigured(NO_KEY, code="secret_key_missing")
    when = now or utcnow()
    with UnitOfWork(sessions) as uow:
        row = uow.candidates.get_row(external_id)
        if row is None:
            raise _missing(external_id)
        traces = Traces.of(row)
        digests = key.person(
            row.external_id,
            emails=list(row.emails or ()),
            profiles=[(s.kind, s.locator) for s in row.sources],
            name=row.full_name,
        )
        removed = {
            "events": len(uow.events.for_candidate(row.id)),
            "deliveries": uow.webhooks.drop_pending(row.id),
            "sources": len(row.sources),
            "matches": uow.matches.drop_mentioning(traces.in_json),
        }
        removed["matches"] += len(uow.matches.for_candidate(row.id))
        removed["snapshot_records"] = uow.snapshots.scrub(traces.in_json)
        uow.candidates.delete(external_id)
        removed["candidate"] = 1
        removed["run_errors"] = uow.runs.redact_errors(traces.redact)
        removed["source_errors"] = uow.sources.redact_errors(traces.redact)
        alias = pseudonym(key, external_id)
        removed["audit_entries"] = uow.audit.pseudonymise(external_id, alias)
        suppressed = uow.erased.add(digests, when, key_id=key.key_id)
        record(uow, actor, "erase", subject=alias, detail={"removed": removed}, now=when)
        uow.commit()
        uow.erased.forget_freed_pages()
    return Erased(external_id=external_id, erased=True, removed=removed, suppressed=suppressed)
