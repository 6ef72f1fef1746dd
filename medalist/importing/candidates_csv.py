"""Candidates from an ATS CSV export (contract section 4).

Columns: ``external_id, full_name, email, location, current_title, current_company,
current_start, profile_urls, orcid, github, skills, applied_req_id, stage_reached``;
``profile_urls``, ``skills`` (and several e-mails) are separated by ``;``. Only
``external_id`` and ``full_name`` are required; unknown columns are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from enrichment.dates import PartialDate
from enrichment.errors import InvalidDate, InvalidInput
from enrichment.model import Application, Candidate, Position, ProfileRef, dedupe
from medalist.importing._csvrows import csv_rows
from medalist.importing.profiles import github_login, orcid_id, profile_from_url, unique_profiles
from medalist.importing.report import BadRow, Row

COLUMNS = (
    "external_id",
    "full_name",
    "email",
    "location",
    "current_title",
    "current_company",
    "current_start",
    "profile_urls",
    "orcid",
    "github",
    "skills",
    "applied_req_id",
    "stage_reached",
)
REQUIRED = ("external_id", "full_name")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class _Bad(Exception):
    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def _text(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _date(value: str | None, field: str) -> PartialDate | None:
    try:
        return PartialDate.parse(value or None)
    except InvalidDate as error:
        prefix = f"{value!r} is not a date"
        reason = error.reason if error.reason.startswith(prefix) else f"{prefix} ({error.reason})"
        raise _Bad(field, reason) from None


def candidate_from_csv(row: dict[str, str]) -> Candidate:
    """A candidate from one CSV row; raises :class:`InvalidInput` naming the column."""
    try:
        return _candidate(row)
    except _Bad as bad:
        raise InvalidInput(bad.reason, field=bad.field) from None


def _candidate(row: dict[str, str]) -> Candidate:
    external_id = _text(row.get("external_id"))
    if not external_id:
        raise _Bad("external_id", "is required")
    full_name = _text(row.get("full_name"))
    if not full_name:
        raise _Bad("full_name", "is required")
    emails = [e.lower() for e in _split((row.get("email") or "").replace(",", ";"))]
    for email in emails:
        if not _EMAIL.match(email):
            raise _Bad("email", f"{email!r} is not an e-mail address")
    profiles: list[ProfileRef] = []
    for url in _split(row.get("profile_urls")):
        try:
            profiles.append(profile_from_url(url))
        except InvalidInput as error:
            raise _Bad("profile_urls", error.reason) from None
    for column, build in (("orcid", orcid_id), ("github", github_login)):
        value = _text(row.get(column))
        if value:
            try:
                profiles.append(ProfileRef(column, id=build(value)))
            except InvalidInput as error:
                raise _Bad(column, error.reason) from None
    title, company = _text(row.get("current_title")), _text(row.get("current_company"))
    start = _date(row.get("current_start"), "current_start")
    positions: tuple[Position, ...] = ()
    if title or company:
        positions = (Position(title=title, company=company, start=start),)
    elif start is not None:
        raise _Bad("current_start", "is given without a current_title or current_company")
    req_id, stage = _text(row.get("applied_req_id")), _text(row.get("stage_reached"))
    if stage and not req_id:
        raise _Bad("applied_req_id", "is required when stage_reached is given")
    return Candidate(
        external_id=external_id,
        full_name=full_name,
        emails=tuple(dict.fromkeys(emails)),
        location=_text(row.get("location")),
        profiles=unique_profiles(profiles),
        positions=positions,
        skills=dedupe(_split(row.get("skills"))),
        applications=(Application(req_id, stage),) if req_id else (),
    )


def read_candidates_csv(path: Path, shown: str) -> Iterator[Row[Candidate] | BadRow]:
    for item in csv_rows(path, shown, REQUIRED, COLUMNS):
        if isinstance(item, BadRow):
            yield item
            continue
        line, values = item
        try:
            candidate = candidate_from_csv(values)
        except InvalidInput as error:
            yield BadRow(shown, line, error.field, error.reason)
            continue
        yield Row(shown, line, candidate.external_id, candidate)
