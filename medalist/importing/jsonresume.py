"""A JSON Resume file as one candidate (contract section 4).

The document is read by the crawler's own parser (``crawler.parsers.jsonresume``), so a
résumé imports exactly as it would be crawled; its profile record becomes the candidate.
The ``external_id`` is ``basics.email`` unless one is given.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from crawler.parsers import Document
from crawler.parsers.jsonresume import parse
from enrichment.errors import InvalidInput, SourceError
from enrichment.model import Candidate, ProfileRecord, ProfileRef
from medalist.importing.profiles import github_login, orcid_id, profile_from_url, unique_profiles
from medalist.importing.report import BadRow, Row


def candidate_from_record(record: ProfileRecord, external_id: str | None = None) -> Candidate:
    """A candidate from a JSON Resume's profile record; raises :class:`InvalidInput`."""
    external_id = external_id or (record.emails[0] if record.emails else None)
    if not external_id:
        raise InvalidInput(
            "is required to name the candidate (or pass --external-id)", field="basics.email"
        )
    profiles: list[ProfileRef] = []
    identifiers = record.identifiers
    website = identifiers.get("website")
    if website:
        try:
            profiles.append(profile_from_url(website))
        except InvalidInput as error:
            raise InvalidInput(error.reason, field="basics.url") from None
    if identifiers.get("orcid"):
        profiles.append(ProfileRef("orcid", id=orcid_id(identifiers["orcid"])))
    if identifiers.get("github"):
        profiles.append(ProfileRef("github", id=github_login(identifiers["github"])))
    return Candidate(
        external_id=external_id,
        full_name=record.full_name,
        emails=record.emails,
        location=record.location,
        profiles=unique_profiles(profiles),
        positions=record.positions,
        skills=record.skills,
        education=record.education,
    )


def read_jsonresume(
    path: Path, shown: str, external_id: str | None = None
) -> Iterator[Row[Candidate] | BadRow]:
    body = path.read_bytes()
    try:
        json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        where = (
            f" (line {error.lineno}, column {error.colno})"
            if isinstance(error, json.JSONDecodeError)
            else ""
        )
        yield BadRow(shown, None, None, f"not valid JSON{where}")
        return
    document = Document(
        url=path.resolve().as_uri(),
        body=body,
        fetched_at=datetime.now(UTC),
        content_type="application/json",
    )
    try:
        records = parse(document)
    except SourceError as error:
        yield BadRow(shown, None, None, str(error).replace(document.url, shown))
        return
    if not records:
        yield BadRow(shown, None, "basics.name", "is required")
        return
    try:
        candidate = candidate_from_record(records[0], external_id)
    except InvalidInput as error:
        yield BadRow(shown, None, error.field, error.reason)
        return
    yield Row(shown, None, candidate.external_id, candidate)
